import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import type { MessageConsumer, TopicKey } from '@vs/kafka';
import type { ServiceRuntime } from '../service-runtime';

export interface ConsumerBinding {
  topics: TopicKey[];
  /** Messages handed to the handler at once; offsets are committed after the handler's effect. */
  chunkSize: number;
  /** Publish and commit offsets in one Kafka transaction (for topics other teams read). */
  exactlyOnce?: boolean;
}

/**
 * A NestJS microservice transport over the project's Avro consumer base. Each `@EventPattern(name)` handler
 * becomes one consumer group `name` on its bound topics; the handler receives a decoded chunk and its
 * returned promise is the effect: offsets are committed only after it resolves. A pattern with no binding,
 * or a binding with no handler, refuses to start: a topic nobody handles is a wiring mistake.
 */
export class AvroKafkaTransport extends Server implements CustomTransportStrategy {
  private readonly consumers: MessageConsumer<unknown>[] = [];

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly bindings: Readonly<Record<string, ConsumerBinding>>,
  ) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(() => callback(), callback);
  }

  private async start(): Promise<void> {
    const patterns = [...this.messageHandlers.keys()];
    const unbound = patterns.filter((p) => !this.bindings[p]);
    if (unbound.length > 0) throw new Error(`no topic binding for handler pattern(s): ${unbound.join(', ')}`);
    for (const pattern of patterns) {
      const handler = this.getHandlerByPattern(pattern)!;
      const { topics, chunkSize, exactlyOnce } = this.bindings[pattern]!;
      const consumer = this.runtime.consume(
        pattern,
        topics,
        async (messages) => {
          const result: unknown = await handler(messages);
          if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
        },
        { chunkSize, exactlyOnce },
      );
      await consumer.start();
      this.consumers.push(consumer);
    }
  }

  async close(): Promise<void> {
    for (const consumer of this.consumers.splice(0)) await consumer.stop().catch(() => undefined);
  }

  on(): never {
    throw new Error('AvroKafkaTransport has no events to subscribe to');
  }

  unwrap<T>(): T {
    return this.consumers as T;
  }
}
