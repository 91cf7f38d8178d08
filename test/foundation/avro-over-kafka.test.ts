import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dlqName, ensureTopics, MessageConsumer, type AvroSchema, type ConsumedMessage } from '@vs/kafka';
import { kafkaHarness, waitFor } from './kafka-harness';

const sampleSchema: AvroSchema = {
  type: 'record',
  name: 'Sample',
  namespace: 'velocity_synth.test',
  fields: [
    { name: 'job_id', type: 'string' },
    { name: 'count', type: 'long' },
    { name: 'score', type: 'double' },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
};

describe('Avro over a real Kafka topic', () => {
  const h = kafkaHarness('avro');
  const topic = `${h.prefix}samples`;
  const received: ConsumedMessage<Record<string, unknown>>[] = [];
  let consumer: MessageConsumer<Record<string, unknown>>;

  beforeAll(async () => {
    await ensureTopics(h.kafka, [topic], 3);
    await h.serde.register(topic, sampleSchema);
    await h.publisher.connect();
    consumer = new MessageConsumer({
      name: 'sample-consumer',
      kafka: h.kafka,
      serde: h.serde,
      publisher: h.publisher,
      metrics: h.metrics,
      logger: h.logger,
      groupId: `${h.prefix}group`,
      topics: [topic],
      maxRetryTimeMs: 2_000,
      handle: async (messages) => {
        received.push(...messages);
      },
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer.stop();
    await h.publisher.disconnect();
  });

  it('returns a produced record decoded and equal, keyed by job id', async () => {
    const value = { job_id: 'job-1', count: 42, score: 0.75, tags: ['a', 'b'], note: 'hello' };
    await h.publisher.publish(topic, [{ key: 'job-1', value }]);
    const message = await waitFor(() => received.find((m) => m.key === 'job-1'), 30_000, 'the record');
    expect(message.value).toEqual(value);
  });

  it('dead-letters an undecodable message with the error in its headers and keeps consuming', async () => {
    await h.publisher.publishRaw(topic, [{ key: 'job-poison', value: Buffer.from('not avro'), headers: {} }]);
    await h.publisher.publish(topic, [
      { key: 'job-2', value: { job_id: 'job-2', count: 1, score: 1, tags: [], note: null } },
    ]);
    await waitFor(() => received.find((m) => m.key === 'job-2'), 30_000, 'the record after the poison one');

    const dlq = h.kafka.consumer({ groupId: `${h.prefix}dlq-reader` });
    const letters: { key: string; headers: Record<string, string> }[] = [];
    await dlq.connect();
    await dlq.subscribe({ topic: dlqName(topic), fromBeginning: true });
    await dlq.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        letters.push({ key: message.key!.toString(), headers });
      },
    });
    const letter = await waitFor(() => letters.find((l) => l.key === 'job-poison'), 30_000, 'the dead letter');
    await dlq.disconnect();
    expect(letter.headers['x-error-class']).toBe('PoisonMessageError');
    expect(letter.headers['x-error-message']).toMatch(/Confluent Avro wire format/);
    expect(letter.headers['x-original-topic']).toBe(topic);
    expect(received.some((m) => m.key === 'job-poison')).toBe(false);
  });
});
