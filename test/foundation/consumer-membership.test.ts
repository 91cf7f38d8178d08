import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTopics, MessageConsumer, type AvroSchema, type ConsumedMessage } from '@vs/kafka';
import { kafkaHarness, waitFor } from './kafka-harness';

const schema: AvroSchema = {
  type: 'record',
  name: 'MembershipSample',
  namespace: 'velocity_synth.test',
  fields: [{ name: 'job_id', type: 'string' }],
};

const SESSION_TIMEOUT_MS = 6_000;

/**
 * A chunk handled for longer than the session timeout (a loaded machine, a slow validation) loses the group
 * membership: the coordinator answers the next commit with UNKNOWN_MEMBER_ID. kafkajs wraps that answer in a
 * non-retriable error; thrown out of the batch it stopped the consumer for good while the process lived on
 * (the SIGKILL fault test's validator stalled so). The consumer must rejoin and carry on.
 */
describe('A consumer that lost its group membership in a long chunk', () => {
  const h = kafkaHarness('membership');
  const topic = `${h.prefix}membership`;
  const groupId = `${h.prefix}group`;
  const received: ConsumedMessage<{ job_id: string }>[] = [];
  const admin = h.kafka.admin();
  let consumer: MessageConsumer<{ job_id: string }>;

  async function groupIsEmpty(): Promise<boolean> {
    const { groups } = await admin.describeGroups([groupId]);
    return groups[0]!.members.length === 0;
  }

  beforeAll(async () => {
    await ensureTopics(h.kafka, [topic], 1);
    await h.serde.register(topic, schema);
    await h.publisher.connect();
    await admin.connect();
    consumer = new MessageConsumer({
      name: 'membership-consumer',
      kafka: h.kafka,
      serde: h.serde,
      publisher: h.publisher,
      metrics: h.metrics,
      logger: h.logger,
      groupId,
      topics: [topic],
      sessionTimeoutMs: SESSION_TIMEOUT_MS,
      maxRetryTimeMs: 2_000,
      handle: async (messages) => {
        const firstSlow = messages.some((m) => m.key === 'slow') && !received.some((m) => m.key === 'slow');
        received.push(...messages);
        // Hold the chunk, without heartbeats, until the coordinator has expelled this member.
        if (firstSlow) await waitFor(() => groupIsEmpty(), 60_000, 'the coordinator to expel the member');
      },
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer.stop();
    await admin.disconnect();
    await h.publisher.disconnect();
  });

  it('rejoins the group, is handed the unfinished chunk again and consumes what comes after', async () => {
    await h.publisher.publish(topic, [{ key: 'slow', value: { job_id: 'slow' } }]);
    await waitFor(() => received.some((m) => m.key === 'slow'), 30_000, 'the slow chunk');
    await h.publisher.publish(topic, [{ key: 'after', value: { job_id: 'after' } }]);

    await waitFor(() => received.some((m) => m.key === 'after'), 90_000, 'the message after the long chunk');
    // Uncommitted when the membership was lost, the slow chunk came again after the rejoin.
    expect(received.filter((m) => m.key === 'slow').length).toBeGreaterThanOrEqual(2);
    expect(await groupIsEmpty()).toBe(false);
  }, 150_000);
});
