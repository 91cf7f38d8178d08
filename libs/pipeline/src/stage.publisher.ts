import type { KafkaPublisher, OutgoingMessage, PipelineMetrics, RawMessage, TopicKey, TopicNames } from '@vs/kafka';

/**
 * What a stage sends downstream: to a topic named by its key under this deployment's prefix, counted in
 * `messages_out`. Inside a consume-transform-produce step it joins that step's Kafka transaction.
 */
export class StagePublisher {
  constructor(
    private readonly publisher: KafkaPublisher,
    private readonly topics: TopicNames,
    private readonly metrics: PipelineMetrics,
  ) {}

  /** Encodes each value with the topic's registered schema. */
  async publish(key: TopicKey, messages: OutgoingMessage[]): Promise<void> {
    const topic = this.topics.of(key);
    await this.publisher.publish(topic, messages);
    this.metrics.messagesOut.inc({ topic }, messages.length);
  }

  /** Values the caller encoded itself (a revision's own union branch). */
  async publishRaw(key: TopicKey, messages: RawMessage[]): Promise<void> {
    const topic = this.topics.of(key);
    await this.publisher.publishRaw(topic, messages);
    this.metrics.messagesOut.inc({ topic }, messages.length);
  }

  /** Runs `effect` once the current step's transaction committed (at once outside one). */
  afterCommit(effect: () => Promise<void>): Promise<void> {
    return this.publisher.afterCommit(effect);
  }
}
