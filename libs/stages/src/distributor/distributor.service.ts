import type { QualityScores, RecordFields } from '@vs/contracts';
import type { ConsumedMessage } from '@vs/kafka';
import type { JobStopWatch, LineageValue, ProgressReporter, RejectedRecordValue } from '@vs/pipeline';
import type { AcceptedForStaging, StagingRepository } from './staging.repository';

export interface AcceptedRecordValue {
  record_id: string;
  job_id: string;
  pack_id: string;
  record_index: number;
  lineage: LineageValue;
  scores: QualityScores;
  record: Record<string, unknown> | null;
}

/**
 * Stages accepted records and keeps rejected ones on their job; the finalizer writes the surface once
 * the job is fully decided. Both effects are insert-on-conflict, so redelivery changes nothing. A failed
 * job keeps staging what was decided before it failed: its rejected records stay on it for review, and a
 * rerun (which publishes nothing twice) finds every accepted record already staged.
 */
export class DistributorService {
  constructor(
    private readonly staging: StagingRepository,
    private readonly progress: ProgressReporter,
    private readonly stopWatch: JobStopWatch,
  ) {}

  async onAcceptedRecords(messages: ConsumedMessage<AcceptedRecordValue>[]): Promise<void> {
    const records: AcceptedForStaging[] = messages
      .map((m) => m.value)
      .filter((v) => !this.stopWatch.isCancelled(v.job_id))
      .map((v) => ({
        record_id: v.record_id,
        job_id: v.job_id,
        record_index: v.record_index,
        fields: unwrapRecord(v.record),
        lineage: v.lineage,
        scores: v.scores,
      }));
    await this.staging.stageAccepted(records);
    await this.reportByJob(records, (r) => ({ unit_id: `accepted:${r.record_id}`, records: 1, accepted: 1 }));
  }

  async onRejectedRecords(messages: ConsumedMessage<RejectedRecordValue>[]): Promise<void> {
    const records = messages.map((m) => m.value).filter((v) => !this.stopWatch.isCancelled(v.job_id));
    await this.staging.keepRejected(records);
    await this.reportByJob(records, (r) => ({ unit_id: `rejected:${r.record_id}`, records: 1, rejected: 1 }));
  }

  private async reportByJob<R extends { job_id: string }>(
    records: R[],
    unit: (r: R) => Parameters<ProgressReporter['report']>[2][number],
  ): Promise<void> {
    const byJob = new Map<string, R[]>();
    for (const r of records) {
      const ofJob = byJob.get(r.job_id);
      // Appending in place: copying the job's array per record made a batch quadratic in its size.
      if (ofJob) ofJob.push(r);
      else byJob.set(r.job_id, [r]);
    }
    for (const [jobId, jobRecords] of byJob) await this.progress.report(jobId, 'distributor', jobRecords.map(unit));
  }
}

/**
 * The record union is unwrapped by avsc while it has one record branch and wrapped ({full name: record})
 * once it has several; record field names never contain a dot, so a single dotted key means wrapped.
 */
export function unwrapRecord(record: Record<string, unknown> | null): RecordFields {
  if (record === null) return {};
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0]!.includes('.') && typeof record[keys[0]!] === 'object') {
    return record[keys[0]!] as RecordFields;
  }
  return record as RecordFields;
}
