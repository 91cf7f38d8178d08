import { Client } from 'pg';
import { Backoff, classifyError } from '@vs/contracts';
import type { Logger } from '@vs/logging';

/** The channel migration 0012's trigger notifies when every record of a job without a manifest is decided. */
export const JOB_DECIDED_CHANNEL = 'job_decided';

/**
 * LISTENs for decided jobs on a connection of its own (a pooled one would be handed back and lose the
 * LISTEN). A lost connection is reconnected with the retry module's back-off, for as long as it takes;
 * notifications sent while it was down are lost, so every (re)connection calls `onConnected` for the
 * caller to look for ready jobs itself.
 */
export class JobDecidedListener {
  private client: Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private readonly backoff = new Backoff({ initialRetryTime: 200, maxRetryTime: 5_000 });

  constructor(
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {}

  start(onDecided: (jobId: string) => void, onConnected: () => void): void {
    this.stopped = false;
    void this.connect(onDecided, onConnected);
  }

  private async connect(onDecided: (jobId: string) => void, onConnected: () => void): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'velocity-synth-finalizer' });
    let lost = false;
    const reconnect = (error?: unknown) => {
      if (lost) return;
      lost = true;
      void client.end().catch(() => undefined);
      if (this.client === client) this.client = undefined;
      if (this.stopped) return;
      const delay = this.backoff.next();
      const { dependency } = classifyError(error);
      this.logger.warn({ err: error, dependency, retry_in_ms: delay }, 'finalizer wake-ups lost; reconnecting');
      this.timer = setTimeout(() => void this.connect(onDecided, onConnected), delay);
      this.timer.unref?.();
    };
    client.on('error', reconnect);
    client.on('end', () => reconnect(new Error('notification connection ended')));
    client.on('notification', (message) => {
      if (message.channel === JOB_DECIDED_CHANNEL && message.payload) onDecided(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${JOB_DECIDED_CHANNEL}`);
    } catch (error) {
      reconnect(error);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.backoff.reset();
    onConnected();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
