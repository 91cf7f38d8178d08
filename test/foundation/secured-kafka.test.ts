import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@vs/config';
import { runStages } from '@vs/stages';
import { isTerminal, pipelineHarness, type PipelineHarness } from '../pipeline/pipeline.harness';
import { ScratchBroker } from '../outbox/scratch-broker';

/** A broker of the test's own that only talks SASL/PLAIN, as a secured cluster would. */
describe('the pipeline on a Kafka cluster that requires SASL authentication', () => {
  let broker: ScratchBroker;
  let h: PipelineHarness;

  beforeAll(async () => {
    broker = await ScratchBroker.create({ saslPlainUsers: { admin: 'admin-secret', pipeline: 'pipeline-secret' } });
    await broker.start();
    h = await pipelineHarness('sasl', {
      KAFKA_BROKERS: broker.brokers,
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'pipeline',
      KAFKA_SASL_PASSWORD: 'pipeline-secret',
    });
  }, 180_000);

  afterAll(async () => {
    await h?.close();
    await broker?.destroy();
  });

  it('runs a job end to end with the configured credentials', async () => {
    await h.start();
    const jobId = await h.trigger({
      template_id: 'retail-customer-orders',
      template_revision: 1,
      chapter_key: 'online_checkout',
      tenant_id: 'acme',
      locale: 'en-US',
      record_count: 60,
      target_surface: 'qa_fixtures',
    });
    const row = await h.waitForJob(jobId, isTerminal, 120_000);
    expect(row.status, String(row.error)).toBe('completed');
    expect(row.accepted_records + row.rejected_records).toBe(60);
  }, 180_000);

  it('refuses to start with a wrong password, saying authentication failed', async () => {
    const config = loadConfig({ ...process.env, ...envOf(h), KAFKA_SASL_PASSWORD: 'wrong' });
    await expect(runStages('sasl-wrong-password', ['status-consumer'], { config, serveHealth: false })).rejects.toThrow(
      /SASL PLAIN authentication failed/i,
    );
  }, 120_000);
});

function envOf(h: PipelineHarness): Record<string, string> {
  const c = h.config;
  return {
    KAFKA_BROKERS: c.KAFKA_BROKERS.join(','),
    KAFKA_SASL_MECHANISM: c.KAFKA_SASL_MECHANISM!,
    KAFKA_SASL_USERNAME: c.KAFKA_SASL_USERNAME!,
    DATABASE_URL: c.DATABASE_URL,
    VS_TOPIC_PREFIX: c.VS_TOPIC_PREFIX,
  };
}
