import { TERMINAL_JOB_STATUSES, type JobStatus, type TargetSurface } from '@vs/contracts';
import type { Database, Queryable } from '@vs/database';

/** The counters the status consumer folds into the job row from its stages' progress units. */
export interface FoldedCounters {
  planned_packs: number;
  expanded_records: number;
  generated_records: number;
  prompt_tokens: number;
  completion_tokens: number;
  validated_records: number;
  accepted_records: number;
  rejected_records: number;
}

/** What the fold needs of the job row, read under its lock. */
export interface FoldingJob extends FoldedCounters {
  status: JobStatus;
  record_count: number;
  manifest_written: boolean;
  rerun_at: Date | null;
  tokens_estimated: boolean;
}

/** What one fold writes back. */
export interface FoldedJobRow {
  counters: FoldedCounters;
  status: JobStatus;
  /** Stored only when this fold fails the job. */
  error: string | null;
  /** Set when the reports changed it (a pause reported or over); left as it is otherwise. */
  notice: { changed: boolean; value: string | null };
  tokens_estimated: boolean;
  /** Whether any unit was new or grew: a cancelling job settles once its stages have gone quiet. */
  progressed: boolean;
}

/**
 * The pipeline's one owner of the job row (`oracle_synthetic_generation_jobs`): every statement a stage runs
 * on it. The rules (what a status becomes, when a note shows) stay in the services that call it.
 * Each method runs on `client` when given (inside the caller's transaction), else on the pool.
 */
export class JobRowRepository {
  constructor(private readonly db: Database) {}

  /** Status and instants the expander checks before planning a job; null when the job is not in this database. */
  async expansionOf(jobId: string): Promise<{ status: JobStatus; created_at: Date; reference_at: Date } | null> {
    const [row] = await this.db.query<{ status: JobStatus; created_at: Date; reference_at: Date }>(
      'SELECT status, created_at, reference_at FROM oracle_synthetic_generation_jobs WHERE job_id = $1',
      [jobId],
    );
    return row ?? null;
  }

  /** What the validator scores a job's records against. */
  async scoringContextOf(
    jobId: string,
  ): Promise<{ subchapter_key: string | null; reference_at: Date | null; mode: 'production' | 'preview' } | null> {
    const [row] = await this.db.query<{
      subchapter_key: string | null;
      reference_at: Date | null;
      mode: 'production' | 'preview';
    }>('SELECT subchapter_key, reference_at, mode FROM oracle_synthetic_generation_jobs WHERE job_id = $1', [jobId]);
    return row ?? null;
  }

  async statusOf(jobId: string): Promise<JobStatus | null> {
    const [row] = await this.db.query<{ status: JobStatus }>(
      'SELECT status FROM oracle_synthetic_generation_jobs WHERE job_id = $1',
      [jobId],
    );
    return row?.status ?? null;
  }

  /** Jobs in one of `statuses` touched within the last week (older ones no stage still holds work for). */
  async recentlyIn(statuses: readonly JobStatus[]): Promise<{ job_id: string; status: JobStatus }[]> {
    return this.db.query<{ job_id: string; status: JobStatus }>(
      `SELECT job_id, status FROM oracle_synthetic_generation_jobs
        WHERE status = ANY($1) AND updated_at > now() - interval '7 days'`,
      [statuses],
    );
  }

  /** Tokens the job row has folded so far, and its budget (null: none). */
  async tokensOf(jobId: string): Promise<{ spent: number; token_budget: number | null } | null> {
    const [row] = await this.db.query<{ spent: string; token_budget: string | null }>(
      `SELECT (prompt_tokens + completion_tokens)::text AS spent, token_budget::text AS token_budget
         FROM oracle_synthetic_generation_jobs WHERE job_id = $1`,
      [jobId],
    );
    if (!row) return null;
    return { spent: Number(row.spent), token_budget: row.token_budget === null ? null : Number(row.token_budget) };
  }

  /** Shows `note` on the running jobs in hand whatever they showed, and on the others that show nothing. */
  async showPauseNote(inHand: string[], note: string, running: readonly JobStatus[]): Promise<void> {
    await this.db.query(
      `UPDATE oracle_synthetic_generation_jobs SET notice = $2, updated_at = now()
        WHERE status = ANY($3) AND notice IS DISTINCT FROM $2
          AND (job_id = ANY($1::uuid[]) OR notice IS NULL)`,
      [inHand, note, running],
    );
  }

  /** Clears `note` wherever it shows, and only it. */
  async clearPauseNote(note: string): Promise<void> {
    await this.db.query(
      'UPDATE oracle_synthetic_generation_jobs SET notice = NULL, updated_at = now() WHERE notice = $1',
      [note],
    );
  }

  /** Counts `lost` more dead-lettered messages against the job and fails it with `reason` unless it already ended. */
  async failForDeadLetter(client: Queryable, jobId: string, lost: number, reason: string): Promise<void> {
    await client.query(
      `UPDATE oracle_synthetic_generation_jobs
          SET dead_lettered = dead_lettered + $3,
              status = CASE WHEN status = ANY($4) THEN status ELSE 'failed' END,
              failed_at = CASE WHEN status = ANY($4) THEN failed_at ELSE now() END,
              error = COALESCE(error, $2),
              notice = NULL,
              updated_at = now()
        WHERE job_id = $1`,
      [jobId, reason, lost, TERMINAL_JOB_STATUSES],
    );
  }

  /** Locks the job row for one fold of its progress; null when the job is not in this database. */
  async lockForFold(client: Queryable, jobId: string): Promise<FoldingJob | null> {
    const { rows } = await client.query<FoldingJob & { prompt_tokens: string; completion_tokens: string }>(
      `SELECT status, record_count, output_manifest IS NOT NULL AS manifest_written, rerun_at, tokens_estimated,
              planned_packs, expanded_records, generated_records, prompt_tokens::text, completion_tokens::text,
              validated_records, accepted_records, rejected_records
         FROM oracle_synthetic_generation_jobs WHERE job_id = $1 FOR UPDATE`,
      [jobId],
    );
    const row = rows[0];
    if (!row) return null;
    return { ...row, prompt_tokens: Number(row.prompt_tokens), completion_tokens: Number(row.completion_tokens) };
  }

  /** Writes one fold's counters, status and notice; the instants follow the status. */
  async saveFold(client: Queryable, jobId: string, fold: FoldedJobRow): Promise<void> {
    const c = fold.counters;
    await client.query(
      `UPDATE oracle_synthetic_generation_jobs SET
         planned_packs = $2, expanded_records = $3, generated_records = $4, prompt_tokens = $5, completion_tokens = $6,
         validated_records = $7, accepted_records = $8, rejected_records = $9, status = $10,
         error = CASE WHEN $10 = 'failed' AND status <> 'failed' THEN $11 ELSE error END,
         started_at = COALESCE(started_at, CASE WHEN $10 NOT IN ('pending', 'queued') THEN now() END),
         completed_at = CASE WHEN $10 = 'completed' THEN COALESCE(completed_at, now()) ELSE completed_at END,
         failed_at = CASE WHEN $10 = 'failed' THEN COALESCE(failed_at, now()) ELSE failed_at END,
         notice = CASE WHEN $12 THEN $13 ELSE notice END,
         tokens_estimated = tokens_estimated OR $14,
         progress_at = CASE WHEN $15 THEN now() ELSE progress_at END,
         updated_at = now()
       WHERE job_id = $1`,
      [
        jobId,
        c.planned_packs,
        c.expanded_records,
        c.generated_records,
        c.prompt_tokens,
        c.completion_tokens,
        c.validated_records,
        c.accepted_records,
        c.rejected_records,
        fold.status,
        fold.error,
        fold.notice.changed,
        fold.notice.value,
        fold.tokens_estimated,
        fold.progressed,
      ],
    );
  }

  /**
   * Ends the cancelling jobs (or the one job) whose cancel is `quietSeconds` old and whose stages folded no
   * progress for as long; returns their ids.
   */
  async settleCancelled(quietSeconds: number, jobId: string | null = null): Promise<string[]> {
    const rows = await this.db.query<{ job_id: string }>(
      `UPDATE oracle_synthetic_generation_jobs
          SET status = 'cancelled', cancelled_at = COALESCE(cancelled_at, now()), updated_at = now()
        WHERE status = 'cancelling' AND ($1::uuid IS NULL OR job_id = $1)
          AND cancel_requested_at < now() - make_interval(secs => $2)
          AND (progress_at IS NULL OR progress_at < now() - make_interval(secs => $2))
        RETURNING job_id::text`,
      [jobId, quietSeconds],
    );
    return rows.map((r) => r.job_id);
  }

  /**
   * Up to `limit` jobs ready for their output: every planned record decided, every decision staged by the
   * distributor, no manifest yet. (The distributor's finaliser; job_accepted_records and job_rejected_records
   * are its staging tables.)
   */
  async readyForOutput(limit: number): Promise<string[]> {
    const rows = await this.db.query<{ job_id: string }>(
      `SELECT j.job_id::text FROM oracle_synthetic_generation_jobs j
        WHERE j.status IN ('validating', 'distributing') AND j.output_manifest IS NULL
          AND j.validated_records = j.record_count
          AND (SELECT count(*) FROM job_accepted_records a WHERE a.job_id = j.job_id) = j.accepted_records
          AND (SELECT count(*) FROM job_rejected_records r WHERE r.job_id = j.job_id) = j.rejected_records
        LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.job_id);
  }

  /**
   * Locks a job for writing its output, inside the finaliser's transaction; null when it has its manifest
   * already, is no longer waiting for one, or another finaliser holds it (it is skipped, not waited for).
   */
  async lockForOutput(client: Queryable, jobId: string): Promise<JobForOutput | null> {
    const { rows } = await client.query<JobForOutput>(
      `SELECT job_id::text, status, tenant_id, template_id, template_revision, chapter_key, subchapter_key, locale, engine,
              token_budget::float8 AS token_budget, reference_at, target_surface, mode, record_count, expanded_records,
              generated_records, validated_records, accepted_records, rejected_records
         FROM oracle_synthetic_generation_jobs
        WHERE job_id = $1 AND output_manifest IS NULL AND status IN ('validating', 'distributing')
        FOR UPDATE SKIP LOCKED`,
      [jobId],
    );
    return rows[0] ?? null;
  }

  /**
   * Stores the job's output manifest, how many records reached its surface and the status that follows (a
   * completed job gets its completed_at), in the finaliser's transaction.
   */
  async saveOutputManifest(
    client: Queryable,
    jobId: string,
    output: { manifest: unknown; distributed: number; status: JobStatus },
  ): Promise<void> {
    await client.query(
      `UPDATE oracle_synthetic_generation_jobs SET output_manifest = $2, distributed_records = $3, status = $4,
              completed_at = CASE WHEN $4 = 'completed' THEN COALESCE(completed_at, now()) ELSE completed_at END,
              updated_at = now()
        WHERE job_id = $1`,
      [jobId, JSON.stringify(output.manifest), output.distributed, output.status],
    );
  }
}

/** The job row as the distributor's finaliser writes its output from it. */
export interface JobForOutput {
  job_id: string;
  status: JobStatus;
  tenant_id: string;
  template_id: string;
  template_revision: number;
  chapter_key: string;
  subchapter_key: string | null;
  locale: string;
  engine: string;
  token_budget: number | null;
  /** The instant the job's dates were generated around (absent on rows from before migration 0009). */
  reference_at: Date | null;
  target_surface: TargetSurface;
  mode: 'production' | 'preview';
  record_count: number;
  expanded_records: number;
  generated_records: number;
  validated_records: number;
  accepted_records: number;
  rejected_records: number;
}
