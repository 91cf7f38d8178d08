import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRequestInput } from '@vs/contracts';
import { isTerminal, pipelineHarness, type PipelineHarness } from './pipeline.harness';

const SANDBOX_JOB = {
  template_id: 'fintech-card-support',
  template_revision: 1,
  chapter_key: 'disputes',
  tenant_id: 'acme',
  locale: 'en-US',
  record_count: 40,
  target_surface: 'analytics_sandbox',
} satisfies JobRequestInput;
const FIXTURES_JOB = {
  template_id: 'retail-customer-orders',
  template_revision: 1,
  chapter_key: 'online_checkout',
  tenant_id: 'globex',
  locale: 'en-US',
  record_count: 40,
  target_surface: 'qa_fixtures',
} satisfies JobRequestInput;

/**
 * A job whose output can never be written (its sandbox table was changed by hand into something else) fails
 * with the reason, and no other job waits on it: the finaliser's sweep carries on past it.
 */
describe('the finaliser with a job it cannot finish', () => {
  let h: PipelineHarness;
  beforeAll(async () => {
    h = await pipelineHarness('finalizer-isolation');
    await h.database.db.query('CREATE TABLE analytics_sandbox.fintech_card_support_r1 (something_else text)');
    await h.start();
  });
  afterAll(async () => h?.close());

  it('fails that job naming the database error and finalises the one beside it', async () => {
    const broken = await h.trigger(SANDBOX_JOB);
    const healthy = await h.trigger(FIXTURES_JOB);
    const [failed, done] = await Promise.all([h.waitForJob(broken, isTerminal), h.waitForJob(healthy, isTerminal)]);
    expect(failed.status).toBe('failed');
    expect(String(failed.error)).toMatch(/^distributor: .*column "\w+" does not exist/);
    expect(done.status, String(done.error)).toBe('completed');
    expect(done.accepted_records + done.rejected_records).toBe(FIXTURES_JOB.record_count);

    // A job triggered after the broken one still completes within seconds.
    const next = await h.trigger({ ...FIXTURES_JOB, record_count: 20 });
    const nextDone = await h.waitForJob(next, isTerminal, 30_000);
    expect(nextDone.status, String(nextDone.error)).toBe('completed');
  });
});
