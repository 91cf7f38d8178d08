import type { ConsumedMessage } from '@vs/kafka';
import type { JobCancelledValue, ServiceRuntime, StageProgressValue } from '@vs/pipeline';
import { foldProgress, settleCancelled } from './job-progress.repository';

const QUIET_SECONDS = 2;

/** Writes every stage's progress back to the job row, and ends cancelled jobs once their stages are quiet. */
export class StatusService {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<unknown> | undefined;

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
    this.timer = setInterval(() => {
      this.sweeping ??= this.settle(null)
        .catch((error: unknown) => this.runtime.logger.warn({ err: error }, 'could not settle cancelled jobs'))
        .finally(() => (this.sweeping = undefined));
    }, 500);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
  }

  private async settle(jobId: string | null): Promise<void> {
    for (const cancelled of await settleCancelled(this.runtime.db.pool, QUIET_SECONDS, jobId)) {
      this.runtime.logger.info({ job_id: cancelled }, 'job cancelled; its stages are quiet');
    }
  }
}
