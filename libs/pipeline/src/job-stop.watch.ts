import type { JobStatus } from '@vs/contracts';
import type { Logger } from '@vs/logging';
import type { JobRowRepository } from './job-row.repository';
import { PollingLoop } from './polling.loop';

const CANCELLED: JobStatus[] = ['cancelling', 'cancelled'];
const STOPPED: JobStatus[] = [...CANCELLED, 'failed'];

/**
 * Which jobs the stages must stop working on, refreshed from PostgreSQL every second so a cancel reaches
 * each stage within seconds, whichever instance holds the work. A failed job can be rerun, so the view may
 * be up to a second stale the other way: a stage about to drop work confirms with `stillStopped` first.
 */
export class JobStopWatch {
  private stopped = new Map<string, JobStatus>();
  private loop: PollingLoop | undefined;

  constructor(
    private readonly jobRows: JobRowRepository,
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
    const status = this.stopped.get(jobId);
    return status !== undefined && CANCELLED.includes(status);
  }

  /** Whether the job is stopped right now, asked of PostgreSQL (a rerun may have revived it). */
  async stillStopped(jobId: string): Promise<boolean> {
    if (!this.stopped.has(jobId)) return false;
    const status = await this.jobRows.statusOf(jobId);
    if (status !== null && STOPPED.includes(status)) {
      this.stopped.set(jobId, status);
      return true;
    }
    this.stopped.delete(jobId);
    return false;
  }

  async refresh(): Promise<void> {
    const rows = await this.jobRows.recentlyIn(STOPPED);
    this.stopped = new Map(rows.map((r) => [r.job_id, r.status]));
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }
}
