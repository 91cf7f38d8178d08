import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRequestInput } from '@vs/contracts';
import { loadSchemaFiles, serdeFrom, TopicNames } from '@vs/kafka';
import { isTerminal, pipelineHarness, type PipelineHarness } from './pipeline.harness';

const RUNNING_JOB = {
  template_id: 'fintech-card-support',
  template_revision: 1,
  chapter_key: 'disputes',
  tenant_id: 'acme',
  locale: 'en-US',
  record_count: 20_000,
  target_surface: 'qa_fixtures',
} satisfies JobRequestInput;

/**
 * A well-formed Avro frame of another topic's schema (a job.cancelled event) on the generated-records topic,
 * keyed by a running job: decoded blindly it would be read as a record of the wrong shape. It is
 * dead-lettered naming both subjects, and fails only the job it names.
 */
describe('a valid frame of a foreign schema on the generated-records topic', () => {
  let h: PipelineHarness;
  beforeAll(async () => {
    h = await pipelineHarness('foreign-frame');
    await h.start();
  });
  afterAll(async () => h?.close());

  it('is dead-lettered with "schema id N is registered under X, expected Y" and fails its job alone', async () => {
    const topics = new TopicNames(h.config.VS_TOPIC_PREFIX);
    const jobId = await h.trigger(RUNNING_JOB);
    await h.waitForJob(jobId, (r) => ['generating', 'validating'].includes(r.status), 60_000);

    const serde = serdeFrom(h.config);
    const cancelled = topics.of('jobsCancelled');
    await serde.register(cancelled, loadSchemaFiles(join(__dirname, '../../schemas')).get('job-cancelled.avsc')!);
    const frame = await serde.encode(cancelled, {
      job_id: jobId,
      tenant_id: 'acme',
      requested_by: 'intruder',
      requested_at: new Date().toISOString(),
    });
    const kafka = new Kafka({ brokers: h.config.KAFKA_BROKERS, clientId: 'e2e-foreign', logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: topics.of('recordsGenerated'), messages: [{ key: jobId, value: frame }] });
    await producer.disconnect();

    const failed = await h.waitForJob(jobId, isTerminal, 60_000);
    expect(failed.status).toBe('failed');
    const [letter] = await h.database.db.query<{ error: string; consumer: string }>(
      'SELECT error, consumer FROM dead_letters WHERE job_id = $1',
      [jobId],
    );
    expect(letter).toEqual({
      consumer: 'validator',
      error: expect.stringMatching(
        new RegExp(
          `schema id ${frame.readInt32BE(1)} is registered under .*${cancelled}-value.*, expected .*records\\.generated-value`,
        ),
      ) as string,
    });

    const next = await h.trigger({ ...RUNNING_JOB, record_count: 60 });
    const done = await h.waitForJob(next, isTerminal, 60_000);
    expect(done.status, String(done.error)).toBe('completed');
    expect(Number(done.dead_lettered)).toBe(0);
  });
});
