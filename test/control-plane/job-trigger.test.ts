import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRequest, startControlPlane, type ControlPlane } from './support/control-plane.harness';

describe('POST /jobs guardrails', () => {
  let cp: ControlPlane;
  const trigger = (overrides: Record<string, unknown>) =>
    cp.call('POST', '/jobs', { token: cp.tokens.operator, body: jobRequest(overrides) });
  const jobsAndOutbox = async () => [await cp.count('oracle_synthetic_generation_jobs'), await cp.count('outbox')];

  beforeAll(async () => {
    cp = await startControlPlane('job_trigger');
  });
  afterAll(async () => cp.close());

  it('queues a job and writes exactly one job.requested outbox row carrying the full request', async () => {
    const reply = await trigger({ subchapter_key: 'first_purchase', locale: 'de-DE' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      status: 'queued',
      created: true,
      mode: 'production',
      engine: 'deterministic',
      accepted_records: 0,
      output_manifest: null,
    });
    expect(reply.body.lineage).toEqual({
      job_id: reply.body.job_id,
      template_id: 'retail-customer-orders',
      template_revision: 1,
      chapter_key: 'online_checkout',
      subchapter_key: 'first_purchase',
      tenant_id: 'acme',
      locale: 'de-DE',
      engine: 'deterministic',
    });
    const outbox = await cp.tdb.db.query('SELECT event_type, payload FROM outbox WHERE aggregate_id = $1', [
      reply.body.job_id,
    ]);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      event_type: 'job.requested',
      payload: {
        job_id: reply.body.job_id,
        mode: 'production',
        engine: 'deterministic',
        token_budget: null,
        requested_by: 'operator',
        record_count: 20,
      },
    });
  });

  it('refuses a draft revision for a production job, writing neither job nor outbox row', async () => {
    const before = await jobsAndOutbox();
    const reply = await trigger({ template_revision: 2 });
    expect(reply.status).toBe(400);
    expect(reply.body.error.issues[0]).toMatchObject({
      field: 'template_revision',
      problem: expect.stringMatching(/is draft; a production job needs a published revision/),
    });
    expect(await jobsAndOutbox()).toEqual(before);
  });

  it('allows a preview on a draft, stored as mode preview, capped at PREVIEW_RECORD_COUNT_MAX', async () => {
    const ok = await trigger({
      template_revision: 2,
      chapter_key: 'loyalty_promotions',
      mode: 'preview',
      record_count: 25,
    });
    expect(ok.status).toBe(201);
    expect(ok.body.mode).toBe('preview');
    const capped = await trigger({
      template_revision: 2,
      chapter_key: 'loyalty_promotions',
      mode: 'preview',
      record_count: 26,
    });
    expect(capped.status).toBe(400);
    expect(capped.body.error.issues).toEqual([
      { field: 'record_count', problem: '26 is out of range for a preview', accepted: '1..25' },
    ]);
  });

  it('answers 404 naming template_id or template_revision when they do not exist', async () => {
    const noTemplate = await trigger({ template_id: 'no-such-template' });
    expect(noTemplate.status).toBe(404);
    expect(noTemplate.body.error.message).toMatch(/^template_id: no template "no-such-template"/);
    const noRevision = await trigger({ template_revision: 7 });
    expect(noRevision.status).toBe(404);
    expect(noRevision.body.error.message).toMatch(/^template_revision:/);
  });

  it('names the chapter or subchapter that does not exist, with the accepted keys', async () => {
    const chapter = await trigger({ chapter_key: 'nope' });
    expect(chapter.status).toBe(400);
    expect(chapter.body.error.issues).toEqual([
      {
        field: 'chapter_key',
        problem: 'no chapter "nope" in this revision',
        accepted: 'online_checkout | fulfilment_issues | returns_refunds',
      },
    ]);
    const sub = await trigger({ subchapter_key: 'nope' });
    expect(sub.body.error.issues[0]).toMatchObject({
      field: 'subchapter_key',
      accepted: 'first_purchase | repeat_purchase',
    });
  });

  it('refuses a locale the revision does not have, and a malformed one', async () => {
    const missing = await trigger({ locale: 'fr-FR' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues).toEqual([
      { field: 'locale', problem: '"fr-FR" is not a locale of this revision', accepted: 'en-US | de-DE' },
    ]);
    const malformed = await trigger({ locale: 'english' });
    expect(malformed.body.error.issues[0]).toMatchObject({ field: 'locale', problem: expect.stringMatching(/BCP 47/) });
  });

  it('refuses record_count outside RECORD_COUNT_MIN..MAX', async () => {
    const big = await trigger({ record_count: 5001 });
    expect(big.body.error.issues).toEqual([
      { field: 'record_count', problem: '5001 is out of range', accepted: '1..5000' },
    ]);
    const zero = await trigger({ record_count: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.error.issues[0].field).toBe('record_count');
  });

  it('names every malformed field, what is wrong and what is accepted; unknown fields are refused', async () => {
    const reply = await trigger({ target_surface: 'slack', record_count: 'ten', colour: 'red', tenant_id: undefined });
    expect(reply.status).toBe(400);
    const byField = Object.fromEntries(reply.body.error.issues.map((i: { field: string }) => [i.field, i]));
    expect(byField.target_surface).toEqual({
      field: 'target_surface',
      problem: 'is not one of the accepted values',
      accepted: 'analytics_sandbox | qa_fixtures | demo_bundle',
    });
    expect(byField.record_count.accepted).toBe('number');
    expect(byField.tenant_id.problem).toBe('is required');
    expect(byField.colour.problem).toBe('is not a known field; remove it');
  });

  it('refuses a body that is not JSON', async () => {
    const reply = await cp.call('POST', '/jobs', { token: cp.tokens.operator, rawBody: '{"template_id": ' });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'invalid_input', issues: [{ field: '(body)' }] });
  });

  it('falls back to the deterministic engine when the template wants an LLM and no key is configured', async () => {
    const reply = await trigger({ template_id: 'fintech-card-support', chapter_key: 'disputes' });
    expect(reply.body.engine).toBe('deterministic');
    expect(reply.body.lineage.engine).toBe('deterministic');
  });

  it('refuses a request that names the LLM engine when no key is configured, naming engine and the fix', async () => {
    const before = await cp.count('outbox');
    const explicit = await trigger({
      template_id: 'fintech-card-support',
      chapter_key: 'disputes',
      engine: 'openai-compatible',
    });
    expect(explicit.status).toBe(400);
    expect(explicit.body.error.issues).toEqual([
      {
        field: 'engine',
        problem: 'no LLM endpoint is configured here (LLM_API_KEY is not set)',
        accepted: expect.stringContaining('"deterministic", or leave engine out') as string,
      },
    ]);
    expect(await cp.count('outbox')).toBe(before);
  });

  it('writes exactly one outbox row per created job', async () => {
    const rows = await cp.tdb.db.query(
      `SELECT j.job_id, count(o.id) AS n FROM oracle_synthetic_generation_jobs j LEFT JOIN outbox o ON o.aggregate_id = j.job_id AND o.event_type = 'job.requested' GROUP BY j.job_id`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
  });
});

describe('POST /jobs with an LLM key configured', () => {
  let cp: ControlPlane;
  beforeAll(async () => {
    cp = await startControlPlane('job_trigger_llm', { LLM_API_KEY: 'test-key' });
  });
  afterAll(async () => cp.close());

  it('keeps the template default engine openai-compatible', async () => {
    const reply = await cp.call('POST', '/jobs', {
      body: jobRequest({ template_id: 'fintech-card-support', chapter_key: 'disputes', token_budget: 5000 }),
    });
    expect(reply.body).toMatchObject({ engine: 'openai-compatible', tokens: { token_budget: 5000, prompt_tokens: 0 } });
  });
});
