import type { PoolClient } from 'pg';
import type { Queryable } from '@vs/database';
import type { JobStatus } from '@vs/contracts';
import { nextJobStatus } from '@vs/domain';
import type { StageProgressValue } from '@vs/pipeline';

interface FoldedCounts {
  planned_packs: number;
  expanded_records: number;
  generated_records: number;
  prompt_tokens: string;
  completion_tokens: string;
  validated_records: number;
  accepted_records: number;
  rejected_records: number;
}

/**
 * Folds progress into the job row. Units are stored under their ids and counts are recomputed from the
 * stored units, so they are exact however often a report arrives. A unit only ever grows: a pack the
 * token budget cut short reports fewer records than the same pack finished by a rerun (same record ids,
 * cached completions with their original usage), and the larger report replaces the smaller.
 */
export async function foldProgress(client: PoolClient, jobId: string, reports: StageProgressValue[]): Promise<void> {
  const { rows: jobs } = await client.query<{
    status: JobStatus;
    record_count: number;
    manifest: boolean;
    rerun_at: Date | null;
  }>(
    `SELECT status, record_count, output_manifest IS NOT NULL AS manifest, rerun_at
       FROM oracle_synthetic_generation_jobs WHERE job_id = $1 FOR UPDATE`,
    [jobId],
  );
  const job = jobs[0];
  if (!job) return;
  const units = reports.flatMap((r) =>
    r.units.map((u) => ({
      stage: r.stage,
      ...u,
      detail: r.planned_packs === null ? {} : { planned_packs: r.planned_packs },
    })),
  );
  if (units.length > 0) {
    await client.query(
      `INSERT INTO job_stage_progress (job_id, stage, unit_id, records, accepted, rejected, prompt_tokens, completion_tokens, detail)
       SELECT DISTINCT ON (u.stage, u.unit_id)
              $1, u.stage, u.unit_id, u.records, u.accepted, u.rejected, u.prompt_tokens, u.completion_tokens, u.detail
         FROM jsonb_to_recordset($2::jsonb) AS u(stage text, unit_id text, records int, accepted int, rejected int,
              prompt_tokens bigint, completion_tokens bigint, detail jsonb)
        -- one row per unit (a batch may carry a redelivered report twice), the largest report of it
        ORDER BY u.stage, u.unit_id, u.records DESC, u.prompt_tokens + u.completion_tokens DESC
       ON CONFLICT (job_id, stage, unit_id) DO UPDATE SET
         records = GREATEST(job_stage_progress.records, EXCLUDED.records),
         accepted = GREATEST(job_stage_progress.accepted, EXCLUDED.accepted),
         rejected = GREATEST(job_stage_progress.rejected, EXCLUDED.rejected),
         prompt_tokens = GREATEST(job_stage_progress.prompt_tokens, EXCLUDED.prompt_tokens),
         completion_tokens = GREATEST(job_stage_progress.completion_tokens, EXCLUDED.completion_tokens)
       WHERE (EXCLUDED.records, EXCLUDED.prompt_tokens + EXCLUDED.completion_tokens)
           > (job_stage_progress.records, job_stage_progress.prompt_tokens + job_stage_progress.completion_tokens)`,
      [jobId, JSON.stringify(units)],
    );
  }
  const { rows } = await client.query<FoldedCounts>(
    `SELECT
       COALESCE(max((detail ->> 'planned_packs')::int) FILTER (WHERE stage = 'expander'), 0) AS planned_packs,
       COALESCE(sum(records) FILTER (WHERE stage = 'expander'), 0)::int AS expanded_records,
       COALESCE(sum(records) FILTER (WHERE stage = 'generator'), 0)::int AS generated_records,
       COALESCE(sum(prompt_tokens) FILTER (WHERE stage = 'generator'), 0)::text AS prompt_tokens,
       COALESCE(sum(completion_tokens) FILTER (WHERE stage = 'generator'), 0)::text AS completion_tokens,
       COALESCE(sum(records) FILTER (WHERE stage = 'validator'), 0)::int AS validated_records,
       COALESCE(sum(accepted) FILTER (WHERE stage = 'validator'), 0)::int AS accepted_records,
       COALESCE(sum(rejected) FILTER (WHERE stage = 'validator'), 0)::int AS rejected_records
     FROM job_stage_progress WHERE job_id = $1`,
    [jobId],
  );
  const counts = rows[0]!;
  // A failure reported before the job's rerun belongs to the run that already failed; its units still count.
  const failure = reports.find(
    (r) =>
      (r.outcome === 'failed' || r.outcome === 'budget_exhausted') &&
      (job.rerun_at === null || new Date(r.at) >= job.rerun_at),
  );
  const notice = noticeFrom(reports);
  const status = nextJobStatus(
    job.status,
    { record_count: job.record_count, ...counts, manifest_written: job.manifest },
    failure !== undefined,
  );
  await client.query(
    `UPDATE oracle_synthetic_generation_jobs SET
       planned_packs = $2, expanded_records = $3, generated_records = $4, prompt_tokens = $5, completion_tokens = $6,
       validated_records = $7, accepted_records = $8, rejected_records = $9, status = $10,
       error = CASE WHEN $10 = 'failed' AND status <> 'failed' THEN $11 ELSE error END,
       started_at = COALESCE(started_at, CASE WHEN $10 NOT IN ('pending', 'queued') THEN now() END),
       completed_at = CASE WHEN $10 = 'completed' THEN COALESCE(completed_at, now()) ELSE completed_at END,
       failed_at = CASE WHEN $10 = 'failed' THEN COALESCE(failed_at, now()) ELSE failed_at END,
       notice = CASE WHEN $12 THEN $13 ELSE notice END,
       updated_at = now()
     WHERE job_id = $1`,
    [
      jobId,
      counts.planned_packs,
      counts.expanded_records,
      counts.generated_records,
      counts.prompt_tokens,
      counts.completion_tokens,
      counts.validated_records,
      counts.accepted_records,
      counts.rejected_records,
      status,
      failure
        ? `${failure.outcome === 'budget_exhausted' ? 'budget_exhausted' : failure.stage}: ${failure.error ?? 'stage gave up'}`
        : null,
      notice.changed,
      notice.value,
    ],
  );
}

/**
 * Ends cancelling jobs once their stages have gone quiet: no progress folded for `quietSeconds`. Stages stop
 * within about a second of a cancel, so the counts a cancelled job shows are the counts it keeps.
 */
export async function settleCancelled(
  client: Queryable,
  quietSeconds: number,
  jobId: string | null = null,
): Promise<string[]> {
  const { rows } = await client.query<{ job_id: string }>(
    `UPDATE oracle_synthetic_generation_jobs j
        SET status = 'cancelled', cancelled_at = COALESCE(j.cancelled_at, now()), updated_at = now()
      WHERE j.status = 'cancelling' AND ($1::uuid IS NULL OR j.job_id = $1)
        AND j.cancel_requested_at < now() - make_interval(secs => $2)
        AND NOT EXISTS (SELECT 1 FROM job_stage_progress p
                         WHERE p.job_id = j.job_id AND p.recorded_at > now() - make_interval(secs => $2))
      RETURNING j.job_id::text`,
    [jobId, quietSeconds],
  );
  return rows.map((r) => r.job_id);
}

/** The latest pause a stage reported sets the notice; the stage producing records again clears it. */
function noticeFrom(reports: StageProgressValue[]): { changed: boolean; value: string | null } {
  let result: { changed: boolean; value: string | null } = { changed: false, value: null };
  for (const report of reports) {
    const detail = report.detail_json ? (JSON.parse(report.detail_json) as { paused?: string }) : {};
    if (detail.paused) result = { changed: true, value: `${report.stage} paused: ${detail.paused}` };
    else if (report.stage === 'generator' && report.units.some((u) => u.records > 0))
      result = { changed: true, value: null };
  }
  return result;
}
