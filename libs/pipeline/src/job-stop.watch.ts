import type { Database } from '@vs/database';
import type { Logger } from '@vs/logging';
import { PollingLoop } from './polling.loop';

const CANCELLED = ['cancelling', 'cancelled'];
const STOPPED = [...CANCELLED, 'failed'];

/**
 * Which jobs the stages must stop working on, refreshed from PostgreSQL every second so a cancel reaches
 * each stage within seconds, whichever instance holds the work. A failed job can be rerun, so the view may
 * be up to a second stale the other way: a stage about to drop work confirms with `stillStopped` first.
 */
export class JobStopWatch {
  private stopped = new Map<string, string>();
  private loop: PollingLoop | undefined;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly intervalMs = 1000,
  ) {}

  async start(): Promise<void> {
    await this.refresh();
    this.loop = new PollingLoop('stopped-jobs refresh', this.intervalMs, () => this.refresh(), this.logger);
    this.loop.start();
  }

  /** Cancelled, cancelling or failed, as of the last refresh. */
  isStopped(jobId: string): boolean {
    return this.stopped.has(jobId);
  }

  /** Cancelled or cancelling: its remaining work is dropped everywhere, staging included. */
  isCancelled(jobId: string): boolean {
    return CANCELLED.includes(this.stopped.get(jobId) ?? '');
  }

  /** Whether the job is stopped right now, asked of PostgreSQL (a rerun may have revived it). */
  async stillStopped(jobId: string): Promise<boolean> {
    if (!this.stopped.has(jobId)) return false;
    const [row] = await this.db.query<{ status: string }>(
      'SELECT status FROM oracle_synthetic_generation_jobs WHERE job_id = $1',
      [jobId],
    );
    if (row && STOPPED.includes(row.status)) {
      this.stopped.set(jobId, row.status);
      return true;
    }
    this.stopped.delete(jobId);
    return false;
  }

  async refresh(): Promise<void> {
    const rows = await this.db.query<{ job_id: string; status: string }>(
      `SELECT job_id, status FROM oracle_synthetic_generation_jobs
        WHERE status = ANY($1) AND updated_at > now() - interval '7 days'`,
      [STOPPED],
    );
    this.stopped = new Map(rows.map((r) => [r.job_id, r.status]));
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }
}
