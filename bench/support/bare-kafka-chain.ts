// The yardstick of the throughput bench: the pipeline's five high-volume topics with kafkajs alone and no logic.
// Same topic count, partitions, record size and producer settings as the project (libs/kafka/src/kafka-publisher.ts),
// the validator's hop transactional like its exactly-once consumer, consumers reading in chunks and committing
// after each one as MessageConsumer does. What it forwards is opaque bytes: no Avro, no database.
import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type EachBatchPayload, type Producer } from 'kafkajs';
import { TOPICS } from '@vs/kafka';

export interface BareChainOptions {
  brokers: string[];
  partitions: number;
  records: number;
  recordBytes: number;
  /** Share of records the validator's hop sends to the rejected topic (the real job's share). */
  rejectedShare: number;
  /** Messages handed to one send, like the stages' chunk size. */
  chunkSize?: number;
}

export interface BareChainResult {
  records: number;
  seconds: number;
  accepted: number;
  rejected: number;
}

const producerSettings = { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false } as const;

/** Runs `records` records through prompt packs → generated → accepted/rejected → progress, timed end to end. */
export async function runBareChain(options: BareChainOptions): Promise<BareChainResult> {
  const { partitions, records, chunkSize = 500 } = options;
  const prefix = `bench-bare-${Date.now().toString(36)}.`;
  const topic = {
    packs: prefix + TOPICS.promptPacks.name,
    generated: prefix + TOPICS.recordsGenerated.name,
    accepted: prefix + TOPICS.recordsAccepted.name,
    rejected: prefix + TOPICS.recordsRejected.name,
    progress: prefix + TOPICS.jobsProgress.name,
  };
  const kafka = new Kafka({ brokers: options.brokers, clientId: 'bench-bare-chain', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: Object.values(topic).map((name) => ({ topic: name, numPartitions: partitions, replicationFactor: -1 })),
  });
  const producer = kafka.producer(producerSettings);
  await producer.connect();
  const consumers: Consumer[] = [];
  const transactional = new Map<number, Producer>();
  const jobId = randomUUID();
  let accepted = 0;
  let rejected = 0;
  let decided = 0;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  /** A consumer group that hands each chunk to `forward`, commits its offsets after it, and heartbeats. */
  const hop = async (
    group: string,
    from: string[],
    forward: (batch: EachBatchPayload['batch'], chunk: typeof batch.messages) => Promise<boolean>,
  ) => {
    const consumer = kafka.consumer({ groupId: prefix + group, maxWaitTimeInMs: 200, allowAutoTopicCreation: false });
    consumers.push(consumer);
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topics: from, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        for (let start = 0; start < batch.messages.length; start += chunkSize) {
          const chunk = batch.messages.slice(start, start + chunkSize);
          const last = chunk[chunk.length - 1]!.offset;
          const committedInTransaction = await forward(batch, chunk);
          resolveOffset(last);
          if (!committedInTransaction) {
            const offset = (BigInt(last) + 1n).toString();
            await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset }]);
          }
          await heartbeat();
        }
      },
    });
    return joined;
  };
  /** The output keeps the partition it came from, as a spread key (the pack) keeps a pack's records together. */
  const send = (
    sender: Pick<Producer, 'send'>,
    to: string,
    partition: number,
    chunk: { value: Buffer | null; headers?: unknown }[],
  ) =>
    sender.send({
      topic: to,
      acks: -1,
      messages: chunk.map((m) => ({ key: jobId, value: m.value, partition, headers: m.headers as never })),
    });

  try {
    const joins = await Promise.all([
      hop('generator', [topic.packs], async (batch, chunk) => {
        await send(producer, topic.generated, batch.partition, chunk);
        return false;
      }),
      hop('validator', [topic.generated], async (batch, chunk) => {
        let own = transactional.get(batch.partition);
        if (!own) {
          own = kafka.producer({ ...producerSettings, transactionalId: `${prefix}validator.${batch.partition}` });
          await own.connect();
          transactional.set(batch.partition, own);
        }
        const transaction = await own.transaction();
        const isRejected = (m: (typeof chunk)[number]) => m.headers?.['decision']?.toString() === 'rejected';
        const toAccept = chunk.filter((m) => !isRejected(m));
        const toReject = chunk.filter(isRejected);
        if (toAccept.length > 0) await send(transaction, topic.accepted, batch.partition, toAccept);
        if (toReject.length > 0) await send(transaction, topic.rejected, batch.partition, toReject);
        const offset = (BigInt(chunk[chunk.length - 1]!.offset) + 1n).toString();
        await transaction.sendOffsets({
          consumerGroupId: `${prefix}validator`,
          topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset }] }],
        });
        await transaction.commit();
        return true;
      }),
      // The distributor reports one progress message per chunk it stored, as the stages' ProgressReporter does.
      ...(['accepted', 'rejected'] as const).map((decision) =>
        hop(`distributor-${decision}`, [topic[decision]], async (batch, chunk) => {
          const value = Buffer.from(JSON.stringify({ decision, records: chunk.length }));
          await send(producer, topic.progress, batch.partition, [{ value }]);
          return false;
        }),
      ),
      hop('status-progress', [topic.progress], async (_batch, chunk) => {
        for (const message of chunk) {
          const report = JSON.parse(message.value!.toString()) as { decision: string; records: number };
          if (report.decision === 'accepted') accepted += report.records;
          else rejected += report.records;
          decided += report.records;
        }
        if (decided >= records) finish();
        return false;
      }),
    ]);
    await Promise.all(joins);
    const payload = randomBytes(options.recordBytes);
    const rejectEvery = options.rejectedShare > 0 ? Math.round(1 / options.rejectedShare) : 0;
    const started = performance.now();
    for (let first = 0; first < records; first += chunkSize) {
      const count = Math.min(chunkSize, records - first);
      await producer.send({
        topic: topic.packs,
        acks: -1,
        messages: Array.from({ length: count }, (_, i) => ({
          key: jobId,
          value: payload,
          partition: (first + i) % partitions,
          headers: { decision: rejectEvery > 0 && (first + i) % rejectEvery === 0 ? 'rejected' : 'accepted' },
        })),
      });
    }
    await finished;
    return { records, seconds: (performance.now() - started) / 1000, accepted, rejected };
  } finally {
    await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
    await Promise.all([producer, ...transactional.values()].map((p) => p.disconnect().catch(() => undefined)));
    await admin.deleteTopics({ topics: Object.values(topic) }).catch(() => undefined);
    await admin.disconnect();
  }
}
