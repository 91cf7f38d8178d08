import type { KafkaPublisher, PipelineMetrics, TopicKey, TopicNames } from '@vs/kafka';
import { Backoff, classifyError } from '@vs/contracts';
import type { Database, NotificationListener } from '@vs/database';
import type { Logger } from '@vs/logging';
import { JobPauseNotes, type JobRowRepository } from '@vs/pipeline';
import { toEventValue } from './outbox-event.mapper';
import { claimOutboxBatch, markPublished, recordFailedAttempt, type OutboxRow } from './outbox.repository';

const TOPIC_BY_EVENT: Record<OutboxRow['event_type'], TopicKey> = {
  'job.requested': 'jobsRequested',
  'job.cancelled': 'jobsCancelled',
};

/** The channel migration 0002's trigger notifies when outbox rows are inserted. */
export const OUTBOX_CHANNEL = 'outbox';

/** What the relay works with: the outbox's database, a listener on OUTBOX_CHANNEL, and Kafka. */
export interface OutboxRelayDependencies {
  db: Database;
  wakeups: NotificationListener;
  jobRows: JobRowRepository;
  publisher: KafkaPublisher;
  topics: TopicNames;
  metrics: PipelineMetrics;
  logger: Logger;
  /** How long a transient cause lasts before the waiting jobs are noted paused (PIPELINE_MAX_RETRY_TIME_MS). */
  maxRetryTimeMs: number;
}

/**
 * The transactional outbox relay: wakes on NOTIFY (and polls as a fallback), publishes claimed rows
 * in order with the idempotent producer, and marks them published in the same transaction. When the
 * broker is down what was acked is kept, the rest rolls back (nothing lost, nothing sent twice), and the relay backs
 * off (the retry module's back-off with jitter) and tries again. Once a transient cause has lasted the retry time,
 * the jobs whose events wait show `paused: outbox-relay waiting for <dependency>` until they go out.
 */
export class OutboxRelayService {
  private running = false;
  private wake: (() => void) | undefined;
  private wakeForStop: (() => void) | undefined;
  /** A wake-up came while the loop was not asleep: the row it announced may have committed after the claim. */
  private notified = false;
  private loop: Promise<void> | undefined;
  private readonly backoff = new Backoff({ initialRetryTime: 250, maxRetryTime: 30_000 });
  private readonly notes: JobPauseNotes;
  /** The note shown on waiting jobs while the relay is paused. */
  private pausedNote: string | undefined;

  constructor(
    private readonly deps: OutboxRelayDependencies,
    private readonly options: { pollIntervalMs?: number; maxJobsPerBatch?: number } = {},
  ) {
    this.notes = new JobPauseNotes(deps.jobRows);
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
    // Losing the LISTEN connection only costs latency: polling continues while the listener reconnects, and
    // each (re)connection wakes the loop for the rows announced meanwhile.
    const wake = () => {
      this.notified = true;
      this.wake?.();
    };
    this.deps.wakeups.start(wake, wake);
  }

  private async run(): Promise<void> {
    const log = this.deps.logger;
    let failingSince: number | undefined;
    while (this.running) {
      try {
        this.notified = false;
        const published = await this.relayOnce();
        this.backoff.reset();
        failingSince = undefined;
        if (this.pausedNote) await this.resumed();
        if (published > 0) continue;
        await this.sleep(this.options.pollIntervalMs ?? 1000);
      } catch (error) {
        failingSince ??= Date.now();
        const delay = this.backoff.next();
        const { transient, dependency } = classifyError(error);
        log.warn(
          { err: error, consecutive_failures: this.backoff.attempts, dependency, retry_in_ms: delay },
          'outbox relay paused',
        );
        if (transient && Date.now() - failingSince >= this.deps.maxRetryTimeMs) {
          await this.paused(dependency ?? 'a dependency');
        }
        // A new outbox row must not cut the back-off short; only a stop does.
        await this.sleep(delay, false);
      }
    }
  }

  /** Notes the pause on the waiting jobs (best effort: the database may be what is down). */
  private async paused(dependency: string): Promise<void> {
    const note = `paused: outbox-relay waiting for ${dependency}`;
    try {
      await this.notes.pause([], note);
      this.pausedNote = note;
    } catch {
      // The next failed cycle tries again.
    }
  }

  private async resumed(): Promise<void> {
    await this.notes.resume(this.pausedNote!);
    this.pausedNote = undefined;
  }

  /** One claim-publish-mark cycle; returns how many events went out. */
  async relayOnce(): Promise<number> {
    const { db, publisher, topics, logger, metrics } = this.deps;
    const client = await db.pool.connect();
    // Terminated while checked out, the connection's 'error' must not go unheard (an uncaught exception).
    const unheard = () => undefined;
    client.on('error', unheard);
    const acked: string[] = [];
    let sending: string | undefined;
    try {
      await client.query('BEGIN');
      const rows = await claimOutboxBatch(client, this.options.maxJobsPerBatch ?? 50);
      for (const row of rows) {
        const topic = topics.of(TOPIC_BY_EVENT[row.event_type]);
        sending = row.id;
        await publisher.publish(topic, [
          { key: row.aggregate_id, value: toEventValue(row), headers: { 'x-outbox-id': row.id } },
        ]);
        acked.push(row.id);
        // Marked as soon as Kafka acks it, so published_at orders a job's events the way they went out.
        await markPublished(client, [row.id]);
        metrics.messagesOut.inc({ topic });
        logger.info(
          { job_id: row.aggregate_id, outbox_id: row.id, event_type: row.event_type },
          'outbox event published',
        );
      }
      await client.query('COMMIT');
      return rows.length;
    } catch (error) {
      // Keep what Kafka already acked: rolling it back would send it again. Rows go out in id order and stop at
      // the first failure, so every job keeps a published prefix and its order holds.
      const kept =
        acked.length > 0 &&
        (await client.query('COMMIT').then(
          () => true,
          () => false,
        ));
      if (!kept) await client.query('ROLLBACK').catch(() => undefined);
      if (sending !== undefined && !acked.includes(sending)) {
        await recordFailedAttempt(client, sending, (error as Error).message).catch(() => undefined);
      }
      throw error;
    } finally {
      client.off('error', unheard);
      client.release();
    }
  }

  private sleep(ms: number, wakeOnNotify = true): Promise<void> {
    if (wakeOnNotify && this.notified) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      this.wakeForStop = wake;
      this.wake = wakeOnNotify ? wake : undefined;
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeForStop?.();
    await this.deps.wakeups.stop();
    await this.loop;
  }
}
