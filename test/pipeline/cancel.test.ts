import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRequestInput } from '@vs/contracts';
import { operator, pipelineHarness, type PipelineHarness } from './pipeline.harness';

const BIG_JOB = {
  template_id: 'healthcare-appointment-intake',
  template_revision: 1,
  chapter_key: 'follow_up_visits',
  tenant_id: 'acme',
  locale: 'de-DE',
  record_count: 20_000,
  target_surface: 'qa_fixtures',
} satisfies JobRequestInput;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('cancelling a running 20,000-record job', () => {
  let h: PipelineHarness;
  beforeAll(async () => {
    h = await pipelineHarness('cancel');
    await h.start();
  });
  afterAll(async () => h?.close());

  /** What every stage has done for the job: folded counts plus the stages' own stored effects. */
  async function workDone(jobId: string) {
    const [row] = await h.database.db.query<Record<string, string>>(
      `SELECT j.expanded_records, j.generated_records, j.validated_records, j.accepted_records, j.rejected_records, j.distributed_records,
              (SELECT count(*) FROM job_record_decisions d WHERE d.job_id = j.job_id)::text AS decisions,
              (SELECT count(*) FROM job_accepted_records a WHERE a.job_id = j.job_id)::text AS staged,
              (SELECT count(*) FROM job_rejected_records r WHERE r.job_id = j.job_id)::text AS kept_rejected,
              (SELECT count(*) FROM job_stage_progress p WHERE p.job_id = j.job_id)::text AS progress_units
         FROM oracle_synthetic_generation_jobs j WHERE j.job_id = $1`,
      [jobId],
    );
    return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
  }

  it('ends cancelled within seconds, stops every stage, stays queryable with its counts, and a second cancel changes nothing', async () => {
    const jobId = await h.trigger(BIG_JOB);
    const triggeredAt = Date.now();
    const running = await h.waitForJob(
      jobId,
      (r) => ['generating', 'validating'].includes(r.status) && Number(r.validated_records) > 0,
      120_000,
    );
    expect(running.accepted_records + running.rejected_records).toBeLessThan(BIG_JOB.record_count);

    const cancelledAt = Date.now();
    const first = await h.jobs.cancel(jobId, operator);
    expect(first.changed).toBe(true);
    expect(first.job.status).toBe('cancelling');

    const cancelled = await h.waitForJob(jobId, (r) => r.status === 'cancelled', 8_000);
    const secondsToCancelled = (Date.now() - cancelledAt) / 1000;
    expect(cancelled.cancelled_at).not.toBeNull();

    // 'cancelled' is written when the cancel is relayed; stages see it on their next stop-watch refresh (1 s)
    // and drop the rest, so counts settle: two samples 3 s apart are equal, well within seconds of the cancel.
    const settleBy = cancelledAt + 15_000;
    let before = await workDone(jobId);
    let after = before;
    do {
      before = after;
      await sleep(3_000);
      after = await workDone(jobId);
    } while (JSON.stringify(after) !== JSON.stringify(before) && Date.now() < settleBy);
    expect(after).toEqual(before);
    const [last] = await h.database.db.query<{ decided: number | null; staged: number | null }>(
      `SELECT extract(epoch FROM (SELECT max(decided_at) FROM job_record_decisions WHERE job_id = j.job_id) - j.cancel_requested_at)::float8 AS decided,
              extract(epoch FROM (SELECT max(staged_at) FROM job_accepted_records WHERE job_id = j.job_id) - j.cancel_requested_at)::float8 AS staged
         FROM oracle_synthetic_generation_jobs j WHERE j.job_id = $1`,
      [jobId],
    );
    expect(last!.decided ?? 0).toBeLessThan(8);
    expect(last!.staged ?? 0).toBeLessThan(8);
    console.log(
      JSON.stringify({
        seconds_running_before_cancel: (cancelledAt - triggeredAt) / 1000,
        seconds_to_cancelled: secondsToCancelled,
        last_decision_after_cancel_s: last!.decided,
        last_staged_after_cancel_s: last!.staged,
        validated_at_cancel: running.validated_records,
        settled: after,
      }),
    );

    const view = await h.jobs.get(jobId, operator);
    expect(view.status).toBe('cancelled');
    expect(view.stages).toMatchObject({
      generated: after.generated_records,
      validated: after.validated_records,
      accepted: after.accepted_records,
      rejected: after.rejected_records,
      distributed: 0,
    });
    expect(view.stages.validated).toBeGreaterThan(0);
    expect(view.accepted_records + view.rejected_records).toBeLessThan(BIG_JOB.record_count);
    expect(view.output_manifest).toBeNull();
    const jobFolder = `${h.outputRoot}/qa_fixtures/acme/healthcare-appointment-intake/${jobId}`;
    expect(existsSync(jobFolder) ? readdirSync(jobFolder) : []).toEqual([]);

    const second = await h.jobs.cancel(jobId, operator);
    expect(second.changed).toBe(false);
    expect(second.job.status).toBe('cancelled');
    const [{ n }] = await h.database.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM outbox WHERE aggregate_id = $1 AND event_type = 'job.cancelled'`,
      [jobId],
    );
    expect(Number(n)).toBe(1);
    expect(await workDone(jobId)).toEqual(after);
  });
});
