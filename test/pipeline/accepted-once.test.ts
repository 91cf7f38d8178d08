import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@vs/config';
import type { JobRequestInput } from '@vs/contracts';
import { CommittedOffsets, ensureTopics, TopicNames } from '@vs/kafka';
import { uniqueSuffix } from '@vs/testing';
import { isTerminal, pipelineHarness, type PipelineHarness } from './pipeline.harness';
import { readTopic } from './topic-reader';

const REQUEST = {
  template_id: 'fintech-card-support',
  template_revision: 1,
  chapter_key: 'card_security',
  tenant_id: 'acme',
  locale: 'en-US',
  record_count: 300,
  target_surface: 'qa_fixtures',
} satisfies JobRequestInput;

const ofJob = (jobId: string) => (messages: KafkaMessage[]) => messages.filter((m) => m.key?.toString() === jobId);

describe('a validator that died between its Kafka commit and writing down what it published', () => {
  let h: PipelineHarness;
  let kafka: Kafka;
  let topics: TopicNames;

  beforeAll(async () => {
    h = await pipelineHarness('accepted-once');
    topics = new TopicNames(h.config.VS_TOPIC_PREFIX);
    kafka = new Kafka({ brokers: h.config.KAFKA_BROKERS, clientId: 'e2e-accepted-once', logLevel: logLevel.NOTHING });
    // The crash, injected where it bites: every "published" write after a commit fails, as if the
    // process had died right after the Kafka transaction committed.
    await h.database.db.query(`
      CREATE FUNCTION injected_crash() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected: the validator died before writing published'; END $$;
      CREATE TRIGGER injected_crash BEFORE UPDATE OF published ON job_record_decisions
        FOR EACH ROW WHEN (NEW.published AND NOT OLD.published) EXECUTE FUNCTION injected_crash();`);
    await h.start();
  }, 120_000);
  afterAll(async () => h?.close());

  it('publishes each record once when the generated records arrive a second time', async () => {
    const jobId = await h.trigger(REQUEST);
    const row = await h.waitForJob(jobId, isTerminal, 180_000);
    expect(row.status, String(row.error)).toBe('completed');
    const total = row.accepted_records + row.rejected_records;
    expect(total).toBe(REQUEST.record_count);
    const [state] = await h.database.db.query<{ published: number; noted: number }>(
      `SELECT count(*) FILTER (WHERE published)::int AS published,
              count(*) FILTER (WHERE publishing_offset IS NOT NULL)::int AS noted
         FROM job_record_decisions WHERE job_id = $1`,
      [jobId],
    );
    // The window is open: nothing written down as published, every record's publishing message noted.
    expect(state).toEqual({ published: 0, noted: REQUEST.record_count });

    // The generated records arrive again, as after a generator redelivery or a rerun.
    const generated = ofJob(jobId)(
      await readTopic(h.config, topics.of('recordsGenerated'), (ms) => ofJob(jobId)(ms).length >= total),
    );
    expect(generated).toHaveLength(total);
    const producer = kafka.producer();
    await producer.connect();
    const sent = await producer.send({
      topic: topics.of('recordsGenerated'),
      acks: -1,
      messages: generated.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
    });
    await producer.disconnect();
    expect(sent).toHaveLength(1); // one job, one key, one partition
    const { partition, baseOffset } = sent[0]!;
    const lastResent = (BigInt(baseOffset!) + BigInt(generated.length) - 1n).toString();
    await waitUntilCommittedPast(h.config.VS_TOPIC_PREFIX, partition, lastResent);

    const accepted = ofJob(jobId)(
      await readTopic(
        h.config,
        topics.of('recordsAccepted'),
        (ms) => ofJob(jobId)(ms).length >= row.accepted_records,
        60_000,
        3_000,
      ),
    );
    const recordIds = (ms: KafkaMessage[]) => ms.map((m) => m.headers!['x-record-id']!.toString());
    expect(accepted).toHaveLength(row.accepted_records);
    expect(new Set(recordIds(accepted)).size).toBe(row.accepted_records);
    const after = await h.waitForJob(jobId, isTerminal);
    expect([after.status, after.accepted_records, after.rejected_records]).toEqual([
      'completed',
      row.accepted_records,
      row.rejected_records,
    ]);
  }, 300_000);

  /** Waits until the validator's consumer group has committed past `offset` on the generated topic. */
  async function waitUntilCommittedPast(prefix: string, partition: number, offset: string): Promise<void> {
    const source = { group: topics.group('validator'), topic: topics.of('recordsGenerated'), partition, offset };
    const offsets = new CommittedOffsets(kafka);
    const deadline = Date.now() + 60_000;
    while (!(await offsets.committedPast([source]))[0]) {
      if (Date.now() > deadline) throw new Error(`validator of ${prefix} did not get past offset ${offset}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
});

describe('committed offsets, as the ledger reads them from the broker', () => {
  it('says a message is committed past only when its group committed an offset beyond it', async () => {
    const kafka = new Kafka({ brokers: loadConfig().KAFKA_BROKERS, logLevel: logLevel.NOTHING });
    const topic = `t-committed-${uniqueSuffix()}`;
    const group = `g-committed-${uniqueSuffix()}`;
    await ensureTopics(kafka, [topic], 1);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ value: String(i) })) });
    await producer.disconnect();
    const offsets = new CommittedOffsets(kafka);
    const at = (offset: number) => ({ group, topic, partition: 0, offset: String(offset) });

    expect(await offsets.committedPast([at(0)])).toEqual([false]);
    const admin = kafka.admin();
    await admin.connect();
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: '5' }] });
    await admin.disconnect();
    expect(await offsets.committedPast([at(3), at(4), at(5), at(6)])).toEqual([true, true, false, false]);
  });
});
