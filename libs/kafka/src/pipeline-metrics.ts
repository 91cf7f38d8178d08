import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics every consumer and producer reports; one registry per process. */
export class PipelineMetrics {
  readonly registry: Registry;
  readonly messagesIn: Counter<'consumer' | 'topic'>;
  readonly messagesOut: Counter<'topic'>;
  readonly errors: Counter<'consumer' | 'kind'>;
  readonly deadLettered: Counter<'consumer' | 'topic'>;
  readonly processingSeconds: Histogram<'consumer'>;
  readonly consumerLag: Gauge<'consumer' | 'topic' | 'partition'>;
  readonly paused: Gauge<'consumer' | 'dependency'>;

  constructor(registry = new Registry()) {
    this.registry = registry;
    const registers = [registry];
    this.messagesIn = new Counter({
      name: 'vs_messages_in_total',
      help: 'Messages consumed',
      labelNames: ['consumer', 'topic'],
      registers,
    });
    this.messagesOut = new Counter({
      name: 'vs_messages_out_total',
      help: 'Messages produced',
      labelNames: ['topic'],
      registers,
    });
    this.errors = new Counter({
      name: 'vs_errors_total',
      help: 'Processing errors',
      labelNames: ['consumer', 'kind'],
      registers,
    });
    this.deadLettered = new Counter({
      name: 'vs_dead_lettered_total',
      help: 'Messages sent to a dead-letter topic',
      labelNames: ['consumer', 'topic'],
      registers,
    });
    this.processingSeconds = new Histogram({
      name: 'vs_processing_seconds',
      help: 'Time to process one consumed batch',
      labelNames: ['consumer'],
      buckets: [0.005, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.consumerLag = new Gauge({
      name: 'vs_consumer_lag',
      help: 'Messages behind the partition end',
      labelNames: ['consumer', 'topic', 'partition'],
      registers,
    });
    this.paused = new Gauge({
      name: 'vs_consumer_paused',
      help: '1 while a consumer is paused waiting for a dependency (retries on a transient cause ran out)',
      labelNames: ['consumer', 'dependency'],
      registers,
    });
  }
}
