import type { ConsumedMessage } from '@vs/kafka';
import type { JobCancelledValue, ServiceRuntime, StageProgressValue } from '@vs/pipeline';
import { foldProgress, markCancelled } from './job-progress.repository';

/** Writes every stage's progress back to the job row, and ends cancelled jobs. */
export class StatusService {
  constructor(private readonly runtime: ServiceRuntime) {}

  async onProgress(messages: ConsumedMessage<StageProgressValue>[]): Promise<void> {
    const byJob = new Map<string, StageProgressValue[]>();
    for (const { value } of messages) byJob.set(value.job_id, [...(byJob.get(value.job_id) ?? []), value]);
    for (const [jobId, reports] of byJob) {
      await this.runtime.db.transaction((client) => foldProgress(client, jobId, reports));
    }
  }

  async onCancelled(messages: ConsumedMessage<JobCancelledValue>[]): Promise<void> {
    for (const { value } of messages) {
      await this.runtime.db.transaction((client) => markCancelled(client, value.job_id));
      this.runtime.logger.info({ job_id: value.job_id }, 'job cancelled');
    }
  }
}
