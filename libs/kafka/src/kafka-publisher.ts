import { AsyncLocalStorage } from 'node:async_hooks';
import type { IHeaders, Kafka, Producer, Transaction } from 'kafkajs';
import type { AvroSerde } from './avro-serde';
import { SpreadPartitioner, type Spreadable } from './spread-partitioner';

export interface OutgoingMessage extends Spreadable {
  /** Always the job id; the partition is the key's unless a spread key says otherwise (see Spreadable). */
  key: string;
  value: unknown;
  headers?: IHeaders;
}

export interface TransactionScope {
  transaction: Transaction;
  afterCommit: (() => Promise<void>)[];
}

export interface RawMessage extends Spreadable {
  key: Buffer | string | null;
  value: Buffer | null;
  headers?: IHeaders;
}

/**
 * The idempotent producer: acks from all in-sync replicas, broker-side de-duplication of retries,
 * one in-flight request so per-key order survives a retry.
 */
export class KafkaPublisher {
  private readonly producer: Producer;
  private connected = false;
  /** The Kafka transaction the current consume-transform-produce step runs in, if any. */
  private readonly currentTransaction = new AsyncLocalStorage<TransactionScope>();

  constructor(
    kafka: Kafka,
    private readonly serde: AvroSerde,
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: SpreadPartitioner,
    });
  }

  async connect(): Promise<void> {
    if (this.connected) return;
    await this.producer.connect();
    this.connected = true;
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const encoded = await Promise.all(
      messages.map(async (m) => ({
        key: m.key,
        value: await this.serde.encode(topic, m.value),
        headers: m.headers,
        spreadKey: m.spreadKey,
      })),
    );
    await this.sender().send({ topic, acks: -1, messages: encoded });
  }

  /** Everything `work` publishes goes into the scope's transaction: all of it becomes visible at commit, or none. */
  withinTransaction<T>(scope: TransactionScope, work: () => Promise<T>): Promise<T> {
    return this.currentTransaction.run(scope, work);
  }

  /**
   * Runs `effect` once what was published so far is durable: after the current transaction commits, or
   * at once outside a transaction (publishes there are acknowledged when `publish` returns).
   */
  async afterCommit(effect: () => Promise<void>): Promise<void> {
    const scope = this.currentTransaction.getStore();
    if (scope) scope.afterCommit.push(effect);
    else await effect();
  }

  private sender(): Pick<Producer, 'send'> {
    return this.currentTransaction.getStore()?.transaction ?? this.producer;
  }

  /** Sends bytes as they are (values encoded elsewhere), in the current transaction if there is one. */
  async publishRaw(topic: string, messages: RawMessage[]): Promise<void> {
    await this.sender().send({ topic, acks: -1, messages });
  }

  /** Dead letters bypass any transaction: they must survive the abort of the step that failed. */
  async publishDeadLetter(topic: string, messages: RawMessage[]): Promise<void> {
    await this.producer.send({ topic, acks: -1, messages });
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.connected = false;
    await this.producer.disconnect();
  }
}
