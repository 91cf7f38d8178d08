import { Backoff, classifyError } from '@vs/contracts';
import type { Logger } from '@vs/logging';

/**
 * A sweep that runs every `intervalMs`, one at a time. A failing sweep backs off with the retry module's
 * exponential back-off and jitter (logged as a pause when the cause is transient, an error otherwise) and the
 * interval returns after the first sweep that succeeds: an outage costs no log flood and no busy loop.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly backoff = new Backoff({ initialRetryTime: 500, maxRetryTime: 15_000 });

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly sweep: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(this.intervalMs);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep().then(
        () => {
          this.backoff.reset();
          this.schedule(this.intervalMs);
        },
        (error: unknown) => {
          const delay = this.backoff.next();
          const { transient, dependency } = classifyError(error);
          const log = { loop: this.name, err: error, dependency, retry_in_ms: delay };
          if (transient) this.logger.warn(log, `${this.name} paused; retrying`);
          else this.logger.error(log, `${this.name} failed; retrying`);
          this.schedule(delay);
        },
      );
    }, ms);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
