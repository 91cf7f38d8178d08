import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRequestInput } from '@vs/contracts';
import { TopicNames, type TopicKey } from '@vs/kafka';
import { isTerminal, pipelineHarness, type PipelineHarness } from './pipeline.harness';

const RUNNING_JOB = {
  template_id: 'retail-customer-orders',
  template_revision: 1,
  chapter_key: 'fulfilment_issues',
  tenant_id: 'acme',
  locale: 'en-US',
  record_count: 3_000,
  target_surface: 'qa_fixtures',
} satisfies JobRequestInput;
const NEXT_JOB = { ...RUNNING_JOB, record_count: 60 } satisfies JobRequestInput;

/** Every topic a stage consumes, and the consumer group that reads it. */
const CONSUMED: [TopicKey, string][] = [
  ['jobsRequested', 'expander'],
  ['jobsCancelled', 'status-cancel'],
  ['promptPacks', 'generator'],
  ['recordsGenerated', 'validator'],
  ['recordsAccepted', 'distributor-accepted'],
  ['recordsPreview', 'distributor-accepted'],
  ['recordsRejected', 'distributor-rejected'],
  ['jobsProgress', 'status-progress'],
];

/**
 * A poison message (bytes that are not Avro) keyed by a running job on each consumed topic: dead-lettered at
 * once, it fails that job alone, naming the stage and the topic, and a job triggered after it completes within
 * seconds.
 */
describe('a poison message on each consumed topic', () => {
  let h: PipelineHarness;
  let kafka: Kafka;
  const figures: Record<string, { seconds_to_failed: number; next_job_seconds: number }> = {};

  beforeAll(async () => {
    h = await pipelineHarness('poison-every-topic');
    kafka = new Kafka({ brokers: h.config.KAFKA_BROKERS, clientId: 'e2e-poison-every', logLevel: logLevel.NOTHING });
    await h.start();
  });
  afterAll(async () => {
    console.log(JSON.stringify(figures));
    await h?.close();
  });

  it.each(CONSUMED)('on %s fails only its own job (%s) and the next job completes', async (key, consumer) => {
    const topic = new TopicNames(h.config.VS_TOPIC_PREFIX).of(key);
    const jobId = await h.trigger(RUNNING_JOB);
    await h.waitForJob(jobId, (r) => ['generating', 'validating'].includes(r.status), 60_000);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: jobId, value: Buffer.from(`poison for ${key}`) }] });
    await producer.disconnect();
    const injectedAt = Date.now();

    const failed = await h.waitForJob(jobId, isTerminal, 60_000);
    const secondsToFailed = (Date.now() - injectedAt) / 1000;
    expect(failed.status).toBe('failed');
    expect(String(failed.error)).toContain(`${consumer}: a message on ${topic}`);
    expect(String(failed.error)).toMatch(/wire format/);
    const letters = await h.database.db.query<{ consumer: string; topic: string }>(
      'SELECT consumer, topic FROM dead_letters WHERE job_id = $1',
      [jobId],
    );
    expect(letters).toEqual([{ consumer, topic }]);
    expect(secondsToFailed).toBeLessThan(30);

    const triggeredAt = Date.now();
    const next = await h.trigger(NEXT_JOB);
    const done = await h.waitForJob(next, isTerminal, 60_000);
    const nextSeconds = (Date.now() - triggeredAt) / 1000;
    expect(done.status, String(done.error)).toBe('completed');
    expect(done.accepted_records + done.rejected_records).toBe(NEXT_JOB.record_count);
    expect(Number(done.dead_lettered)).toBe(0);
    expect(nextSeconds).toBeLessThan(30);
    figures[key] = { seconds_to_failed: secondsToFailed, next_job_seconds: nextSeconds };
  });
});
