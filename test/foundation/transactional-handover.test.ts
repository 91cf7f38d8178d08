import type { KafkaMessage, Transaction } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTopics, MessageConsumer, type AvroSchema } from '@vs/kafka';
import { kafkaHarness, waitFor } from './kafka-harness';

const eventSchema: AvroSchema = {
  type: 'record',
  name: 'HandoverEvent',
  namespace: 'velocity_synth.test',
  fields: [
    { name: 'job_id', type: 'string' },
    { name: 'n', type: 'long' },
  ],
};

/**
 * A consume-transform-produce consumer that died in the middle of a transaction, and the one that takes its
 * partition over: the newcomer must not wait for the dead one's transaction to time out (60 s), and the dead
 * one, should it wake up, must not be able to commit.
 */
describe('exactly-once consumer taking over a partition whose previous owner died mid-transaction', () => {
  const h = kafkaHarness('handover');
  const input = `${h.prefix}in`;
  const output = `${h.prefix}out`;
  const group = `${h.prefix}transformer`;
  let consumer: MessageConsumer<{ job_id: string; n: number }>;
  let zombie: Transaction;
  const committed: KafkaMessage[] = [];
  const reader = h.kafka.consumer({ groupId: `${h.prefix}reader`, maxWaitTimeInMs: 100 });

  beforeAll(async () => {
    await ensureTopics(h.kafka, [input, output], 1);
    await h.serde.register(input, eventSchema);
    await h.serde.register(output, eventSchema);
    await h.publisher.connect();

    // The previous owner: same transactional id as the consumer's producer for input[0], a record sent, no commit.
    const dead = h.kafka.producer({ transactionalId: `${group}.${input}.0`, idempotent: true, maxInFlightRequests: 1 });
    await dead.connect();
    zombie = await dead.transaction();
    await zombie.send({
      topic: output,
      messages: [{ key: 'job-z', value: await h.serde.encode(output, { job_id: 'job-z', n: -1 }) }],
    });

    // A read-committed reader, as downstream teams read: it sees nothing past an open transaction.
    await reader.connect();
    await reader.subscribe({ topic: output, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        committed.push(message);
      },
    });
  });

  afterAll(async () => {
    await reader.disconnect();
    await consumer?.stop();
    await h.publisher.disconnect();
  });

  it('aborts the dead owner transaction at once, publishes its own, and fences the dead owner', async () => {
    consumer = new MessageConsumer({
      name: 'transformer',
      kafka: h.kafka,
      serde: h.serde,
      publisher: h.publisher,
      metrics: h.metrics,
      logger: h.logger,
      groupId: group,
      topics: [input],
      exactlyOnce: true,
      handle: async (messages) => {
        await h.publisher.publish(
          output,
          messages.map((m) => ({ key: m.value.job_id, value: { job_id: m.value.job_id, n: m.value.n * 10 } })),
        );
      },
    });
    await consumer.start();
    await h.publisher.publish(input, [{ key: 'job-1', value: { job_id: 'job-1', n: 7 } }]);

    // Well inside the 60 s transaction timeout that would otherwise hold the reader back.
    await waitFor(() => committed.length > 0, 20_000, 'the newcomer output to become readable');
    const values = await Promise.all(committed.map((m) => h.serde.decode<{ job_id: string; n: number }>(m.value)));
    expect(values).toEqual([{ job_id: 'job-1', n: 70 }]);

    // The dead owner wakes up and tries to finish: it has been fenced.
    await expect(zombie.commit()).rejects.toThrow(/epoch|fenced|producer/i);
    await new Promise((r) => setTimeout(r, 1000));
    expect(committed.map((m) => m.key?.toString())).toEqual(['job-1']);
  }, 60_000);

  it('leaves a batch to the newer owner when it is fenced itself, and takes the partition back without dead-lettering', async () => {
    // Another owner's producer starts with the same id while this consumer still runs: this one is fenced.
    const usurper = h.kafka.producer({
      transactionalId: `${group}.${input}.0`,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await usurper.connect();
    // kafkajs claims the transactional id (InitProducerId) when a producer begins its first transaction.
    await (await usurper.transaction()).abort();
    await h.publisher.publish(input, [{ key: 'job-2', value: { job_id: 'job-2', n: 2 } }]);

    // Its fenced transaction is aborted; the batch is fetched again, a fresh producer takes the id back.
    await waitFor(() => committed.some((m) => m.key?.toString() === 'job-2'), 30_000, 'job-2 output');
    await new Promise((r) => setTimeout(r, 1000));
    expect(committed.map((m) => m.key?.toString())).toEqual(['job-1', 'job-2']);
    const letters = await h.metrics.deadLettered.get();
    expect(letters.values.reduce((sum, v) => sum + v.value, 0)).toBe(0);
    await usurper.disconnect();
  }, 60_000);
});
