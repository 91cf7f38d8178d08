import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScratchBroker } from '../outbox/scratch-broker';
import { isTerminal, pipelineHarness, type JobRow, type PipelineHarness } from '../pipeline/pipeline.harness';
import { acceptedRecordIds } from '../pipeline/topic-reader';
import { decidedRecords, expectExactOnceAndNothingDeadLettered, outageJobs, waitUntil } from './outage-checks';

/** How long the broker stays stopped: the five minutes. */
const OUTAGE_MS = 5 * 60_000;
const RECORDS = 20_000;

/**
 * The broker (one of the test's own, so nobody else's work stops) is stopped for five minutes in the middle of
 * two 20,000-record jobs. Retries on a transient cause run out, the stages pause keeping their group
 * membership, the jobs show it, and when the broker is back everything resumes by itself: exact counts, no
 * duplicates, nothing dead-lettered.
 */
describe('the broker stopped for 5 minutes in the middle of two 20,000-record jobs', () => {
  let broker: ScratchBroker;
  let h: PipelineHarness;

  beforeAll(async () => {
    broker = await ScratchBroker.create();
    await broker.start();
    h = await pipelineHarness('broker-outage', { KAFKA_BROKERS: broker.brokers });
    await h.start();
  }, 240_000);

  afterAll(async () => {
    await h?.close();
    await broker?.destroy();
  }, 120_000);

  it('pauses the jobs, resumes by itself, and completes them with exact counts and nothing dead-lettered', async () => {
    const jobIds: string[] = [];
    for (const request of outageJobs(RECORDS, 'broker-outage')) jobIds.push(await h.trigger(request));
    // In the middle: both jobs visibly under way, far from done.
    const decidedAtStop = await waitUntil(
      async () => {
        const n = await decidedRecords(h, jobIds);
        return n >= 4_000 && n;
      },
      300_000,
      'the jobs under way',
    );
    const stoppedAt = Date.now();
    await broker.kill('SIGTERM');

    const notices = async () =>
      h.database.db.query<{ job_id: string; notice: string | null; status: string }>(
        'SELECT job_id::text, notice, status FROM oracle_synthetic_generation_jobs WHERE job_id = ANY($1::uuid[])',
        [jobIds],
      );
    const paused = await waitUntil(
      async () => {
        const rows = await notices();
        return rows.every((r) => /^paused: .+ waiting for Kafka$/.test(r.notice ?? '')) && rows;
      },
      OUTAGE_MS - 30_000,
      'both jobs showing paused',
    );
    const pausedAfterMs = Date.now() - stoppedAt;
    for (const row of paused) expect(row.status).not.toMatch(/failed|completed/);

    // The outage itself is the one wait that is a duration.
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt))));
    const stillPaused = await notices();
    expect(stillPaused.every((r) => r.status !== 'failed')).toBe(true);
    const restartedAt = Date.now();
    await broker.start();

    await waitUntil(
      async () => (await notices()).every((r) => r.notice === null || r.status === 'completed'),
      300_000,
      'the paused notes cleared',
    );
    const resumedAfterMs = Date.now() - restartedAt;
    const rows: JobRow[] = [];
    for (const jobId of jobIds) rows.push(await h.waitForJob(jobId, isTerminal, 900_000));
    const completedAfterMs = Date.now() - restartedAt;

    await expectExactOnceAndNothingDeadLettered(h, rows);
    // The accepted topic is a surface too: read-committed, each record once.
    const acceptedTotal = rows.reduce((sum, r) => sum + r.accepted_records, 0);
    const recordIds = await acceptedRecordIds(h.config, acceptedTotal);
    expect(recordIds.length).toBe(acceptedTotal);
    expect(new Set(recordIds).size).toBe(acceptedTotal);
    console.log(
      JSON.stringify({
        outage_ms: OUTAGE_MS,
        decided_at_stop: decidedAtStop,
        paused_after_ms: pausedAfterMs,
        paused_notes: paused.map((r) => r.notice),
        resumed_after_restart_ms: resumedAfterMs,
        completed_after_restart_ms: completedAfterMs,
        accepted: rows.map((r) => r.accepted_records),
        rejected: rows.map((r) => r.rejected_records),
      }),
    );
  }, 1_800_000);
});
