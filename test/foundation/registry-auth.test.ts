import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@vs/config';
import { runStages } from '@vs/stages';
import { isTerminal, pipelineHarness, type PipelineHarness } from '../pipeline/pipeline.harness';
import { BasicAuthProxy } from './basic-auth-proxy';

describe('the pipeline with a schema registry that requires basic auth', () => {
  let proxy: BasicAuthProxy;
  let h: PipelineHarness;

  beforeAll(async () => {
    proxy = await BasicAuthProxy.start(loadConfig().SCHEMA_REGISTRY_URL, 'sr-key', 'sr-secret');
    h = await pipelineHarness('registry-auth', {
      SCHEMA_REGISTRY_URL: proxy.url,
      SCHEMA_REGISTRY_USERNAME: 'sr-key',
      SCHEMA_REGISTRY_PASSWORD: 'sr-secret',
    });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await proxy?.close();
  });

  it('registers, grows the accepted-record union and decodes through it with the configured credentials', async () => {
    await h.start();
    const jobId = await h.trigger({
      template_id: 'fintech-card-support',
      template_revision: 1,
      chapter_key: 'card_security',
      tenant_id: 'acme',
      locale: 'en-US',
      record_count: 40,
      target_surface: 'qa_fixtures',
    });
    const row = await h.waitForJob(jobId, isTerminal, 120_000);
    expect(row.status, String(row.error)).toBe('completed');
    expect(row.accepted_records + row.rejected_records).toBe(40);
    expect(proxy.authorized).toBeGreaterThan(0);
    expect(proxy.refused).toBe(0);
  }, 180_000);

  it('refuses to start without the credentials, naming the registry refusal', async () => {
    // Everything the pipeline above had but the registry credentials (an empty value counts as unset).
    const config = loadConfig({
      ...process.env,
      KAFKA_BROKERS: h.config.KAFKA_BROKERS.join(','),
      SCHEMA_REGISTRY_URL: proxy.url,
      SCHEMA_REGISTRY_USERNAME: '',
      SCHEMA_REGISTRY_PASSWORD: '',
      DATABASE_URL: h.config.DATABASE_URL,
      VS_TOPIC_PREFIX: `${h.config.VS_TOPIC_PREFIX}anon.`,
    });
    await expect(runStages('registry-anonymous', ['status-consumer'], { config, serveHealth: false })).rejects.toThrow(
      /refusing to start: could not register .*401/,
    );
    expect(proxy.refused).toBeGreaterThan(0);
  }, 60_000);
});
