import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRowRepository, type StageProgressValue } from '@vs/pipeline';
import { JobProgressFold } from '../../libs/stages/src/status/job-progress.fold';
import { JobProgressRepository, type ProgressUnitRow } from '../../libs/stages/src/status/job-progress.repository';
import { jobRequest, startControlPlane, type ControlPlane } from './support/control-plane.harness';

/**
 * A unit's successive reports (a pack cut short by the budget, then finished by a rerun): records and tokens
 * only grow along them, so the unit's count is the largest version delivered.
 */
type UnitVersion = Omit<ProgressUnitRow, 'detail'> & { stage: 'generator' | 'validator' };

/** A small seeded generator: the same deliveries every run, many shapes of them. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const COUNTERS = [
  'generated_records',
  'prompt_tokens',
  'completion_tokens',
  'validated_records',
  'accepted_records',
  'rejected_records',
] as const;
type Counters = Record<(typeof COUNTERS)[number], number>;

/** The counters the largest delivered version of each unit adds up to. */
function expectedCounters(delivered: UnitVersion[]): Counters {
  const largest = new Map<string, UnitVersion>();
  for (const v of delivered) {
    const key = `${v.stage}/${v.unit_id}`;
    const held = largest.get(key);
    if (!held || v.records > held.records || (v.records === held.records && v.prompt_tokens > held.prompt_tokens))
      largest.set(key, v);
  }
  const sum = (stage: UnitVersion['stage'], pick: (v: UnitVersion) => number) =>
    [...largest.values()].filter((v) => v.stage === stage).reduce((n, v) => n + pick(v), 0);
  return {
    generated_records: sum('generator', (v) => v.records),
    prompt_tokens: sum('generator', (v) => v.prompt_tokens),
    completion_tokens: sum('generator', (v) => v.completion_tokens),
    validated_records: sum('validator', (v) => v.records),
    accepted_records: sum('validator', (v) => v.accepted),
    rejected_records: sum('validator', (v) => v.rejected),
  };
}

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

  const counters = async (jobId: string): Promise<Counters> => {
    const [row] = await cp.tdb.db.query<Record<string, string>>(
      `SELECT ${COUNTERS.map((c) => `${c}::text`).join(', ')} FROM oracle_synthetic_generation_jobs WHERE job_id = $1`,
      [jobId],
    );
    return Object.fromEntries(COUNTERS.map((c) => [c, Number(row![c])])) as Counters;
  };
  /** The counters recomputed from every stored unit, as the fold did before it kept running counters. */
  const resummed = async (jobId: string): Promise<Counters> => {
    const [row] = await cp.tdb.db.query<Record<string, string>>(
      `SELECT COALESCE(sum(records) FILTER (WHERE stage = 'generator'), 0)::text AS generated_records,
              COALESCE(sum(prompt_tokens) FILTER (WHERE stage = 'generator'), 0)::text AS prompt_tokens,
              COALESCE(sum(completion_tokens) FILTER (WHERE stage = 'generator'), 0)::text AS completion_tokens,
              COALESCE(sum(records) FILTER (WHERE stage = 'validator'), 0)::text AS validated_records,
              COALESCE(sum(accepted) FILTER (WHERE stage = 'validator'), 0)::text AS accepted_records,
              COALESCE(sum(rejected) FILTER (WHERE stage = 'validator'), 0)::text AS rejected_records
         FROM job_stage_progress WHERE job_id = $1`,
      [jobId],
    );
    return Object.fromEntries(COUNTERS.map((c) => [c, Number(row![c])])) as Counters;
  };
  /** Each unit's versions, growing, and batches of random versions: repeats, stale ones after larger, grown ones. */
  const deliveries = (jobId: string, seed: number, batches: number) => {
    const random = seeded(seed);
    const versions: UnitVersion[][] = [];
    for (let p = 0; p < 12; p++) {
      const cut = 1 + Math.floor(random() * 40);
      versions.push(
        [cut, cut + Math.floor(random() * 10), 50].map((records) => ({
          stage: 'generator' as const,
          unit_id: `pack-${p}`,
          records,
          accepted: 0,
          rejected: 0,
          prompt_tokens: records * 37,
          completion_tokens: records * 11,
        })),
      );
    }
    for (let r = 0; r < 60; r++) {
      const accepted = random() < 0.7 ? 1 : 0;
      versions.push([
        {
          stage: 'validator',
          unit_id: `record-${r}`,
          records: 1,
          accepted,
          rejected: 1 - accepted,
          prompt_tokens: 0,
          completion_tokens: 0,
        },
      ]);
    }
    const delivered: UnitVersion[] = [];
    const reports: StageProgressValue[][] = [];
    for (let b = 0; b < batches; b++) {
      const batch: StageProgressValue[] = [];
      for (let k = 1 + Math.floor(random() * 4); k > 0; k--) {
        const picked = Array.from({ length: 1 + Math.floor(random() * 8) }, () => {
          const unitVersions = versions[Math.floor(random() * versions.length)]!;
          return unitVersions[Math.floor(random() * unitVersions.length)]!;
        });
        delivered.push(...picked);
        for (const stage of ['generator', 'validator'] as const) {
          const units = picked.filter((v) => v.stage === stage).map(({ stage: _, ...u }) => u);
          if (units.length > 0) batch.push(report(jobId, { stage, units }));
        }
      }
      reports.push(batch);
    }
    return { reports, expected: expectedCounters(delivered) };
  };

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

  it('keeps exact counts through random repeats, stale redeliveries and grown units, folded one batch at a time', async () => {
    for (const seed of [1, 2, 3]) {
      const jobId = await newJob();
      const { reports, expected } = deliveries(jobId, seed, 40);
      for (const batch of reports) await fold(jobId, batch);
      expect(await counters(jobId)).toEqual(expected);
      expect(await resummed(jobId)).toEqual(expected);
      // everything delivered once more, in one batch: nothing changes
      await fold(jobId, reports.flat());
      expect(await counters(jobId)).toEqual(expected);
    }
  });

  it('keeps exact counts when status consumers fold the same job at the same time', async () => {
    const jobId = await newJob();
    const { reports, expected } = deliveries(jobId, 7, 30);
    await Promise.all(reports.map((batch) => fold(jobId, batch)));
    expect(await counters(jobId)).toEqual(expected);
    expect(await resummed(jobId)).toEqual(expected);
  });

  it("takes the plan's pack count once, and marks the tokens estimated once any report estimated them", async () => {
    const jobId = await newJob();
    const plan = report(jobId, { stage: 'expander', units: [unit('plan', 100)], planned_packs: 4 });
    await fold(jobId, [plan, plan]);
    const estimated = report(jobId, {
      units: [unit('pack-a', 25, 900)],
      detail_json: JSON.stringify({ usage_estimated: true }),
    });
    await fold(jobId, [estimated]);
    await fold(jobId, [report(jobId, { units: [unit('pack-b', 25, 800)] }), plan]);
    const [row] = await cp.tdb.db.query<{ planned_packs: number; expanded_records: number; tokens_estimated: boolean }>(
      'SELECT planned_packs, expanded_records, tokens_estimated FROM oracle_synthetic_generation_jobs WHERE job_id = $1',
      [jobId],
    );
    expect(row).toEqual({ planned_packs: 4, expanded_records: 100, tokens_estimated: true });
    expect(await job(jobId)).toMatchObject({ generated_records: 50, prompt_tokens: '1700' });

    const reported = await newJob();
    await fold(reported, [report(reported, { units: [unit('pack-a', 25, 900)] })]);
    const [other] = await cp.tdb.db.query<{ tokens_estimated: boolean }>(
      'SELECT tokens_estimated FROM oracle_synthetic_generation_jobs WHERE job_id = $1',
      [reported],
    );
    expect(other!.tokens_estimated).toBe(false);
  });
});
