import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitDatabaseUrl } from '@vs/database';
import type { RunningPipeline } from '@vs/stages';
import { serverUrl } from '@vs/testing';
import { isTerminal, pipelineHarness, type JobRow, type PipelineHarness } from '../pipeline/pipeline.harness';
import { decidedRecords, expectExactOnceAndNothingDeadLettered, outageJobs, waitUntil } from './outage-checks';

/** How long the database stays out of reach: the five minutes. */
const OUTAGE_MS = 5 * 60_000;
/** How often every connection to it is terminated meanwhile. */
const TERMINATE_EVERY_MS = 1_000;
const RECORDS = 10_000;

/**
 * The test's own database (nobody else's) refuses connections for five minutes and every connection to it is
 * terminated each second (pg_terminate_backend), in the middle of two jobs. The job rows live in that database,
 * so the pause cannot be written on them while it lasts: the stages' `vs_consumer_paused` gauge shows it
 * instead. When the database is back everything resumes by itself.
 */
describe("the test's own database: connections refused and terminated every second for 5 minutes during two jobs", () => {
  let h: PipelineHarness;
  let pipeline: RunningPipeline;
  let admin: Client;
  let database: string;

  beforeAll(async () => {
    h = await pipelineHarness('database-outage');
    database = splitDatabaseUrl(h.database.url).database;
    admin = new Client({ connectionString: serverUrl() });
    admin.on('error', () => undefined);
    await admin.connect();
    expect(database).toMatch(/^vs_test_database_outage_/);
    pipeline = await h.start();
  }, 240_000);

  afterAll(async () => {
    await admin?.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`).catch(() => undefined);
    await admin?.end().catch(() => undefined);
    await h?.close();
  }, 120_000);

  const pausedConsumers = async (): Promise<string[]> => {
    const metric = await pipeline.runtime.metrics.paused.get();
    return metric.values
      .filter((v) => v.value === 1)
      .map((v) => `${v.labels.consumer} waiting for ${v.labels.dependency}`);
  };

  it('pauses the stages while it lasts, resumes by itself, and completes the jobs with exact counts', async () => {
    const jobIds: string[] = [];
    for (const request of outageJobs(RECORDS, 'database-outage')) jobIds.push(await h.trigger(request));
    const decidedAtOutage = await waitUntil(
      async () => {
        const n = await decidedRecords(h, jobIds);
        return n >= 2_000 && n;
      },
      300_000,
      'the jobs under way',
    );

    const outageAt = Date.now();
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
    let terminated = 0;
    const seenPaused = new Set<string>();
    let pausedAfterMs: number | undefined;
    // The outage is the one duration waited out; each second every connection that made it in is terminated.
    while (Date.now() - outageAt < OUTAGE_MS) {
      // In the select list, so it runs only on the rows WHERE kept (a qual may be evaluated in any order).
      const { rows } = await admin.query<{ pid: number; terminated: boolean }>(
        `SELECT pid, pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [database],
      );
      terminated += rows.filter((r) => r.terminated).length;
      for (const consumer of await pausedConsumers()) seenPaused.add(consumer);
      if (pausedAfterMs === undefined && seenPaused.size > 0) pausedAfterMs = Date.now() - outageAt;
      await new Promise((r) => setTimeout(r, TERMINATE_EVERY_MS));
    }
    const restoredAt = Date.now();
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
    expect(
      [...seenPaused].some((c) => c.endsWith('waiting for PostgreSQL')),
      [...seenPaused].join('; '),
    ).toBe(true);

    await waitUntil(async () => (await pausedConsumers()).length === 0, 300_000, 'every stage resumed');
    const resumedAfterMs = Date.now() - restoredAt;
    const rows: JobRow[] = [];
    for (const jobId of jobIds) rows.push(await h.waitForJob(jobId, isTerminal, 900_000));
    const completedAfterMs = Date.now() - restoredAt;
    await expectExactOnceAndNothingDeadLettered(h, rows);
    console.log(
      JSON.stringify({
        outage_ms: OUTAGE_MS,
        decided_at_outage: decidedAtOutage,
        connections_terminated: terminated,
        paused_after_ms: pausedAfterMs,
        paused: [...seenPaused],
        resumed_after_restore_ms: resumedAfterMs,
        completed_after_restore_ms: completedAfterMs,
        accepted: rows.map((r) => r.accepted_records),
        rejected: rows.map((r) => r.rejected_records),
      }),
    );
  }, 1_800_000);
});
