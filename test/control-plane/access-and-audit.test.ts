import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRequest, startControlPlane, type ControlPlane } from './support/control-plane.harness';

describe('tokens, roles, tenants and the audit log', () => {
  let cp: ControlPlane;
  let acmeJob: string;
  let globexJob: string;
  beforeAll(async () => {
    cp = await startControlPlane('access_audit');
    acmeJob = (await cp.call('POST', '/jobs', { body: jobRequest({ tenant_id: 'acme' }) })).body.job_id;
    globexJob = (await cp.call('POST', '/jobs', { body: jobRequest({ tenant_id: 'globex' }) })).body.job_id;
  });
  afterAll(async () => cp.close());

  it('answers 401 with a reason for a missing or unknown token', async () => {
    const missing = await cp.call('GET', '/templates', { token: null });
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatchObject({
      code: 'unauthorized',
      message: expect.stringMatching(/missing bearer token/),
    });
    const unknown = await cp.call('GET', '/jobs', { token: 'not-a-real-token' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toMatch(/unknown or revoked token/);
  });

  it('answers 403 with a reason when the role is too small', async () => {
    const viewerTrigger = await cp.call('POST', '/jobs', { token: cp.tokens.viewer, body: jobRequest() });
    expect(viewerTrigger.status).toBe(403);
    expect(viewerTrigger.body.error).toMatchObject({
      code: 'forbidden',
      message: 'this action needs the operator role; token "viewer" has viewer',
    });
    expect(
      (await cp.call('POST', '/templates/retail-customer-orders/revisions/2/publish', { token: cp.tokens.operator }))
        .status,
    ).toBe(403);
    expect(
      (await cp.call('POST', '/templates/retail-customer-orders/revisions', { token: cp.tokens.operator, body: {} }))
        .status,
    ).toBe(403);
    expect((await cp.call('POST', `/jobs/${acmeJob}/cancel`, { token: cp.tokens.viewer })).status).toBe(403);
    expect((await cp.call('GET', '/templates', { token: cp.tokens.viewer })).status).toBe(200);
  });

  it('a tenant-bound token sees and acts only on its tenant: other tenants’ jobs answer 404', async () => {
    const list = await cp.call('GET', '/jobs', { token: cp.tokens.acme });
    expect(list.body.jobs.map((j: { tenant_id: string }) => j.tenant_id)).toEqual(['acme']);
    expect((await cp.call('GET', `/jobs/${globexJob}`, { token: cp.tokens.acme })).status).toBe(404);
    expect((await cp.call('GET', `/jobs/${globexJob}/rejected-records`, { token: cp.tokens.acme })).status).toBe(404);
    expect((await cp.call('POST', `/jobs/${globexJob}/cancel`, { token: cp.tokens.acme })).status).toBe(404);
    expect((await cp.call('GET', `/jobs/${acmeJob}/rejected-records`, { token: cp.tokens.acme })).body.total).toBe(0);
    expect((await cp.call('GET', `/jobs/${globexJob}`, { token: cp.tokens.globex })).status).toBe(200);
    expect((await cp.call('GET', '/jobs?tenant_id=globex', { token: cp.tokens.acme })).status).toBe(403);
  });

  it('refuses a trigger for another tenant with 403, writing nothing', async () => {
    const jobs = await cp.count('oracle_synthetic_generation_jobs');
    const reply = await cp.call('POST', '/jobs', { token: cp.tokens.acme, body: jobRequest({ tenant_id: 'globex' }) });
    expect(reply.status).toBe(403);
    expect(reply.body.error.message).toMatch(/^tenant_id: this token is bound to tenant "acme"/);
    expect(await cp.count('oracle_synthetic_generation_jobs')).toBe(jobs);
    expect(
      (await cp.call('POST', '/jobs', { token: cp.tokens.acme, body: jobRequest({ tenant_id: 'acme' }) })).status,
    ).toBe(201);
  });

  it('audits every admin action with actor, role, target and before/after status', async () => {
    const draft = await cp.call('POST', '/templates/retail-customer-orders/revisions', { body: { from_revision: 1 } });
    await cp.call('POST', `/templates/retail-customer-orders/revisions/${draft.body.revision}/publish`);
    await cp.call('POST', `/templates/retail-customer-orders/revisions/${draft.body.revision}/archive`);
    const job = await cp.call('POST', '/jobs', {
      token: cp.tokens.acme,
      body: jobRequest({ tenant_id: 'acme', record_count: 3 }),
    });
    await cp.call('POST', `/jobs/${job.body.job_id}/cancel`, { token: cp.tokens.acme });
    const target = `retail-customer-orders@${draft.body.revision}`;
    const rows = await cp.tdb.db.query(
      `SELECT actor, actor_role, action, target_type, target_id, tenant_id, before_status, after_status FROM audit_log
       WHERE target_id IN ($1, $2) ORDER BY id`,
      [target, job.body.job_id],
    );
    expect(rows).toEqual([
      {
        actor: 'admin',
        actor_role: 'admin',
        action: 'revision.create_draft',
        target_type: 'template_revision',
        target_id: target,
        tenant_id: null,
        before_status: null,
        after_status: 'draft',
      },
      {
        actor: 'admin',
        actor_role: 'admin',
        action: 'revision.publish',
        target_type: 'template_revision',
        target_id: target,
        tenant_id: null,
        before_status: 'draft',
        after_status: 'published',
      },
      {
        actor: 'admin',
        actor_role: 'admin',
        action: 'revision.archive',
        target_type: 'template_revision',
        target_id: target,
        tenant_id: null,
        before_status: 'published',
        after_status: 'archived',
      },
      {
        actor: 'operator-acme',
        actor_role: 'operator',
        action: 'job.trigger',
        target_type: 'job',
        target_id: job.body.job_id,
        tenant_id: 'acme',
        before_status: null,
        after_status: 'queued',
      },
      {
        actor: 'operator-acme',
        actor_role: 'operator',
        action: 'job.cancel',
        target_type: 'job',
        target_id: job.body.job_id,
        tenant_id: 'acme',
        before_status: 'queued',
        after_status: 'cancelled',
      },
    ]);
    expect(await cp.count('audit_log', "action = 'seed.import'")).toBe(1);
  });

  it('serves health and an OpenAPI 3.1 document generated from the zod schemas, without a token', async () => {
    expect(await cp.call('GET', '/health', { token: null })).toEqual({
      status: 200,
      body: { status: 'ok', checks: { database: true } },
    });
    const doc = await cp.call('GET', '/openapi.json', { token: null });
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/jobs', '/jobs/{id}/cancel', '/templates/{id}/revisions/{rev}/publish']),
    );
    const request = doc.body.components.schemas.JobRequest;
    expect(request.properties.target_surface.enum).toEqual(['analytics_sandbox', 'qa_fixtures', 'demo_bundle']);
    expect(request.required).toEqual(expect.arrayContaining(['template_id', 'tenant_id', 'record_count']));
    expect(request.additionalProperties).toBe(false);
  });
});
