import type { Queryable } from '@vs/database';
import {
  chapterPlanInput,
  PromptPackPlanError,
  QualityReportAccumulator,
  qualityReportPlan,
  type JobQualityReport,
  type QualityReportPlan,
} from '@vs/domain';
import type { RejectedRecordsRepository, TemplateRevision } from '@vs/templates';
import type { FinalizingJob, StagedRecord } from './surfaces/staged-record';

const REJECTED_BATCH = 1000;

/**
 * A finalising job's quality report: its accepted records (fed by the finaliser as it streams them to the
 * surface), its rejected records (read in batches, so a job with millions of them never sits in memory) and
 * the plan the expander made from the same revision.
 */
export class QualityReportBuilder {
  constructor(
    private readonly rejected: RejectedRecordsRepository,
    private readonly batchSize = REJECTED_BATCH,
  ) {}

  /** An empty report for the job: feed it with addAcceptedTo, then finish. */
  open(job: FinalizingJob, revision: TemplateRevision): QualityReportAccumulator {
    return new QualityReportAccumulator(planOf(job, revision));
  }

  async finish(
    client: Queryable,
    accumulator: QualityReportAccumulator,
    jobId: string,
    generatedAt: Date,
  ): Promise<JobQualityReport> {
    let after: { record_index: number; record_id: string } | null = null;
    for (;;) {
      const batch = await this.rejected.reasonsAfter(client, jobId, after, this.batchSize);
      for (const r of batch) accumulator.addRejected({ reasons: r.reasons, subchapter_key: r.subchapter_key });
      if (batch.length < this.batchSize) break;
      after = batch[batch.length - 1]!;
    }
    return accumulator.finish(generatedAt);
  }
}

export function addAcceptedTo(accumulator: QualityReportAccumulator, records: readonly StagedRecord[]): void {
  for (const record of records)
    accumulator.addAccepted({
      fields: record.fields,
      subchapter_key: record.lineage.subchapter_key,
      scores: record.scores,
    });
}

function planOf(job: FinalizingJob, revision: TemplateRevision): QualityReportPlan {
  const chapter = revision.chapters.find((c) => c.chapter_key === job.chapter_key);
  const empty: QualityReportPlan = {
    job_id: job.job_id,
    template_id: job.template_id,
    template_revision: job.template_revision,
    chapter_key: job.chapter_key,
    locale: job.locale,
    record_count: job.record_count,
    record_schema: revision.record_schema,
    subchapters: [],
    exemplars: [],
    reference_at: job.reference_at === null ? null : new Date(job.reference_at).toISOString(),
  };
  if (!chapter) return empty;
  try {
    return qualityReportPlan({
      job: {
        ...job,
        token_budget: job.token_budget === null ? null : Number(job.token_budget),
        reference_at: job.reference_at === null ? null : new Date(job.reference_at).toISOString(),
      },
      chapter: chapterPlanInput(chapter),
      record_schema: revision.record_schema,
    });
  } catch (error) {
    // A plan the expander could make can always be made again; this only keeps a report from blocking output.
    if (error instanceof PromptPackPlanError) return empty;
    throw error;
  }
}
