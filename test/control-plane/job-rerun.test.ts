import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRequest, startControlPlane, type ControlPlane } from './support/control-plane.harness';

describe('rerunning a failed job', () => {
  let cp: ControlPlane;
  const newJob = async (overrides: Record<string, unknown> = {}) =>
    (await cp.call('POST', '/jobs', { body: jobRequest(overrides) })).body.job_id as string;
  const setRow = (jobId: string, sql: string) =>
    cp.tdb.db.query(`UPDATE oracle_synthetic_generation_jobs SET ${sql} WHERE job_id = $1`, [jobId]);
  const requestedEvents = (jobId: string) =>
    cp.tdb.db.query<{ payload: Record<string, unknown> }>(
      "SELECT payload FROM outbox WHERE aggregate_id = $1 AND event_type = 'job.requested' ORDER BY id",
      [jobId],
    );

  beforeAll(async () => {
    cp = await startControlPlane('job_rerun', { LLM_API_KEY: 'test-key' });
  });
  afterAll(async () => cp.close());

  it('queues a failed job again under the same job_id, with a second job.requested event and an audit entry', async () => {
    const jobId = await newJob();
    await setRow(
      jobId,
      "status = 'failed', failed_at = now(), error = 'validator: boom', notice = 'generator paused: x', accepted_records = 5",
    );
    const reply = await cp.call('POST', `/jobs/${jobId}/rerun`, { token: cp.tokens.operator });
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ job_id: jobId, status: 'queued', error: null, notice: null, reruns: 1 });
    expect(reply.body.timestamps.failed_at).toBeNull();
    expect(reply.body.timestamps.rerun_at).toBeTruthy();
    // counts so far stay on the job: the rerun folds onto them, it does not start from zero
    expect(reply.body.accepted_records).toBe(5);

    const events = await requestedEvents(jobId);
    expect(events).toHaveLength(2);
    const { requested_at: _a, requested_by: _b, rerun: firstRun, ...first } = events[0]!.payload;
    const { requested_at: _c, requested_by: _d, rerun: secondRun, ...second } = events[1]!.payload;
    expect([firstRun, secondRun]).toEqual([0, 1]);
    expect(second).toEqual(first);

    const [audit] = await cp.tdb.db.query(
      "SELECT action, before_status, after_status, details FROM audit_log WHERE target_id = $1 AND action = 'job.rerun'",
      [jobId],
    );
    expect(audit).toMatchObject({
      action: 'job.rerun',
      before_status: 'failed',
      after_status: 'queued',
      details: { rerun: 1, previous_error: 'validator: boom' },
    });
    const queue = await cp.tdb.db.query('SELECT status, reruns FROM admin_job_queue WHERE job_id = $1', [jobId]);
    expect(queue).toEqual([{ status: 'queued', reruns: 1 }]);
  });

  it('refuses a job that is not failed (409, naming the status) and writes nothing', async () => {
    for (const status of ['queued', 'generating', 'completed', 'cancelling', 'cancelled']) {
      const jobId = await newJob();
      await setRow(jobId, `status = '${status}'`);
      const reply = await cp.call('POST', `/jobs/${jobId}/rerun`);
      expect(reply.status, status).toBe(409);
      expect(reply.body.error.message).toContain(`job ${jobId} is ${status}; only a failed job can be rerun`);
      expect(await requestedEvents(jobId)).toHaveLength(1);
      expect(await cp.count('audit_log', "target_id = $1 AND action = 'job.rerun'", [jobId])).toBe(0);
    }
  });

  it('asks for a larger token_budget when the budget is what ran out, and accepts one', async () => {
    const jobId = await newJob({ engine: 'openai-compatible', token_budget: 1000 });
    await setRow(
      jobId,
      "status = 'failed', error = 'budget_exhausted: token budget of 1000 exhausted', prompt_tokens = 700, completion_tokens = 400",
    );
    const same = await cp.call('POST', `/jobs/${jobId}/rerun`, { body: {} });
    expect(same.status).toBe(400);
    expect(same.body.error.issues).toEqual([
      {
        field: 'token_budget',
        problem: 'the job failed because its token budget ran out (1100 of 1000 tokens spent)',
        accepted: 'a token_budget above 1100, or null for no budget',
      },
    ]);
    const tooSmall = await cp.call('POST', `/jobs/${jobId}/rerun`, { body: { token_budget: 1100 } });
    expect(tooSmall.status).toBe(400);
    const bad = await cp.call('POST', `/jobs/${jobId}/rerun`, { body: { token_budget: 'lots', colour: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { field: string }) => i.field).sort()).toEqual(['colour', 'token_budget']);
    expect(await requestedEvents(jobId)).toHaveLength(1);

    const raised = await cp.call('POST', `/jobs/${jobId}/rerun`, { body: { token_budget: 5000 } });
    expect(raised.status).toBe(202);
    expect(raised.body.tokens.token_budget).toBe(5000);
    const events = await requestedEvents(jobId);
    expect(events[1]!.payload.token_budget).toBe(5000);
  });

  it('is an operator action, bound to the token tenant', async () => {
    const jobId = await newJob({ tenant_id: 'globex' });
    await setRow(jobId, "status = 'failed'");
    const viewer = await cp.call('POST', `/jobs/${jobId}/rerun`, { token: cp.tokens.viewer });
    expect(viewer.status).toBe(403);
    const otherTenant = await cp.call('POST', `/jobs/${jobId}/rerun`, { token: cp.tokens.acme });
    expect(otherTenant.status).toBe(404);
    const anonymous = await cp.call('POST', `/jobs/${jobId}/rerun`, { token: null });
    expect(anonymous.status).toBe(401);
    expect(await requestedEvents(jobId)).toHaveLength(1);
  });
});
