import {
  type Consumer,
  type EachBatchPayload,
  type IHeaders,
  type Kafka,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Backoff, classifyError, type Dependency } from '@vs/contracts';
import type { Logger } from '@vs/logging';
import type { AvroSerde } from './avro-serde';
import type { KafkaPublisher } from './kafka-publisher';
import type { PipelineMetrics } from './pipeline-metrics';
import { SpreadPartitioner } from './spread-partitioner';
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
  /** Shows a pause on the jobs (those in hand and the others it holds up); `note` null clears `previous`. Throws while the job rows cannot be had. */
  onPause?: (jobIds: string[], note: string | null, previous: string | null) => Promise<void>;
  /** Which dependencies answer, to name the one a paused stage waits for when the error does not say. */
  probe?: () => Promise<Record<string, boolean>>;
  chunkSize?: number;
  /** How long a transient cause is retried (with back-off and jitter) before the stage pauses; default 30 s. */
  maxRetryTimeMs?: number;
  /** The longest single wait between attempts, retrying and paused alike (how soon a resumed dependency is seen); default 10 s. */
  maxRetryWaitMs?: number;
  fromBeginning?: boolean;
  sessionTimeoutMs?: number;
  /**
   * How many of its assigned partitions this member works on at once (kafkajs partitionsConsumedConcurrently);
   * default 1. More overlaps one chunk's database and broker round trips with another's work.
   */
  partitionsConcurrently?: number;
  /**
   * Consume-transform-produce in one Kafka transaction per chunk: what the handler publishes and the
   * consumed offsets commit together, so a crash never leaves a duplicate on the output topics for
   * read-committed readers.
   */
  exactlyOnce?: boolean;
}

/**
 * The consumer base: decode, hand a chunk to the service, commit only after the effect.
 * Retry or dead-letter is decided here, on `classifyError`'s verdict, and nowhere else:
 * - a transient cause (broker, registry, PostgreSQL unreachable) is retried with back-off and jitter for
 *   `maxRetryTimeMs`; then the stage pauses: it stays inside the batch (so nothing further is fetched) and
 *   keeps heartbeating (so it keeps its group membership and no rebalance moves the work), shows
 *   `paused: <stage> waiting for <dependency>` on the waiting jobs, probes with back-off, and resumes by
 *   itself, clearing the note. A transient cause never dead-letters and never fails a job.
 * - a permanent cause is never retried: the chunk is split until the message that cannot be processed is
 *   alone, and that one message is dead-lettered at once (its job fails with the reason).
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
  /**
   * The batch a chunk belongs to, for retry waits: its heartbeat (a long wait must keep the group membership)
   * and whether it is still this member's to finish. Per async context, since partitions run concurrently.
   */
  private readonly currentBatch = new AsyncLocalStorage<BatchLiveness>();

  private stopping = false;

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
    // kafkajs restarts itself after a retriable crash only; a consumer that stopped for good would leave the
    // process alive and the group without members, its partitions waiting forever. Restart it ourselves.
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.stopping) return;
      this.log.error({ err: payload.error }, 'consumer crashed and kafkajs will not restart it; restarting it');
      void this.restartAfterCrash();
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.options.topics, fromBeginning: this.options.fromBeginning ?? true });
    await this.run();
  }

  private run(): Promise<void> {
    return this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 1,
      eachBatch: (payload) =>
        this.currentBatch.run(
          { heartbeat: payload.heartbeat, alive: () => payload.isRunning() && !payload.isStale() },
          () => this.onBatch(payload),
        ),
    });
  }

  private async restartAfterCrash(): Promise<void> {
    const backoff = new Backoff({ maxRetryTime: this.options.maxRetryWaitMs ?? 10_000 });
    while (!this.stopping) {
      await new Promise((r) => setTimeout(r, backoff.next()));
      if (this.stopping) return;
      try {
        await this.consumer.connect();
        await this.run();
        this.log.warn({ attempt: backoff.attempts }, 'consumer restarted after a crash');
        return;
      } catch (error) {
        this.log.error({ err: error, attempt: backoff.attempts }, 'consumer could not restart yet');
      }
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
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
      createPartitioner: SpreadPartitioner,
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
    metrics.consumerLag.set(
      { consumer: name, topic: batch.topic, partition: String(batch.partition) },
      Number(batch.offsetLag()),
    );
    const chunkSize = this.options.chunkSize ?? 200;
    for (let start = 0; start < batch.messages.length; start += chunkSize) {
      if (!isRunning() || isStale()) return;
      const raw = batch.messages.slice(start, start + chunkSize);
      const timer = metrics.processingSeconds.startTimer({ consumer: name });
      try {
        const decoded = await this.decodeAll(batch.topic, batch.partition, raw);
        await this.handleIsolating(decoded, batch.topic, batch.partition);
      } catch (error) {
        if (error instanceof LeftBatchError) {
          // Stopping, or the group moved on while this batch waited: uncommitted messages are redelivered.
          this.log.info({ topic: batch.topic, partition: batch.partition }, error.message);
          return;
        }
        if (!(error instanceof FencedOutError)) throw error;
        // Another instance consumes this partition now; its copy of these messages is the one that counts.
        this.log.warn({ topic: batch.topic, partition: batch.partition, err: error.cause }, error.message);
        await heartbeat().catch(() => undefined);
        return;
      }
      timer();
      metrics.messagesIn.inc({ consumer: name, topic: batch.topic }, raw.length);
      resolveOffset(raw[raw.length - 1]!.offset);
      // The effect is applied: a commit lost to an outage or a rebalance only means a harmless redelivery.
      try {
        await this.commit(batch.topic, batch.partition, raw[raw.length - 1]!.offset);
        await heartbeat();
      } catch (error) {
        if (!classifyError(error).transient && !isRebalance(error)) throw error;
        this.log.warn({ topic: batch.topic, partition: batch.partition, err: error }, 'offsets not committed');
        return;
      }
    }
    await commitOffsetsIfNecessary().catch((error: unknown) => {
      if (!classifyError(error).transient && !isRebalance(error)) throw error;
    });
  }

  private async commit(topic: string, partition: number, offset: string): Promise<void> {
    await this.consumer.commitOffsets([{ topic, partition, offset: (BigInt(offset) + 1n).toString() }]);
  }

  private async decodeAll(topic: string, partition: number, raw: KafkaMessage[]): Promise<ConsumedMessage<T>[]> {
    const decoded: ConsumedMessage<T>[] = [];
    for (const message of raw) {
      try {
        const value = await this.persist(() => this.options.serde.decode<T>(message.value, topic), topic, [message]);
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
        if (error instanceof LeftBatchError) throw error;
        await this.deadLetter(topic, partition, message, error as Error);
      }
    }
    return decoded;
  }

  /**
   * Applies the chunk's effect; a permanent failure splits the chunk in halves (no retries, so this takes
   * milliseconds) until the one message that cannot be processed is alone, and dead-letters it.
   */
  private async handleIsolating(messages: ConsumedMessage<T>[], topic: string, partition: number): Promise<void> {
    if (messages.length === 0) return;
    try {
      await this.persist(
        () => this.applyEffect(messages, topic, partition),
        topic,
        messages.map((m) => m.raw),
      );
    } catch (error) {
      if (error instanceof FencedOutError || error instanceof LeftBatchError) throw error;
      if (messages.length === 1) {
        await this.deadLetter(topic, partition, messages[0]!.raw, error as Error);
        return;
      }
      const half = Math.ceil(messages.length / 2);
      await this.handleIsolating(messages.slice(0, half), topic, partition);
      await this.handleIsolating(messages.slice(half), topic, partition);
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
      const aborted = await transaction.abort().then(
        () => true,
        () => false,
      );
      // A transaction that could not be aborted (broker gone) leaves the producer unusable: start a fresh one,
      // whose first transaction aborts this one.
      if (!aborted) this.dropTransactionalProducer(this.transactionalIdOf(topic, partition));
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

  /**
   * Runs `work` until it succeeds or fails permanently (thrown). A transient cause is retried with back-off;
   * after `maxRetryTimeMs` the waiting jobs are noted paused and probing goes on, with the same back-off,
   * until the dependency answers: then the note is cleared and the batch carries on.
   */
  private async persist<R>(work: () => Promise<R>, topic: string, messages: KafkaMessage[]): Promise<R> {
    const { name, metrics } = this.options;
    const backoff = new Backoff({ maxRetryTime: this.options.maxRetryWaitMs ?? 10_000 });
    const started = Date.now();
    let pause: Pause | undefined;
    for (;;) {
      try {
        const result = await work();
        if (pause) await this.resume(pause, topic);
        return result;
      } catch (error) {
        if (error instanceof FencedOutError) throw error;
        const verdict = classifyError(error);
        metrics.errors.inc({ consumer: name, kind: verdict.transient ? 'retriable' : 'fatal' });
        if (!verdict.transient) throw error;
        const delay = backoff.next();
        if (!pause && Date.now() - started >= (this.options.maxRetryTimeMs ?? 30_000)) {
          const dependency = await this.nameDependency(verdict.dependency);
          pause = {
            note: `paused: ${name} waiting for ${dependency}`,
            noted: false,
            jobIds: jobIdsOf(messages),
            since: Date.now(),
            dependency,
          };
          metrics.paused.set({ consumer: name, dependency }, 1);
          this.log.warn(
            { topic, job_ids: pause.jobIds, dependency, err: error },
            'stage paused; probing until it answers',
          );
        } else if (!pause) {
          this.log.warn(
            { topic, attempt: backoff.attempts, delay_ms: delay, dependency: verdict.dependency, err: error },
            'transient error, retrying',
          );
        }
        if (pause && !pause.noted) pause.noted = await this.note(pause.jobIds, pause.note, null);
        await this.waitKeepingMembership(delay);
      }
    }
  }

  private async resume(pause: Pause, topic: string): Promise<void> {
    const paused_ms = Date.now() - pause.since;
    this.options.metrics.paused.remove({ consumer: this.options.name, dependency: pause.dependency });
    this.log.warn({ topic, job_ids: pause.jobIds, paused_ms }, 'stage resumed');
    // The dependency answers again, but the job rows may still be out of reach a moment: try a few times.
    for (let attempt = 0; attempt < 10; attempt++) {
      if (await this.note(pause.jobIds, null, pause.note)) return;
      await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
    }
  }

  private async note(jobIds: string[], note: string | null, previous: string | null): Promise<boolean> {
    if (!this.options.onPause || jobIds.length === 0) return true;
    try {
      await this.options.onPause(jobIds, note, previous);
      return true;
    } catch (error) {
      this.log.debug({ job_ids: jobIds, err: error }, 'could not note the pause on the jobs yet');
      return false;
    }
  }

  private async nameDependency(hint: Dependency | undefined): Promise<string> {
    if (hint && hint !== 'a dependency') return hint;
    const answers = await this.options.probe?.().catch(() => undefined);
    const names: Record<string, string> = { kafka: 'Kafka', registry: 'schema registry', postgres: 'PostgreSQL' };
    const down = Object.entries(answers ?? {})
      .filter(([, up]) => !up)
      .map(([key]) => names[key] ?? key);
    return down.length > 0 ? down.join(' and ') : (hint ?? 'a dependency');
  }

  /** Waits, heartbeating so the group keeps this member; leaves the batch on stop or when the group moved on. */
  private async waitKeepingMembership(ms: number): Promise<void> {
    const batch = this.currentBatch.getStore();
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (batch && !batch.alive()) throw new LeftBatchError('consumer stopping or batch stale; leaving the batch');
      await new Promise((r) => setTimeout(r, Math.min(1000, until - Date.now())));
      try {
        await batch?.heartbeat();
      } catch (error) {
        // A broker that is down cannot take the heartbeat; one that rebalanced the group wants this member back.
        if (isRebalance(error)) throw new LeftBatchError('group rebalancing; leaving the batch to rejoin');
      }
    }
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, error: Error): Promise<void> {
    const { name, publisher, metrics } = this.options;
    const key = message.key?.toString() ?? null;
    this.log.error({ job_id: key, topic, partition, offset: message.offset, err: error }, 'dead-lettering message');
    // The verdict on the message is final; only getting the dead letter out may have to wait for the broker.
    await this.persist(
      () =>
        publisher.publishDeadLetter(dlqName(topic), [
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
        ]),
      topic,
      [],
    );
    metrics.deadLettered.inc({ consumer: name, topic });
    await this.options
      .onDeadLetter?.({ topic, partition, offset: message.offset, key, consumer: name, error })
      .catch((e: unknown) => this.log.error({ job_id: key, err: e }, 'could not record dead letter on the job'));
  }
}

interface BatchLiveness {
  heartbeat: () => Promise<void>;
  alive: () => boolean;
}

interface Pause {
  note: string;
  /** Whether the note reached the job rows (they may be out of reach when PostgreSQL is what is waited for). */
  noted: boolean;
  jobIds: string[];
  since: number;
  dependency: string;
}

/** The batch is left unfinished (stopping, stale, rebalancing); its uncommitted messages are redelivered. */
class LeftBatchError extends Error {
  override name = 'LeftBatchError';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every topic is keyed by job id: the jobs a chunk's messages belong to. */
function jobIdsOf(messages: KafkaMessage[]): string[] {
  const ids = messages.map((m) => m.key?.toString() ?? '').filter((key) => UUID.test(key));
  return [...new Set(ids)];
}

const REBALANCE_TYPES = new Set([
  'REBALANCE_IN_PROGRESS',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
  'FENCED_INSTANCE_ID',
]);

/** Like isFenced: kafkajs's retrier wraps the broker's answer (KafkaJSNonRetriableError), so read the causes too. */
function isRebalance(error: unknown): boolean {
  return protocolErrorTypes(error).some((type) => REBALANCE_TYPES.has(type));
}

function protocolErrorTypes(error: unknown): string[] {
  const types: string[] = [];
  for (let e = error as { type?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.type === 'string') types.push(e.type);
    e = e.cause as typeof e;
  }
  return types;
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
  return protocolErrorTypes(error).some((type) => FENCED_TYPES.has(type));
}
