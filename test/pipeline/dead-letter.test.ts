import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRequestInput } from '@vs/contracts';
import { recordOutputs } from '@vs/domain';
import { dlqName, TopicNames } from '@vs/kafka';
import {
  expectNoDuplicates,
  expectRejectedKept,
  parseJsonl,
  readFileBytes,
  sha256,
  type ManifestOutputRow,
} from './pipeline-outputs';
import { isTerminal, operator, pipelineHarness, type PipelineHarness } from './pipeline.harness';
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
  /** The 20,000-record job the poison message failed; the rerun test below finishes it. */
  let failedJobId: string | undefined;
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
    failedJobId = jobId;
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
    // One record output; a file surface's quality.html and quality.json follow it.
    expect(recordOutputs((next.output_manifest as { outputs: ManifestOutputRow[] }).outputs)).toHaveLength(1);
    console.log(
      JSON.stringify({
        seconds_to_failed: secondsToFailed,
        failed_at_validated: failed.validated_records,
        next_job_seconds:
          (new Date(String(next.completed_at)).getTime() - new Date(String(next.created_at)).getTime()) / 1000,
      }),
    );
  });

  it('a rerun of the failed job completes it under the same job_id, publishing no record twice', async () => {
    expect(failedJobId, 'the dead-letter test above failed a job').toBeDefined();
    const jobId = failedJobId!;
    await new Promise((r) => setTimeout(r, 1500)); // let the failed run's stragglers land
    const before = await h.waitForJob(jobId, isTerminal);
    const rerunAt = Date.now();
    const queued = await h.jobs.rerun(jobId, {}, operator);
    expect(queued).toMatchObject({ job_id: jobId, status: 'queued', reruns: 1, error: null });

    const done = await h.waitForJob(jobId, isTerminal, 180_000);
    expect(done.status, String(done.error)).toBe('completed');
    expect(done.accepted_records + done.rejected_records).toBe(RUNNING_JOB.record_count);
    expect(done.validated_records).toBe(RUNNING_JOB.record_count);
    expect(done.generated_records).toBe(RUNNING_JOB.record_count);
    expect(Number(done.dead_lettered)).toBe(1); // the history stays on the job
    await expectRejectedKept(h.database.db, jobId, done.rejected_records);

    const [output] = (done.output_manifest as { outputs: ManifestOutputRow[] }).outputs;
    const bytes = readFileBytes(output!.location);
    expect(sha256(bytes)).toBe(output!.sha256);
    const lines = parseJsonl(bytes);
    expect(lines).toHaveLength(done.accepted_records);
    expectNoDuplicates(
      lines.map((l) => l.record_id),
      'record_id in the fixtures file',
    );

    // Each accepted record went out on the accepted topic exactly once, across the failed run and the rerun.
    const acceptedTopic = new TopicNames(h.config.VS_TOPIC_PREFIX).of('recordsAccepted');
    const ofJob = (ms: KafkaMessage[]) => ms.filter((m) => m.key?.toString() === jobId);
    let seenOfJob = 0; // counted as they arrive: refiltering every message would make the read quadratic
    const enough = (ms: KafkaMessage[]) =>
      (seenOfJob += ms[ms.length - 1]!.key?.toString() === jobId ? 1 : 0) >= done.accepted_records;
    const messages = ofJob(await readTopic(h.config, acceptedTopic, enough, 120_000, 2000));
    const ids = messages.map((m) => header(m.headers, 'x-record-id')!);
    expect(messages).toHaveLength(done.accepted_records);
    expectNoDuplicates(ids, 'record_id on the accepted topic');
    expect(new Set(ids)).toEqual(new Set(lines.map((l) => l.record_id)));
    console.log(
      JSON.stringify({
        validated_before_rerun: before.validated_records,
        accepted_before_rerun: before.accepted_records,
        rerun_to_completed_seconds:
          (new Date(String(done.completed_at)).getTime() - new Date(String(done.rerun_at)).getTime()) / 1000,
        rerun_and_topic_read_seconds: (Date.now() - rerunAt) / 1000,
        accepted: done.accepted_records,
        rejected: done.rejected_records,
        accepted_topic_messages: messages.length,
      }),
    );
  }, 240_000);
});
