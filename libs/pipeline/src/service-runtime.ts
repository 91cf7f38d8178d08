import type { Kafka } from 'kafkajs';
import { projectPath, type AppConfig } from '@vs/config';
import { retry } from '@vs/contracts';
import { Database } from '@vs/database';
import {
  AvroSerde,
  createKafka,
  ensureTopics,
  KafkaPublisher,
  kafkaSecurityFrom,
  serdeFrom,
  loadSchemaFiles,
  MessageConsumer,
  PipelineMetrics,
  TOPICS,
  TopicNames,
  type ConsumedMessage,
  type TopicKey,
} from '@vs/kafka';
import { createLogger, type Logger } from '@vs/logging';
import { DeadLetterRecorder } from './dead-letter.recorder';
import { JobPauseNotes } from './job-pause.notes';
import { JobRowRepository } from './job-row.repository';

export const SCHEMAS_DIR = projectPath('schemas');

/**
 * Everything a pipeline service is wired to: config, logger, PostgreSQL, Kafka, the registry and metrics.
 * One runtime may serve several services in one process (quickstart, tests) or one (production).
 */
export class ServiceRuntime {
  readonly topics: TopicNames;
  readonly publisher: KafkaPublisher;
  readonly metrics = new PipelineMetrics();
  /** The one owner of the job row on the pipeline side, shared by every stage in this process. */
  readonly jobRows: JobRowRepository;
  private readonly consumers: MessageConsumer<unknown>[] = [];
  private readonly deadLetters: DeadLetterRecorder;
  private readonly pauseNotes: JobPauseNotes;
  private readonly healthDetails = new Map<string, () => unknown>();

  private constructor(
    readonly config: Readonly<AppConfig>,
    readonly logger: Logger,
    readonly db: Database,
    readonly kafka: Kafka,
    readonly serde: AvroSerde,
  ) {
    this.topics = new TopicNames(config.VS_TOPIC_PREFIX);
    this.publisher = new KafkaPublisher(kafka, serde);
    this.jobRows = new JobRowRepository(db);
    this.deadLetters = new DeadLetterRecorder(db, this.jobRows);
    this.pauseNotes = new JobPauseNotes(this.jobRows);
  }

  /**
   * Connects, creates missing topics, and registers every schema; refuses to start on an incompatible one.
   * A broker or registry that does not answer yet is waited for (the retry module, up to a minute) before
   * refusing, so services started together with their infrastructure come up.
   */
  static async start(service: string, config: Readonly<AppConfig>): Promise<ServiceRuntime> {
    const logger = createLogger(service, config.LOG_LEVEL);
    const db = new Database(config.DATABASE_URL, { max: 10, applicationName: `velocity-synth-${service}` });
    const kafka = createKafka({
      brokers: config.KAFKA_BROKERS,
      clientId: `velocity-synth-${service}`,
      logger,
      security: kafkaSecurityFrom(config),
    });
    const runtime = new ServiceRuntime(config, logger, db, kafka, serdeFrom(config));
    const startup = { maxElapsedMs: 60_000, maxRetryTime: 5_000 };
    const waiting = (what: string) => (event: { error: unknown; delayMs: number }) =>
      logger.warn({ err: event.error, retry_in_ms: event.delayMs }, `${what} not reachable yet; retrying`);
    await retry(() => ensureTopics(kafka, runtime.topics.all(), config.KAFKA_TOPIC_PARTITIONS), {
      ...startup,
      onRetry: waiting('Kafka'),
    });
    const schemas = loadSchemaFiles(SCHEMAS_DIR);
    for (const key of Object.keys(TOPICS) as TopicKey[]) {
      // Their unions grow per revision: see AcceptedRecordSchema.
      if (key === 'recordsAccepted' || key === 'recordsPreview') continue;
      const schema = schemas.get(TOPICS[key].schema);
      if (!schema)
        throw new Error(`schema file schemas/${TOPICS[key].schema} for topic ${TOPICS[key].name} is missing`);
      try {
        await retry(() => runtime.serde.register(runtime.topics.of(key), schema), {
          ...startup,
          onRetry: waiting('schema registry'),
        });
      } catch (error) {
        const subject = `${runtime.topics.of(key)}-value`;
        // A registry that is down or refuses a write (401, 403) is not an incompatible schema (its 409): say which.
        const problem =
          (error as { status?: unknown }).status === 409
            ? `schema ${TOPICS[key].schema} is not compatible with the registry's ${subject}`
            : `could not register schema ${TOPICS[key].schema} as ${subject}`;
        throw new Error(`refusing to start: ${problem}: ${(error as Error).message}`);
      }
    }
    await retry(() => runtime.publisher.connect(), { ...startup, onRetry: waiting('Kafka') });
    return runtime;
  }

  consume<T>(
    name: string,
    topicKeys: TopicKey[],
    handle: (messages: ConsumedMessage<T>[]) => Promise<void>,
    options: { chunkSize?: number; exactlyOnce?: boolean } = {},
  ): MessageConsumer<T> {
    const consumer = new MessageConsumer<T>({
      name,
      kafka: this.kafka,
      serde: this.serde,
      publisher: this.publisher,
      metrics: this.metrics,
      logger: this.logger,
      groupId: this.topics.group(name),
      topics: topicKeys.map((k) => this.topics.of(k)),
      handle,
      chunkSize: options.chunkSize,
      exactlyOnce: options.exactlyOnce,
      sessionTimeoutMs: this.config.KAFKA_SESSION_TIMEOUT_MS,
      partitionsConcurrently: this.config.KAFKA_PARTITIONS_CONCURRENTLY,
      onDeadLetter: (letter) => this.deadLetters.record(letter),
      onPause: (jobIds, note, previous) =>
        note !== null ? this.pauseNotes.pause(jobIds, note) : this.pauseNotes.resume(previous!),
      probe: () => this.checks(),
      maxRetryTimeMs: this.config.PIPELINE_MAX_RETRY_TIME_MS,
    });
    this.consumers.push(consumer as MessageConsumer<unknown>);
    return consumer;
  }

  async checks(): Promise<Record<string, boolean>> {
    const [postgres, registry, kafka] = await Promise.all([this.db.ping(), this.serde.ping(), this.kafkaAnswers()]);
    return { kafka, registry, postgres };
  }

  private async kafkaAnswers(): Promise<boolean> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      return true;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** Shown on /health under `name` (e.g. the generator's negotiated LLM capabilities). */
  addHealthDetail(name: string, detail: () => unknown): void {
    this.healthDetails.set(name, detail);
  }

  /** What stages added with addHealthDetail, as /health shows it beside the checks. */
  details(): Record<string, unknown> {
    return Object.fromEntries([...this.healthDetails].map(([name, detail]) => [name, detail()]));
  }

  /** Graceful: consumers leave their groups (uncommitted work is redelivered), then connections close. */
  async stop(): Promise<void> {
    for (const consumer of this.consumers.splice(0)) await consumer.stop().catch(() => undefined);
    await this.publisher.disconnect().catch(() => undefined);
    await this.db.close().catch(() => undefined);
  }
}
