import { Partitioners, type IHeaders, type Kafka, type Producer } from 'kafkajs';
import type { AvroSerde } from './avro-serde';

export interface OutgoingMessage {
  /** Always the job id: every topic is keyed by job so a job's messages keep their order. */
  key: string;
  value: unknown;
  headers?: IHeaders;
}

/**
 * The idempotent producer: acks from all in-sync replicas, broker-side de-duplication of retries,
 * one in-flight request so per-key order survives a retry.
 */
export class KafkaPublisher {
  private readonly producer: Producer;
  private connected = false;

  constructor(
    kafka: Kafka,
    private readonly serde: AvroSerde,
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
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
      messages.map(async (m) => ({ key: m.key, value: await this.serde.encode(topic, m.value), headers: m.headers })),
    );
    await this.producer.send({ topic, acks: -1, messages: encoded });
  }

  /** Sends bytes as they are (dead-letter copies keep the original, undecodable value). */
  async publishRaw(topic: string, messages: { key: Buffer | string | null; value: Buffer | null; headers: IHeaders }[]): Promise<void> {
    await this.producer.send({ topic, acks: -1, messages });
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.connected = false;
    await this.producer.disconnect();
  }
}
