import type { PoolClient } from 'pg';
import type { Database } from '@vs/database';
import { nextJobStatus } from '@vs/domain';
import type { FoldedCounters, JobRowRepository, StageProgressValue } from '@vs/pipeline';
import type { JobProgressRepository, ProgressUnitRow } from './job-progress.repository';

/**
 * Folds a job's progress reports into its job row. Each unit is stored under its id and the row's counters
 * grow by what the upsert changed, so they are exact however often a report arrives, and one fold reads the
 * batch's units and the one job row, whatever the job's size.
 */
export class JobProgressFold {
  constructor(
    private readonly db: Database,
    private readonly jobRows: JobRowRepository,
    private readonly units: JobProgressRepository,
  ) {}

  async fold(jobId: string, reports: StageProgressValue[]): Promise<void> {
    await this.db.transaction((client) => this.foldWithin(client, jobId, reports));
  }

  /** The fold inside the caller's transaction (which holds the job row's lock from here to its end). */
  async foldWithin(client: PoolClient, jobId: string, reports: StageProgressValue[]): Promise<void> {
    const job = await this.jobRows.lockForFold(client, jobId);
    if (!job) return;
    const units: ProgressUnitRow[] = reports.flatMap((r) =>
      r.units.map((u) => ({
        stage: r.stage,
        ...u,
        detail: r.planned_packs === null ? {} : { planned_packs: r.planned_packs },
      })),
    );
    const added =
      units.length > 0 ? await this.units.addUnits(client, jobId, units) : { increments: null, changed_units: 0 };
    const counters = added.increments ? grownBy(job, added.increments) : job;
    // A failure reported before the job's rerun belongs to the run that already failed; its units still count.
    const failure = reports.find(
      (r) =>
        (r.outcome === 'failed' || r.outcome === 'budget_exhausted') &&
        (job.rerun_at === null || new Date(r.at) >= job.rerun_at),
    );
    const status = nextJobStatus(
      job.status,
      { record_count: job.record_count, ...counters, manifest_written: job.manifest_written },
      failure !== undefined,
    );
    await this.jobRows.saveFold(client, jobId, {
      counters,
      status,
      error: failure
        ? `${failure.outcome === 'budget_exhausted' ? 'budget_exhausted' : failure.stage}: ${failure.error ?? 'stage gave up'}`
        : null,
      notice: noticeFrom(reports),
      tokens_estimated: reports.some((r) => detailOf(r).usage_estimated === true),
      progressed: added.changed_units > 0,
    });
  }
}

/** The job's counters after the increments: sums, except the plan's pack count, which is the largest reported. */
function grownBy(job: FoldedCounters, by: FoldedCounters): FoldedCounters {
  return {
    planned_packs: Math.max(job.planned_packs, by.planned_packs),
    expanded_records: job.expanded_records + by.expanded_records,
    generated_records: job.generated_records + by.generated_records,
    prompt_tokens: job.prompt_tokens + by.prompt_tokens,
    completion_tokens: job.completion_tokens + by.completion_tokens,
    validated_records: job.validated_records + by.validated_records,
    accepted_records: job.accepted_records + by.accepted_records,
    rejected_records: job.rejected_records + by.rejected_records,
  };
}

function detailOf(report: StageProgressValue): { paused?: string; usage_estimated?: boolean } {
  const detail: unknown = report.detail_json ? JSON.parse(report.detail_json) : null;
  return detail !== null && typeof detail === 'object' ? detail : {};
}

/** The latest pause a stage reported sets the notice; the stage producing records again clears it. */
function noticeFrom(reports: StageProgressValue[]): { changed: boolean; value: string | null } {
  let result: { changed: boolean; value: string | null } = { changed: false, value: null };
  for (const report of reports) {
    const { paused } = detailOf(report);
    if (paused) result = { changed: true, value: `${report.stage} paused: ${paused}` };
    else if (report.stage === 'generator' && report.units.some((u) => u.records > 0))
      result = { changed: true, value: null };
  }
  return result;
}
