import {
  Partitioners,
  type Consumer,
  type EachBatchPayload,
  type IHeaders,
  type Kafka,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import { isRetriable } from '@vs/contracts';
import type { Logger } from '@vs/logging';
import type { AvroSerde } from './avro-serde';
import type { KafkaPublisher } from './kafka-publisher';
import type { PipelineMetrics } from './pipeline-metrics';
import { dlqName } from './topics';

export interface ConsumedMessage<T> {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: T;
  headers: IHeaders;
  /** The bytes as consumed, so a dead letter carries the original value. */
  raw: KafkaMessage;
}

export interface DeadLetter {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  consumer: string;
  error: Error;
}

export interface MessageConsumerOptions<T> {
  name: string;
  kafka: Kafka;
  serde: AvroSerde;
  publisher: KafkaPublisher;
  metrics: PipelineMetrics;
  logger: Logger;
  groupId: string;
  topics: string[];
  /** Applies the effect of a chunk of messages; must be idempotent (messages may be redelivered). */
  handle: (messages: ConsumedMessage<T>[]) => Promise<void>;
  /** Records a dead letter against its job (best effort: the DLQ topic already holds it). */
  onDeadLetter?: (letter: DeadLetter) => Promise<void>;
  chunkSize?: number;
  maxRetriableAttempts?: number;
  fromBeginning?: boolean;
  sessionTimeoutMs?: number;
  /**
   * Consume-transform-produce in one Kafka transaction per chunk: what the handler publishes and the
   * consumed offsets commit together, so a crash never leaves a duplicate on the output topics for
   * read-committed readers.
   */
  exactlyOnce?: boolean;
}

/**
 * The consumer base: decode, hand a chunk to the service, commit only after the effect.
 * Retry or dead-letter is decided here and nowhere else: retriable errors back off and retry
 * (logged on every attempt, bounded), anything else isolates the bad message and dead-letters it.
 */
export class MessageConsumer<T> {
  private readonly consumer: Consumer;
  private readonly log: Logger;
  /**
   * One transactional producer per consumed partition, with a transactional id made of the group, topic and
   * partition: whoever consumes a partition next (a restarted process, another instance after a rebalance)
   * claims the same id with its first transaction, which aborts a transaction the previous owner left open at
   * once (its records would otherwise hold back read-committed readers until the transaction times out) and
   * fences that owner should it still be running (a zombie cannot commit what the new owner also publishes).
   */
  private readonly transactionalProducers = new Map<string, Producer>();
  /** The running batch's heartbeat: a long retry wait must keep the group membership alive. */
  private heartbeat: () => Promise<void> = async () => undefined;

  constructor(private readonly options: MessageConsumerOptions<T>) {
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: Math.max(500, Math.floor((options.sessionTimeoutMs ?? 30_000) / 10)),
      maxWaitTimeInMs: 200,
      allowAutoTopicCreation: false,
    });
    this.log = options.logger.child({ consumer: options.name });
  }

  async start(): Promise<void> {
    if (this.options.exactlyOnce) {
      // A partition that moved to another instance has no use for its producer here; the new owner fences it.
      this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
        const assigned = new Set(
          Object.entries(payload.memberAssignment).flatMap(([topic, partitions]) =>
            partitions.map((partition) => this.transactionalIdOf(topic, partition)),
          ),
        );
        for (const id of [...this.transactionalProducers.keys()]) {
          if (!assigned.has(id)) this.dropTransactionalProducer(id);
        }
      });
    }
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.options.topics, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    const producers = [...this.transactionalProducers.values()];
    this.transactionalProducers.clear();
    await Promise.all(producers.map((producer) => producer.disconnect()));
  }

  private transactionalIdOf(topic: string, partition: number): string {
    return `${this.options.groupId}.${topic}.${partition}`;
  }

  /** The partition's transactional producer, connected (which fences any earlier one with its id). */
  private async transactionalProducer(topic: string, partition: number): Promise<Producer> {
    const transactionalId = this.transactionalIdOf(topic, partition);
    const existing = this.transactionalProducers.get(transactionalId);
    if (existing) return existing;
    const producer = this.options.kafka.producer({
      transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    this.transactionalProducers.set(transactionalId, producer);
    return producer;
  }

  /** Forgets a producer (fenced, or its partition moved away): the partition's next batch here starts a fresh one. */
  private dropTransactionalProducer(transactionalId: string): void {
    const producer = this.transactionalProducers.get(transactionalId);
    this.transactionalProducers.delete(transactionalId);
    producer?.disconnect().catch(() => undefined);
  }

  private async onBatch({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
    commitOffsetsIfNecessary,
  }: EachBatchPayload): Promise<void> {
    const { name, metrics } = this.options;
    this.heartbeat = heartbeat;
    metrics.consumerLag.set(
      { consumer: name, topic: batch.topic, partition: String(batch.partition) },
      Number(batch.offsetLag()),
    );
    const chunkSize = this.options.chunkSize ?? 200;
    for (let start = 0; start < batch.messages.length; start += chunkSize) {
      if (!isRunning() || isStale()) return;
      const raw = batch.messages.slice(start, start + chunkSize);
      const timer = metrics.processingSeconds.startTimer({ consumer: name });
      const decoded = await this.decodeAll(batch.topic, batch.partition, raw);
      try {
        await this.handleWithRetry(decoded, batch.topic, batch.partition);
      } catch (error) {
        if (!(error instanceof FencedOutError)) throw error;
        // Another instance consumes this partition now; its copy of these messages is the one that counts.
        this.log.warn({ topic: batch.topic, partition: batch.partition, err: error.cause }, error.message);
        await heartbeat();
        return;
      }
      timer();
      metrics.messagesIn.inc({ consumer: name, topic: batch.topic }, raw.length);
      resolveOffset(raw[raw.length - 1]!.offset);
      await this.commit(batch.topic, batch.partition, raw[raw.length - 1]!.offset);
      await heartbeat();
    }
    await commitOffsetsIfNecessary();
  }

  private async commit(topic: string, partition: number, offset: string): Promise<void> {
    await this.consumer.commitOffsets([{ topic, partition, offset: (BigInt(offset) + 1n).toString() }]);
  }

  private async decodeAll(topic: string, partition: number, raw: KafkaMessage[]): Promise<ConsumedMessage<T>[]> {
    const decoded: ConsumedMessage<T>[] = [];
    for (const message of raw) {
      try {
        const value = await this.withRetry(() => this.options.serde.decode<T>(message.value, topic), topic);
        decoded.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value,
          headers: message.headers ?? {},
          raw: message,
        });
      } catch (error) {
        await this.deadLetter(topic, partition, message, error as Error);
      }
    }
    return decoded;
  }

  private async handleWithRetry(messages: ConsumedMessage<T>[], topic: string, partition: number): Promise<void> {
    if (messages.length === 0) return;
    try {
      await this.withRetry(() => this.applyEffect(messages, topic, partition), topic);
    } catch (error) {
      if (error instanceof FencedOutError) throw error;
      if (messages.length === 1) {
        await this.deadLetter(topic, partition, messages[0]!.raw, error as Error);
        return;
      }
      // Isolate the message that cannot be processed; its neighbours go through.
      for (const message of messages) await this.handleWithRetry([message], topic, partition);
    }
  }

  /** Runs the handler, inside a transaction that also commits the chunk's offsets when exactly-once. */
  private async applyEffect(messages: ConsumedMessage<T>[], topic: string, partition: number): Promise<void> {
    if (!this.options.exactlyOnce) return this.options.handle(messages);
    const producer = await this.transactionalProducer(topic, partition);
    const transaction = await producer.transaction();
    const scope = { transaction, afterCommit: [] as (() => Promise<void>)[] };
    try {
      await this.options.publisher.withinTransaction(scope, () => this.options.handle(messages));
      const next = (BigInt(messages[messages.length - 1]!.offset) + 1n).toString();
      await transaction.sendOffsets({
        consumerGroupId: this.options.groupId,
        topics: [{ topic, partitions: [{ partition, offset: next }] }],
      });
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      if (isFenced(error)) {
        this.dropTransactionalProducer(this.transactionalIdOf(topic, partition));
        throw new FencedOutError(topic, partition, error);
      }
      throw error;
    }
    for (const effect of scope.afterCommit) {
      // Bookkeeping after a commit must not undo it: log and go on (the effect is an optimisation).
      await effect().catch((error: unknown) => this.log.warn({ topic, err: error }, 'after-commit effect failed'));
    }
  }

  private async withRetry<R>(work: () => Promise<R>, topic: string): Promise<R> {
    const maxAttempts = this.options.maxRetriableAttempts ?? 12;
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (error instanceof FencedOutError) throw error;
        this.options.metrics.errors.inc({
          consumer: this.options.name,
          kind: isRetriable(error) ? 'retriable' : 'fatal',
        });
        if (!isRetriable(error) || attempt >= maxAttempts) throw error;
        const delay = Math.min(30_000, 200 * 2 ** attempt);
        this.log.warn(
          { topic, attempt, max_attempts: maxAttempts, delay_ms: delay, err: error },
          'retriable error, retrying',
        );
        await this.waitKeepingMembership(delay);
      }
    }
  }

  private async waitKeepingMembership(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, Math.min(1000, until - Date.now())));
      await this.heartbeat();
    }
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, error: Error): Promise<void> {
    const { name, publisher, metrics } = this.options;
    const key = message.key?.toString() ?? null;
    this.log.error({ job_id: key, topic, partition, offset: message.offset, err: error }, 'dead-lettering message');
    await publisher.publishDeadLetter(dlqName(topic), [
      {
        key: message.key ?? null,
        value: message.value ?? null,
        headers: {
          ...(message.headers ?? {}),
          'x-error-message': error.message.slice(0, 2000),
          'x-error-class': error.name,
          'x-original-topic': topic,
          'x-original-partition': String(partition),
          'x-original-offset': message.offset,
          'x-consumer': name,
        },
      },
    ]);
    metrics.deadLettered.inc({ consumer: name, topic });
    await this.options
      .onDeadLetter?.({ topic, partition, offset: message.offset, key, consumer: name, error })
      .catch((e: unknown) => this.log.error({ job_id: key, err: e }, 'could not record dead letter on the job'));
  }
}

/** This instance's transactional producer for a partition was fenced: a newer owner has the partition. */
class FencedOutError extends Error {
  constructor(topic: string, partition: number, cause: unknown) {
    super(`fenced out of ${topic}[${partition}]: a newer producer owns its transactions; leaving the batch to it`, {
      cause,
    });
    this.name = 'FencedOutError';
  }
}

const FENCED_TYPES = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED', 'INVALID_PRODUCER_ID_MAPPING']);

/** kafkajs wraps the broker's answer (sometimes twice); the protocol error's type says whether it was fencing. */
function isFenced(error: unknown): boolean {
  for (let e = error as { type?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.type === 'string' && FENCED_TYPES.has(e.type)) return true;
    e = e.cause as typeof e;
  }
  return false;
}
