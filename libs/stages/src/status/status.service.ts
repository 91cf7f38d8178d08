import type { ConsumedMessage } from '@vs/kafka';
import { PollingLoop, type JobCancelledValue, type ServiceRuntime, type StageProgressValue } from '@vs/pipeline';
import { foldProgress, settleCancelled } from './job-progress.repository';

const QUIET_SECONDS = 2;

/** Writes every stage's progress back to the job row, and ends cancelled jobs once their stages are quiet. */
export class StatusService {
  private loop: PollingLoop | undefined;

  constructor(private readonly runtime: ServiceRuntime) {}

  async onProgress(messages: ConsumedMessage<StageProgressValue>[]): Promise<void> {
    const byJob = new Map<string, StageProgressValue[]>();
    for (const { value } of messages) byJob.set(value.job_id, [...(byJob.get(value.job_id) ?? []), value]);
    for (const [jobId, reports] of byJob) {
      await this.runtime.db.transaction((client) => foldProgress(client, jobId, reports));
    }
  }

  /** A relayed cancel: settle now if the job is already quiet; the sweep settles it otherwise. */
  async onCancelled(messages: ConsumedMessage<JobCancelledValue>[]): Promise<void> {
    for (const { value } of messages) await this.settle(value.job_id);
  }

  start(): void {
    this.loop = new PollingLoop('cancelled-jobs sweep', 500, () => this.settle(null), this.runtime.logger);
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  private async settle(jobId: string | null): Promise<void> {
    for (const cancelled of await settleCancelled(this.runtime.db.pool, QUIET_SECONDS, jobId)) {
      this.runtime.logger.info({ job_id: cancelled }, 'job cancelled; its stages are quiet');
    }
  }
}
