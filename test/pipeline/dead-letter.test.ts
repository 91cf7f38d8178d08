import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRequestInput } from '@vs/contracts';
import { dlqName, TopicNames } from '@vs/kafka';
import { isTerminal, pipelineHarness, type PipelineHarness } from './pipeline.harness';
import { readTopic } from './topic-reader';

const RUNNING_JOB = {
  template_id: 'retail-customer-orders',
  template_revision: 1,
  chapter_key: 'fulfilment_issues',
  tenant_id: 'acme',
  locale: 'en-US',
  record_count: 20_000,
  target_surface: 'qa_fixtures',
} satisfies JobRequestInput;
const NEXT_JOB = {
  template_id: 'healthcare-appointment-intake',
  template_revision: 1,
  chapter_key: 'urgent_requests',
  tenant_id: 'acme',
  locale: 'fr-FR',
  record_count: 250,
  target_surface: 'demo_bundle',
} satisfies JobRequestInput;

const header = (headers: Record<string, unknown> | undefined, name: string): string | undefined =>
  headers?.[name]?.toString();

describe('an undecodable message on the generated-records topic', () => {
  let h: PipelineHarness;
  let topic: string;
  beforeAll(async () => {
    h = await pipelineHarness('dead-letter');
    topic = new TopicNames(h.config.VS_TOPIC_PREFIX).of('recordsGenerated');
    await h.start();
  });
  afterAll(async () => h?.close());

  it('is dead-lettered with its error, fails its job naming the topic, and the pipeline carries on', async () => {
    const jobId = await h.trigger(RUNNING_JOB);
    await h.waitForJob(jobId, (r) => ['generating', 'validating'].includes(r.status), 60_000);

    const bytes = Buffer.from('definitely not Confluent Avro');
    const kafka = new Kafka({ brokers: h.config.KAFKA_BROKERS, clientId: 'e2e-poison', logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    const [sent] = await producer.send({
      topic,
      messages: [{ key: jobId, value: bytes, headers: { 'x-test': 'poison' } }],
    });
    await producer.disconnect();
    const injectedAt = Date.now();

    const failed = await h.waitForJob(jobId, isTerminal, 60_000);
    const secondsToFailed = (Date.now() - injectedAt) / 1000;
    expect(failed.status).toBe('failed');
    expect(String(failed.error)).toContain(topic);
    expect(String(failed.error)).toMatch(/dead-lettered/);
    expect(Number(failed.dead_lettered)).toBe(1);
    expect(failed.output_manifest).toBeNull();

    const letters = await h.database.db.query<{
      job_id: string;
      topic: string;
      partition: number;
      offset: string;
      consumer: string;
      error: string;
    }>('SELECT job_id::text, topic, partition, "offset", consumer, error FROM dead_letters WHERE job_id = $1', [jobId]);
    expect(letters).toEqual([
      {
        job_id: jobId,
        topic,
        partition: sent!.partition,
        offset: sent!.baseOffset,
        consumer: 'validator',
        error: expect.stringMatching(/wire format/) as string,
      },
    ]);

    const dlq = await readTopic(h.config, dlqName(topic), (ms) => ms.some((m) => m.key?.toString() === jobId), 60_000);
    const letter = dlq.find((m) => m.key?.toString() === jobId)!;
    expect(letter.value).toEqual(bytes);
    expect(header(letter.headers, 'x-error-message')).toMatch(/wire format/);
    expect(header(letter.headers, 'x-error-class')).toBe('PoisonMessageError');
    expect(header(letter.headers, 'x-original-topic')).toBe(topic);
    expect(header(letter.headers, 'x-original-partition')).toBe(String(sent!.partition));
    expect(header(letter.headers, 'x-original-offset')).toBe(sent!.baseOffset);
    expect(header(letter.headers, 'x-consumer')).toBe('validator');
    expect(header(letter.headers, 'x-test')).toBe('poison');

    const nextId = await h.trigger(NEXT_JOB);
    const next = await h.waitForJob(nextId, isTerminal, 120_000);
    expect(next.status, String(next.error)).toBe('completed');
    expect(next.accepted_records + next.rejected_records).toBe(NEXT_JOB.record_count);
    expect(Number(next.dead_lettered)).toBe(0);
    expect((next.output_manifest as { outputs: unknown[] }).outputs).toHaveLength(1);
    console.log(
      JSON.stringify({
        seconds_to_failed: secondsToFailed,
        failed_at_validated: failed.validated_records,
        next_job_seconds:
          (new Date(String(next.completed_at)).getTime() - new Date(String(next.created_at)).getTime()) / 1000,
      }),
    );
  });
});
