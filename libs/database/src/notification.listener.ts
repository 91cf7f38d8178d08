import { Client } from 'pg';
import { classifyError, retry, TransientError, type BackoffOptions } from '@vs/contracts';
import type { Logger } from '@vs/logging';

export interface NotificationListenerSettings {
  databaseUrl: string;
  /** The channel to LISTEN on, as the NOTIFY that feeds it names it. */
  channel: string;
  /** Shows in pg_stat_activity, so an operator (or a test) can tell this connection from the pool's. */
  applicationName: string;
  logger: Logger;
  /** The wait between reconnection attempts (the retry module's back-off with jitter). */
  backoff?: BackoffOptions;
}

interface NotificationHandlers {
  onNotification: (payload: string) => void;
  onConnected?: () => void;
}

/** kafkajs's defaults would wait up to 30 s between attempts; a wake-up channel is worth trying sooner. */
const BACKOFF: BackoffOptions = { initialRetryTime: 200, maxRetryTime: 5_000 };
const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const ignore = () => undefined;

/**
 * LISTENs on one channel on a connection of its own (a pooled one would be handed back and lose the
 * LISTEN). A lost connection is reconnected with the retry module's back-off for as long as the cause is
 * transient; a permanent one (the database is gone, the login refused) stops the listener with an error
 * logged. Notifications only ever save latency: callers keep a poll or sweep of their own.
 */
export class NotificationListener {
  private client: Client | undefined;
  private stopped = true;
  private running: Promise<void> | undefined;
  private cancelWait: (() => void) | undefined;

  constructor(private readonly settings: NotificationListenerSettings) {}

  /**
   * `onNotification` gets each notification's payload ('' when the NOTIFY sent none); `onConnected` runs after
   * every (re)connection, because notifications sent while the connection was down are lost and the caller
   * must look for itself what they would have announced.
   */
  start(onNotification: (payload: string) => void, onConnected?: () => void): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.running = this.listen({ onNotification, onConnected }).catch((error: unknown) =>
      // A caller's handler threw: the listener stops rather than take the process down with it.
      this.settings.logger.error({ channel: this.settings.channel, err: error }, 'notification listener failed'),
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelWait?.();
    // Ends a connection that is still connecting as well: its connect() rejects and the loop sees the stop.
    await this.client?.end().catch(ignore);
    await this.running;
  }

  private async listen(handlers: NotificationHandlers): Promise<void> {
    const { channel, logger } = this.settings;
    for (let connections = 0; !this.stopped; connections++) {
      let connection: { lost: Promise<unknown> } | undefined;
      try {
        connection = await retry(() => this.connect(handlers), {
          ...(this.settings.backoff ?? BACKOFF),
          maxElapsedMs: Number.POSITIVE_INFINITY,
          sleep: (ms) => this.wait(ms),
          onRetry: ({ error, attempt, delayMs }) => {
            const { dependency } = classifyError(error);
            logger.warn(
              { channel, err: error, dependency, attempt, retry_in_ms: delayMs },
              'notification connection failed; retrying',
            );
          },
        });
      } catch (error) {
        if (!this.stopped) {
          logger.error({ channel, err: error }, 'notification listener stopped: the cause is not transient');
        }
        return;
      }
      if (!connection) return;
      if (connections > 0) logger.info({ channel }, 'listening again; notifications sent meanwhile were lost');
      handlers.onConnected?.();
      const cause = await connection.lost;
      await this.client?.end().catch(ignore);
      if (this.stopped) return;
      logger.warn(
        { channel, err: cause, dependency: classifyError(cause).dependency },
        'notification connection lost; reconnecting',
      );
    }
  }

  /** One attempt: connects and LISTENs; `lost` settles, with the cause, when that connection is lost. */
  private async connect(handlers: NotificationHandlers): Promise<{ lost: Promise<unknown> } | undefined> {
    if (this.stopped) return undefined;
    const { databaseUrl, channel, applicationName } = this.settings;
    const client = new Client({ connectionString: databaseUrl, application_name: applicationName });
    this.client = client;
    const lost = new Promise<unknown>((resolve) => {
      // An 'error' must always be heard (unheard, it ends the process); before the LISTEN it is the attempt's.
      client.on('error', resolve);
      client.on('end', () =>
        resolve(new TransientError('notification connection ended', { dependency: 'PostgreSQL' })),
      );
    });
    client.on('notification', (message) => {
      if (message.channel === channel && !this.stopped) handlers.onNotification(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdent(channel)}`);
    } catch (error) {
      await client.end().catch(ignore);
      // Stopped meanwhile: the failure is the stop's own doing, not a cause to retry or report.
      if (this.stopped) return undefined;
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(ignore);
      return undefined;
    }
    // Wrapped: an async function returning the promise itself would wait for it.
    return { lost };
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.cancelWait = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
