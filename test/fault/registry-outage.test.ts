import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@vs/config';
import { isTerminal, pipelineHarness, type JobRow, type PipelineHarness } from '../pipeline/pipeline.harness';
import { TcpProxy } from '../pipeline/tcp-proxy';
import { decidedRecords, expectExactOnceAndNothingDeadLettered, outageJobs, waitUntil } from './outage-checks';

/** How long the registry stays unreachable: the five minutes. */
const OUTAGE_MS = 5 * 60_000;
const RECORDS = 10_000;

/**
 * The pipeline reaches the shared schema registry through a TCP forwarder of the test's own; cutting it makes
 * the registry unreachable for this pipeline alone (the shared one keeps serving everyone else). One job is
 * under way when it goes; a second job, of another template, is triggered during the outage, so its
 * accepted-record union branch must be registered while nobody answers.
 */
describe('the schema registry unreachable for 5 minutes (a TCP proxy in front of the shared registry, cut and restored)', () => {
  let proxy: TcpProxy;
  let h: PipelineHarness;

  beforeAll(async () => {
    const registry = new URL(loadConfig().SCHEMA_REGISTRY_URL);
    proxy = await TcpProxy.start(registry.hostname, Number(registry.port || 80));
    registry.host = `127.0.0.1:${proxy.port}`;
    h = await pipelineHarness('registry-outage', { SCHEMA_REGISTRY_URL: registry.toString() });
    await h.start();
  }, 240_000);

  afterAll(async () => {
    await proxy?.restore().catch(() => undefined);
    await h?.close();
    await proxy?.close();
  }, 120_000);

  it('pauses the job that needs the registry, resumes by itself, and completes both with exact counts', async () => {
    const [first, second] = outageJobs(RECORDS, 'registry-outage');
    const runningJob = await h.trigger(first!);
    await waitUntil(async () => (await decidedRecords(h, [runningJob])) >= 1_000, 300_000, 'the first job under way');
    const cutAt = Date.now();
    await proxy.cut();
    const newJob = await h.trigger(second!);
    const jobIds = [runningJob, newJob];

    const notice = async (jobId: string) =>
      (
        await h.database.db.query<{ notice: string | null; status: string }>(
          'SELECT notice, status FROM oracle_synthetic_generation_jobs WHERE job_id = $1',
          [jobId],
        )
      )[0]!;
    const paused = await waitUntil(
      async () => {
        const row = await notice(newJob);
        return /^paused: .+ waiting for schema registry$/.test(row.notice ?? '') && row;
      },
      OUTAGE_MS - 30_000,
      'the new job showing paused',
    );
    const pausedAfterMs = Date.now() - cutAt;
    const runningDuringOutage = await notice(runningJob);

    // The outage itself is the one wait that is a duration.
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - cutAt))));
    expect((await notice(newJob)).status).not.toMatch(/failed|completed/);
    const restoredAt = Date.now();
    await proxy.restore();

    await waitUntil(
      async () => {
        const row = await notice(newJob);
        return (row.notice === null || row.status === 'completed') && row;
      },
      300_000,
      'the paused note cleared',
    );
    const resumedAfterMs = Date.now() - restoredAt;
    const rows: JobRow[] = [];
    for (const jobId of jobIds) rows.push(await h.waitForJob(jobId, isTerminal, 900_000));
    const completedAfterMs = Date.now() - restoredAt;
    await expectExactOnceAndNothingDeadLettered(h, rows);
    console.log(
      JSON.stringify({
        outage_ms: OUTAGE_MS,
        paused_after_ms: pausedAfterMs,
        paused_note: paused.notice,
        running_job_during_outage: runningDuringOutage,
        resumed_after_restore_ms: resumedAfterMs,
        completed_after_restore_ms: completedAfterMs,
        accepted: rows.map((r) => r.accepted_records),
        rejected: rows.map((r) => r.rejected_records),
      }),
    );
  }, 1_800_000);
});
