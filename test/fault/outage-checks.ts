import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { JobRequestInput } from '@vs/contracts';
import type { JobRow, PipelineHarness } from '../pipeline/pipeline.harness';

/** Two jobs on two surfaces, as the SIGKILL test runs them. */
export const outageJobs = (records: number, tenant: string): JobRequestInput[] => [
  {
    template_id: 'fintech-card-support',
    template_revision: 1,
    chapter_key: 'disputes',
    tenant_id: tenant,
    locale: 'en-US',
    record_count: records,
    target_surface: 'analytics_sandbox',
  },
  {
    template_id: 'retail-customer-orders',
    template_revision: 1,
    chapter_key: 'fulfilment_issues',
    tenant_id: tenant,
    locale: 'de-DE',
    record_count: records,
    target_surface: 'qa_fixtures',
  },
];

/** Records decided so far across the jobs: how far along they are. */
export async function decidedRecords(h: PipelineHarness, jobIds: string[]): Promise<number> {
  const [row] = await h.database.db.query<{ n: string }>(
    'SELECT count(*)::text AS n FROM job_record_decisions WHERE job_id = ANY($1::uuid[])',
    [jobIds],
  );
  return Number(row!.n);
}

/** Polls `check` every 250 ms until it returns a value; a condition, never a fixed sleep. */
export async function waitUntil<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not seen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * What every outage test asserts once the jobs are done: completed, every planned record decided exactly once,
 * no duplicate in the sandbox table or fixtures file, rejected records kept, nothing dead-lettered, no note left.
 */
export async function expectExactOnceAndNothingDeadLettered(h: PipelineHarness, rows: JobRow[]): Promise<void> {
  const db = h.database.db;
  for (const row of rows) {
    expect(row.status, `job ${String(row.job_id)}: ${String(row.error)}`).toBe('completed');
    expect(row.accepted_records + row.rejected_records).toBe(row.record_count);
    expect(Number(row.dead_lettered)).toBe(0);
    expect(row.notice).toBeNull();
    const [decisions] = await db.query<{ n: string; ids: string; indexes: string }>(
      `SELECT count(*)::text AS n, count(DISTINCT record_id)::text AS ids, count(DISTINCT record_index)::text AS indexes
         FROM job_record_decisions WHERE job_id = $1`,
      [row.job_id],
    );
    const planned = String(row.record_count);
    expect(decisions).toEqual({ n: planned, ids: planned, indexes: planned });
    const [rejected] = await db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM job_rejected_records WHERE job_id = $1',
      [row.job_id],
    );
    expect(Number(rejected!.n)).toBe(row.rejected_records);
    const manifest = row.output_manifest as { outputs: { location: string; format: string }[] };
    if (row.target_surface === 'analytics_sandbox') {
      const [table] = await db.query<{ n: string; ids: string }>(
        `SELECT count(*)::text AS n, count(DISTINCT record_id)::text AS ids FROM analytics_sandbox.fintech_card_support_r1 WHERE job_id = $1`,
        [row.job_id],
      );
      expect(table).toEqual({ n: String(row.accepted_records), ids: String(row.accepted_records) });
    } else {
      const lines = readFileSync(manifest.outputs[0]!.location, 'utf8').trim().split('\n');
      const ids = lines.map((l) => (JSON.parse(l) as { record_id: string }).record_id);
      expect(lines.length).toBe(row.accepted_records);
      expect(new Set(ids).size).toBe(lines.length);
    }
  }
  const [letters] = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM dead_letters');
  expect(Number(letters!.n)).toBe(0);
}
