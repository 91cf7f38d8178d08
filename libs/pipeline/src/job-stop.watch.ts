import type { Database } from '@vs/database';
import type { Logger } from '@vs/logging';

/**
 * Which jobs every stage must stop working on (cancelling, cancelled, failed), refreshed from
 * PostgreSQL every second so a cancel reaches each stage within seconds, whichever instance holds the work.
 */
export class JobStopWatch {
  private stopped = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly intervalMs = 1000,
  ) {}

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.logger.warn({ err: error }, 'could not refresh stopped jobs'));
    }, this.intervalMs);
    this.timer.unref();
  }

  isStopped(jobId: string): boolean {
    return this.stopped.has(jobId);
  }

  async refresh(): Promise<void> {
    const rows = await this.db.query<{ job_id: string }>(
      `SELECT job_id FROM oracle_synthetic_generation_jobs
        WHERE status IN ('cancelling', 'cancelled', 'failed') AND updated_at > now() - interval '7 days'`,
    );
    this.stopped = new Set(rows.map((r) => r.job_id));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
