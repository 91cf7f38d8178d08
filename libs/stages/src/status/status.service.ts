import type { ConsumedMessage } from '@vs/kafka';
import type { Logger } from '@vs/logging';
import { PollingLoop, type JobCancelledValue, type JobRowRepository, type StageProgressValue } from '@vs/pipeline';
import type { JobProgressFold } from './job-progress.fold';

const QUIET_SECONDS = 2;

/** Writes every stage's progress back to the job row, and ends cancelled jobs once their stages are quiet. */
export class StatusService {
  private loop: PollingLoop | undefined;

  constructor(
    private readonly progress: JobProgressFold,
    private readonly jobRows: JobRowRepository,
    private readonly logger: Logger,
  ) {}

  async onProgress(messages: ConsumedMessage<StageProgressValue>[]): Promise<void> {
    const byJob = new Map<string, StageProgressValue[]>();
    for (const { value } of messages) {
      const reports = byJob.get(value.job_id);
      if (reports) reports.push(value);
      else byJob.set(value.job_id, [value]);
    }
    for (const [jobId, reports] of byJob) await this.progress.fold(jobId, reports);
  }

  /** A relayed cancel: settle now if the job is already quiet; the sweep settles it otherwise. */
  async onCancelled(messages: ConsumedMessage<JobCancelledValue>[]): Promise<void> {
    for (const { value } of messages) await this.settle(value.job_id);
  }

  start(): void {
    this.loop = new PollingLoop('cancelled-jobs sweep', 500, () => this.settle(null), this.logger);
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  /** Stages stop within about a second of a cancel, so the counts a cancelled job shows are the counts it keeps. */
  private async settle(jobId: string | null): Promise<void> {
    for (const cancelled of await this.jobRows.settleCancelled(QUIET_SECONDS, jobId)) {
      this.logger.info({ job_id: cancelled }, 'job cancelled; its stages are quiet');
    }
  }
}
