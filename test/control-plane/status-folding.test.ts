import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRowRepository, type StageProgressValue } from '@vs/pipeline';
import { JobProgressFold } from '../../libs/stages/src/status/job-progress.fold';
import { JobProgressRepository } from '../../libs/stages/src/status/job-progress.repository';
import { jobRequest, startControlPlane, type ControlPlane } from './support/control-plane.harness';

/** The status consumer's fold, against the real job tables: exact counts whatever order and repetition. */
describe('folding stage progress into the job row', () => {
  let cp: ControlPlane;
  const report = (jobId: string, overrides: Partial<StageProgressValue>): StageProgressValue => ({
    job_id: jobId,
    stage: 'generator',
    units: [],
    planned_packs: null,
    outcome: null,
    error: null,
    detail_json: null,
    at: new Date().toISOString(),
    ...overrides,
  });
  const unit = (unit_id: string, records: number, tokens = 0) => ({
    unit_id,
    records,
    accepted: 0,
    rejected: 0,
    prompt_tokens: tokens,
    completion_tokens: 0,
  });
  const fold = (jobId: string, reports: StageProgressValue[]) =>
    new JobProgressFold(cp.tdb.db, new JobRowRepository(cp.tdb.db), new JobProgressRepository()).fold(jobId, reports);
  const job = async (jobId: string) =>
    (
      await cp.tdb.db.query<{ status: string; generated_records: number; prompt_tokens: string; error: string | null }>(
        'SELECT status, generated_records, prompt_tokens::text, error FROM oracle_synthetic_generation_jobs WHERE job_id = $1',
        [jobId],
      )
    )[0]!;
  const newJob = async () => (await cp.call('POST', '/jobs', { body: jobRequest({ record_count: 100 }) })).body.job_id;

  beforeAll(async () => {
    cp = await startControlPlane('status_folding');
  });
  afterAll(async () => cp.close());

  it('counts a unit once when one batch carries it twice, and when it is delivered again later', async () => {
    const jobId = await newJob();
    const twice = report(jobId, { units: [unit('pack-a', 10, 100), unit('pack-b', 5, 50)] });
    await fold(jobId, [twice, twice]);
    await fold(jobId, [twice]);
    expect(await job(jobId)).toMatchObject({ status: 'generating', generated_records: 15, prompt_tokens: '150' });
  });

  it('lets a unit grow (a pack the budget cut short, finished by a rerun) but never shrink', async () => {
    const jobId = await newJob();
    await fold(jobId, [report(jobId, { units: [unit('pack-a', 30, 300)] })]);
    await fold(jobId, [
      report(jobId, { units: [unit('pack-a', 50, 500)] }),
      report(jobId, { units: [unit('pack-a', 40, 400)] }),
    ]);
    expect(await job(jobId)).toMatchObject({ generated_records: 50, prompt_tokens: '500' });
    await fold(jobId, [report(jobId, { units: [unit('pack-a', 30, 300)] })]);
    expect(await job(jobId)).toMatchObject({ generated_records: 50, prompt_tokens: '500' });
  });

  it("ignores a failure reported before the job's rerun, and fails on one reported after it", async () => {
    const jobId = await newJob();
    const beforeRerun = new Date().toISOString();
    await fold(jobId, [
      report(jobId, { outcome: 'budget_exhausted', error: 'token budget of 10 exhausted', at: beforeRerun }),
    ]);
    expect(await job(jobId)).toMatchObject({
      status: 'failed',
      error: 'budget_exhausted: token budget of 10 exhausted',
    });

    await cp.tdb.db.query(
      "UPDATE oracle_synthetic_generation_jobs SET status = 'queued', error = NULL, reruns = 1, rerun_at = clock_timestamp() WHERE job_id = $1",
      [jobId],
    );
    // the failed run's report, delivered again after the rerun: its units count, its failure does not
    await fold(jobId, [
      report(jobId, { units: [unit('pack-a', 5)], outcome: 'budget_exhausted', error: 'stale', at: beforeRerun }),
    ]);
    expect(await job(jobId)).toMatchObject({ status: 'generating', generated_records: 5, error: null });

    await fold(jobId, [report(jobId, { outcome: 'failed', error: 'llm endpoint unavailable' })]);
    expect(await job(jobId)).toMatchObject({ status: 'failed', error: 'generator: llm endpoint unavailable' });
  });
});
