import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRequest, startControlPlane, type ControlPlane } from './support/control-plane.harness';

describe('cancelling jobs', () => {
  let cp: ControlPlane;
  const newJob = async (tenant = 'acme') =>
    (await cp.call('POST', '/jobs', { body: jobRequest({ tenant_id: tenant }) })).body.job_id as string;
  const setRow = (jobId: string, sql: string) =>
    cp.tdb.db.query(`UPDATE oracle_synthetic_generation_jobs SET ${sql} WHERE job_id = $1`, [jobId]);
  const cancelEvents = (jobId: string) =>
    cp.count('outbox', "aggregate_id = $1 AND event_type = 'job.cancelled'", [jobId]);

  beforeAll(async () => {
    cp = await startControlPlane('job_cancel');
  });
  afterAll(async () => cp.close());

  it('cancels a queued job outright, once: repeats change nothing and write no second event', async () => {
    const jobId = await newJob();
    const first = await cp.call('POST', `/jobs/${jobId}/cancel`, { token: cp.tokens.operator });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'cancelled', changed: true });
    expect(first.body.timestamps.cancel_requested_at).toBeTruthy();
    expect(first.body.timestamps.cancelled_at).toBeTruthy();
    const again = await cp.call('POST', `/jobs/${jobId}/cancel`, { token: cp.tokens.operator });
    expect(again.body).toMatchObject({ status: 'cancelled', changed: false });
    expect(await cancelEvents(jobId)).toBe(1);
  });

  it('asks a running job to wind down (cancelling) and keeps its counts queryable', async () => {
    const jobId = await newJob();
    await setRow(
      jobId,
      "status = 'generating', started_at = now(), planned_packs = 4, expanded_records = 20, generated_records = 12, accepted_records = 7, rejected_records = 2",
    );
    await cp.tdb.db.query(
      `INSERT INTO job_rejected_records (job_id, record_id, record_index, pack_id, payload, reasons, scores, lineage)
       VALUES ($1, $2, 3, $3, '{"unit_price": -1}', '{"unit_price: must be >= 0"}', '{"completeness": 1, "realism": 0.2}', '{}'),
              ($1, $4, 5, $3, '{}', '{"completeness below 0.9"}', '{"completeness": 0.5, "realism": 0.9}', '{}')`,
      [jobId, randomUUID(), randomUUID(), randomUUID()],
    );
    const cancelled = await cp.call('POST', `/jobs/${jobId}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelling', changed: true });
    await setRow(jobId, "status = 'cancelled', cancelled_at = now()");
    expect((await cp.call('POST', `/jobs/${jobId}/cancel`)).body.changed).toBe(false);
    const shown = await cp.call('GET', `/jobs/${jobId}`, { token: cp.tokens.viewer });
    expect(shown.body).toMatchObject({ status: 'cancelled', accepted_records: 7, rejected_records: 2 });
    expect(shown.body.stages).toEqual({
      planned_packs: 4,
      expanded: 20,
      generated: 12,
      validated: 0,
      accepted: 7,
      rejected: 2,
      distributed: 0,
      dead_lettered: 0,
    });
    expect(await cancelEvents(jobId)).toBe(1);
    const rejected = await cp.call('GET', `/jobs/${jobId}/rejected-records?limit=1`, { token: cp.tokens.viewer });
    expect(rejected.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(rejected.body.records[0]).toMatchObject({ record_index: 3, reasons: ['unit_price: must be >= 0'] });
    const page2 = await cp.call('GET', `/jobs/${jobId}/rejected-records?limit=1&offset=1`, { token: cp.tokens.viewer });
    expect(page2.body.records[0].record_index).toBe(5);
  });

  it('refuses to cancel a completed or failed job (409)', async () => {
    for (const status of ['completed', 'failed']) {
      const jobId = await newJob();
      await setRow(jobId, `status = '${status}'`);
      const reply = await cp.call('POST', `/jobs/${jobId}/cancel`);
      expect(reply.status).toBe(409);
      expect(reply.body.error.message).toBe(`job ${jobId} is ${status} and cannot be cancelled`);
      expect(await cancelEvents(jobId)).toBe(0);
    }
  });

  it('answers 404 for an unknown or malformed job id', async () => {
    expect((await cp.call('POST', `/jobs/${randomUUID()}/cancel`)).status).toBe(404);
    expect((await cp.call('GET', '/jobs/not-a-uuid')).status).toBe(404);
  });

  it('lists the queue with filters, pagination and a total', async () => {
    await newJob('queue-tenant');
    await newJob('queue-tenant');
    const cancelledId = await newJob('queue-tenant');
    await cp.call('POST', `/jobs/${cancelledId}/cancel`);
    const page = await cp.call('GET', '/jobs?tenant_id=queue-tenant&limit=2', { token: cp.tokens.viewer });
    expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page.body.jobs).toHaveLength(2);
    const cancelled = await cp.call('GET', '/jobs?tenant_id=queue-tenant&status=cancelled', {
      token: cp.tokens.viewer,
    });
    expect(cancelled.body.jobs.map((j: { job_id: string }) => j.job_id)).toEqual([cancelledId]);
    const bad = await cp.call('GET', '/jobs?status=sleeping&colour=red', { token: cp.tokens.viewer });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { field: string }) => i.field).sort()).toEqual(['colour', 'status']);
  });
});
