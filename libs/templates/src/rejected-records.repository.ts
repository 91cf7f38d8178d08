import type { QualityCheck } from '@vs/contracts';
import type { Database, Queryable } from '@vs/database';
import type { Page, RejectedRecordView } from './job.types';

export interface RejectedRecordsQuery {
  limit?: number;
  offset?: number;
  /** Only records with a reason of this check (reasons start with `<check>:`). */
  check?: QualityCheck;
}

export interface RejectedReasons {
  record_id: string;
  record_index: number;
  reasons: string[];
  subchapter_key: string | null;
}

// starts_with, not LIKE: check names hold "_", which LIKE reads as a wildcard.
const CHECK_FILTER = `($2::text IS NULL OR EXISTS (SELECT 1 FROM unnest(reasons) r WHERE starts_with(r, $2 || ':')))`;

/** Reads a job's rejected records (the distributor's StagingRepository keeps them): by page, by check, by batch. */
export class RejectedRecordsRepository {
  constructor(private readonly db: Database) {}

  /** A page of the job's rejected records in record order; visibility of the job is the caller's to check. */
  async list(jobId: string, query: RejectedRecordsQuery = {}): Promise<Page<RejectedRecordView>> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
    const offset = Math.max(query.offset ?? 0, 0);
    const check = query.check ?? null;
    const rows = await this.db.query(
      `SELECT record_id, record_index, pack_id, payload, reasons, scores, lineage, rejected_at, count(*) OVER () AS total
         FROM job_rejected_records WHERE job_id = $1 AND ${CHECK_FILTER}
        ORDER BY record_index, record_id LIMIT $3 OFFSET $4`,
      [jobId, check, limit, offset],
    );
    const total = rows[0]
      ? Number(rows[0].total)
      : Number(
          (
            await this.db.query(
              `SELECT count(*) AS n FROM job_rejected_records WHERE job_id = $1 AND ${CHECK_FILTER}`,
              [jobId, check],
            )
          )[0]!.n,
        );
    const items = rows.map(
      ({ total: _, rejected_at, ...r }) =>
        ({ ...r, rejected_at: (rejected_at as Date).toISOString() }) as RejectedRecordView,
    );
    return { items, total, limit, offset };
  }

  /** The reasons of up to `limit` rejected records after (record_index, record_id), for reading a job in batches. */
  async reasonsAfter(
    client: Queryable,
    jobId: string,
    after: { record_index: number; record_id: string } | null,
    limit: number,
  ): Promise<RejectedReasons[]> {
    const { rows } = await client.query<RejectedReasons>(
      `SELECT record_id::text, record_index, reasons, lineage ->> 'subchapter_key' AS subchapter_key
         FROM job_rejected_records
        WHERE job_id = $1 AND ($2::int IS NULL OR (record_index, record_id) > ($2, $3::uuid))
        ORDER BY record_index, record_id LIMIT $4`,
      [jobId, after?.record_index ?? null, after?.record_id ?? null, limit],
    );
    return rows;
  }
}
