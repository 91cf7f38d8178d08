import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRequest, startControlPlane, type ControlPlane } from './support/control-plane.harness';

describe('idempotent trigger', () => {
  let cp: ControlPlane;
  beforeAll(async () => {
    cp = await startControlPlane('job_idempotency');
  });
  afterAll(async () => cp.close());

  it('returns the same job with 200 when a trigger is retried with the same key (header)', async () => {
    const headers = { 'idempotency-key': 'order-sync-1' };
    const first = await cp.call('POST', '/jobs', { body: jobRequest(), headers });
    const retry = await cp.call('POST', '/jobs', { body: jobRequest(), headers });
    expect([first.status, retry.status]).toEqual([201, 200]);
    expect(retry.body).toMatchObject({ job_id: first.body.job_id, created: false, idempotency_key: 'order-sync-1' });
    expect(await cp.count('outbox', 'aggregate_id = $1', [first.body.job_id])).toBe(1);
  });

  it('accepts the key as a body field too, and treats header and field alike', async () => {
    const first = await cp.call('POST', '/jobs', { body: jobRequest({ idempotency_key: 'order-sync-2' }) });
    const retry = await cp.call('POST', '/jobs', {
      body: jobRequest(),
      headers: { 'idempotency-key': 'order-sync-2' },
    });
    expect(retry.status).toBe(200);
    expect(retry.body.job_id).toBe(first.body.job_id);
  });

  it('refuses the same key with a different body (409), writing nothing', async () => {
    const headers = { 'idempotency-key': 'order-sync-3' };
    const first = await cp.call('POST', '/jobs', { body: jobRequest(), headers });
    const jobs = await cp.count('oracle_synthetic_generation_jobs');
    const outbox = await cp.count('outbox');
    const conflict = await cp.call('POST', '/jobs', { body: jobRequest({ record_count: 21 }), headers });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toContain(first.body.job_id);
    expect([await cp.count('oracle_synthetic_generation_jobs'), await cp.count('outbox')]).toEqual([jobs, outbox]);
  });

  it('refuses a header and a body field that disagree', async () => {
    const reply = await cp.call('POST', '/jobs', {
      body: jobRequest({ idempotency_key: 'a' }),
      headers: { 'idempotency-key': 'b' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.issues[0].field).toBe('idempotency_key');
  });

  it('keys are per tenant: the same key for another tenant makes another job', async () => {
    const headers = { 'idempotency-key': 'shared-key' };
    const acme = await cp.call('POST', '/jobs', { body: jobRequest({ tenant_id: 'acme' }), headers });
    const globex = await cp.call('POST', '/jobs', { body: jobRequest({ tenant_id: 'globex' }), headers });
    expect(globex.status).toBe(201);
    expect(globex.body.job_id).not.toBe(acme.body.job_id);
  });

  it('ten parallel triggers with one key create exactly one job and one outbox row', async () => {
    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        cp.call('POST', '/jobs', {
          body: jobRequest({ tenant_id: 'parallel' }),
          headers: { 'idempotency-key': 'burst' },
        }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(replies.map((r) => r.body.job_id)).size).toBe(1);
    expect(await cp.count('oracle_synthetic_generation_jobs', "tenant_id = 'parallel'")).toBe(1);
    expect(await cp.count('outbox', 'aggregate_id = $1', [replies[0]!.body.job_id])).toBe(1);
  });
});
