import type { PoolClient } from 'pg';

export interface OutboxRow {
  id: string;
  aggregate_id: string;
  event_type: 'job.requested' | 'job.cancelled';
  payload: Record<string, unknown>;
}

/**
 * Claims unpublished outbox rows one job at a time: a transaction-scoped advisory lock per job means
 * two relays never publish the same job's events concurrently, so per-job order holds; SKIP LOCKED
 * keeps them from waiting on each other.
 */
export async function claimOutboxBatch(client: PoolClient, maxJobs: number): Promise<OutboxRow[]> {
  const { rows: jobs } = await client.query<{ aggregate_id: string }>(
    `SELECT aggregate_id FROM (
       SELECT aggregate_id, min(id) AS first_id FROM outbox WHERE published_at IS NULL
        GROUP BY aggregate_id ORDER BY first_id LIMIT $1
     ) candidates
     WHERE pg_try_advisory_xact_lock(hashtextextended(aggregate_id::text, 0))`,
    [maxJobs],
  );
  if (jobs.length === 0) return [];
  const { rows } = await client.query<OutboxRow>(
    `SELECT id, aggregate_id, event_type, payload FROM outbox
      WHERE aggregate_id = ANY($1::uuid[]) AND published_at IS NULL
      ORDER BY id FOR UPDATE SKIP LOCKED`,
    [jobs.map((j) => j.aggregate_id)],
  );
  return rows;
}

export async function markPublished(client: PoolClient, ids: string[]): Promise<void> {
  // clock_timestamp(): the time of publication, not of the claim transaction's start.
  await client.query(
    'UPDATE outbox SET published_at = clock_timestamp(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])',
    [ids],
  );
}

/** Outside the failed claim (already rolled back): the row that could not be sent keeps why. */
export async function recordFailedAttempt(client: PoolClient, id: string, error: string): Promise<void> {
  await client.query(
    'UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1 AND published_at IS NULL',
    [id, error.slice(0, 2000)],
  );
}
