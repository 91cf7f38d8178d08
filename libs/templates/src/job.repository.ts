import type { Database, Queryable } from '@vs/database';
import type { JobStatus } from '@vs/contracts';
import type { JobCancelledPayload, JobLineage, JobRequestedPayload, JobView } from './job.types';

/** A job row as PostgreSQL returns it; toJobView turns it into the API's shape. */
export type JobRow = Record<string, unknown>;

/** The columns a trigger writes; the status is always `queued`. */
export type NewJobRow = Pick<
  JobView,
  | 'job_id'
  | 'tenant_id'
  | 'idempotency_key'
  | 'template_id'
  | 'template_revision'
  | 'chapter_key'
  | 'subchapter_key'
  | 'locale'
  | 'record_count'
  | 'target_surface'
  | 'mode'
  | 'engine'
  | 'requested_by'
> & { request_hash: string; request: unknown; token_budget: number | null; lineage: JobLineage };

/** The queue's filter after the tenant rule is applied: `tenant_id` is the one the actor may see. */
export interface JobQueueQuery {
  status: JobStatus | null;
  tenant_id: string | null;
  template_id: string | null;
  limit: number;
  offset: number;
}

const QUEUE_WHERE =
  '($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR tenant_id = $2) AND ($3::text IS NULL OR template_id = $3)';

/**
 * The SQL of the control plane's job rows and their outbox events; the rules (who may, when, and
 * what an idempotency key means) are JobService's. Methods that take a client run inside its transaction.
 */
export class JobRepository {
  constructor(private readonly db: Database) {}

  /** The new row, or null when a row with the same tenant and idempotency key exists (it waits for a concurrent insert). */
  async insertQueued(client: Queryable, job: NewJobRow): Promise<JobRow | null> {
    const { rows } = await client.query(
      `INSERT INTO oracle_synthetic_generation_jobs (job_id, tenant_id, idempotency_key, request_hash, request, template_id, template_revision,
         chapter_key, subchapter_key, locale, record_count, target_surface, mode, engine, status, token_budget, lineage, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'queued', $15, $16, $17)
       ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING *`,
      [
        job.job_id,
        job.tenant_id,
        job.idempotency_key,
        job.request_hash,
        JSON.stringify(job.request),
        job.template_id,
        job.template_revision,
        job.chapter_key,
        job.subchapter_key,
        job.locale,
        job.record_count,
        job.target_surface,
        job.mode,
        job.engine,
        job.token_budget,
        JSON.stringify(job.lineage),
        job.requested_by,
      ],
    );
    return (rows[0] as JobRow | undefined) ?? null;
  }

  async findByKey(tenantId: string, key: string, client: Queryable = this.db.pool): Promise<JobRow | null> {
    const { rows } = await client.query(
      'SELECT * FROM oracle_synthetic_generation_jobs WHERE tenant_id = $1 AND idempotency_key = $2',
      [tenantId, key],
    );
    return (rows[0] as JobRow | undefined) ?? null;
  }

  /** The row by id; `lock` takes it FOR UPDATE for the rest of the client's transaction. */
  async find(jobId: string, options: { client?: Queryable; lock?: boolean } = {}): Promise<JobRow | null> {
    const { rows } = await (options.client ?? this.db.pool).query(
      `SELECT * FROM oracle_synthetic_generation_jobs WHERE job_id = $1${options.lock ? ' FOR UPDATE' : ''}`,
      [jobId],
    );
    return (rows[0] as JobRow | undefined) ?? null;
  }

  /** Records the cancel request: `cancelling` while stages wind down, or `cancelled` outright. */
  async markCancel(client: Queryable, jobId: string, status: 'cancelling' | 'cancelled'): Promise<JobRow> {
    const { rows } = await client.query(
      `UPDATE oracle_synthetic_generation_jobs SET status = $2, cancel_requested_at = now(), updated_at = now(),
         cancelled_at = CASE WHEN $2 = 'cancelled' THEN now() ELSE cancelled_at END
       WHERE job_id = $1 RETURNING *`,
      [jobId, status],
    );
    return rows[0] as JobRow;
  }

  /** Puts a failed job back in the queue with the given budget, counting the rerun. */
  async requeueForRerun(client: Queryable, jobId: string, tokenBudget: number | null): Promise<JobRow> {
    const { rows } = await client.query(
      `UPDATE oracle_synthetic_generation_jobs
          SET status = 'queued', error = NULL, notice = NULL, failed_at = NULL, token_budget = $2,
              reruns = reruns + 1, rerun_at = clock_timestamp(), updated_at = now()
        WHERE job_id = $1 RETURNING *`,
      [jobId, tokenBudget],
    );
    return rows[0] as JobRow;
  }

  /** One page of the queue, newest first, with the total the filter matches. */
  async page(query: JobQueueQuery): Promise<{ rows: JobRow[]; total: number }> {
    const filter = [query.status, query.tenant_id, query.template_id];
    const rows = await this.db.query(
      `SELECT *, count(*) OVER () AS total FROM oracle_synthetic_generation_jobs
       WHERE ${QUEUE_WHERE} ORDER BY created_at DESC, job_id LIMIT $4 OFFSET $5`,
      [...filter, query.limit, query.offset],
    );
    if (rows[0]) return { rows, total: Number(rows[0].total) };
    // Past the last page the window count has no row to ride on.
    const counted = await this.db.query(
      `SELECT count(*) AS n FROM oracle_synthetic_generation_jobs WHERE ${QUEUE_WHERE}`,
      filter,
    );
    return { rows, total: Number(counted[0]!.n) };
  }

  /** The outbox row the relay turns into the job's Kafka event; always written in the job change's transaction. */
  async appendEvent(
    client: Queryable,
    jobId: string,
    eventType: 'job.requested' | 'job.cancelled',
    payload: JobRequestedPayload | JobCancelledPayload,
  ): Promise<void> {
    await client.query('INSERT INTO outbox (aggregate_id, event_type, payload) VALUES ($1, $2, $3)', [
      jobId,
      eventType,
      JSON.stringify(payload),
    ]);
  }
}
