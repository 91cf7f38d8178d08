import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRequest, startControlPlane, type ControlPlane } from './support/control-plane.harness';

describe('template revision lifecycle', () => {
  let cp: ControlPlane;
  beforeAll(async () => {
    cp = await startControlPlane('lifecycle');
  });
  afterAll(async () => cp.close());

  describe('a published revision is immutable at the SQL level', () => {
    const where = "template_id = 'healthcare-appointment-intake' AND revision = 1";
    it('refuses an UPDATE of its locales', async () => {
      await expect(cp.tdb.db.query(`UPDATE template_revisions SET locales = '{en-US}' WHERE ${where}`)).rejects.toThrow(
        /published and immutable/,
      );
    });
    it('refuses an INSERT of an exemplar', async () => {
      await expect(
        cp.tdb.db.query(
          `INSERT INTO template_exemplars (template_id, revision, chapter_key, subchapter_key, exemplar_id, position, locale, prompt, record)
           VALUES ('healthcare-appointment-intake', 1, 'urgent_requests', 'pediatric_fever', 'sneaky.1', 99, 'en-US', 'p', '{}')`,
        ),
      ).rejects.toThrow(/immutable/);
    });
    it('refuses a DELETE of the revision and of its chapters', async () => {
      await expect(cp.tdb.db.query(`DELETE FROM template_revisions WHERE ${where}`)).rejects.toThrow(
        /cannot be deleted/,
      );
      await expect(cp.tdb.db.query(`DELETE FROM template_chapters WHERE ${where}`)).rejects.toThrow(/immutable/);
    });
  });

  it('creates a draft copied from the latest revision, with the next number', async () => {
    const reply = await cp.call('POST', '/templates/healthcare-appointment-intake/revisions', {
      body: { notes: 'winter review' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ revision: 2, status: 'draft', notes: 'winter review', created_by: 'admin' });
    const original = await cp.call('GET', '/templates/healthcare-appointment-intake/revisions/1');
    expect(reply.body.chapters).toEqual(original.body.chapters);
    expect(reply.body.record_schema).toEqual(original.body.record_schema);
  });

  it('refuses unknown fields in the draft request', async () => {
    const reply = await cp.call('POST', '/templates/healthcare-appointment-intake/revisions', {
      body: { from_revision: 1, colour: 'red' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.issues).toContainEqual({ field: 'colour', problem: 'is not a known field; remove it' });
  });

  it('publishes a draft, then refuses to publish it again (409)', async () => {
    const published = await cp.call('POST', '/templates/healthcare-appointment-intake/revisions/2/publish');
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect(published.body.published_at).toBeTruthy();
    const again = await cp.call('POST', '/templates/healthcare-appointment-intake/revisions/2/publish');
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/is published; only a draft revision can be published/),
    });
  });

  it('archives a published revision, then refuses to archive or publish it again', async () => {
    expect((await cp.call('POST', '/templates/healthcare-appointment-intake/revisions/2/archive')).body.status).toBe(
      'archived',
    );
    expect((await cp.call('POST', '/templates/healthcare-appointment-intake/revisions/2/archive')).status).toBe(409);
    expect((await cp.call('POST', '/templates/healthcare-appointment-intake/revisions/2/publish')).status).toBe(409);
  });

  it('answers 404 naming the template or revision, and 400 for a non-numeric revision', async () => {
    const noTemplate = await cp.call('GET', '/templates/nope/revisions/1');
    expect(noTemplate.status).toBe(404);
    expect(noTemplate.body.error.message).toMatch(/^template_id: /);
    const noRevision = await cp.call('POST', '/templates/retail-customer-orders/revisions/9/publish');
    expect(noRevision.status).toBe(404);
    expect(noRevision.body.error.message).toMatch(/^template_revision: /);
    expect((await cp.call('GET', '/templates/retail-customer-orders/revisions/abc')).status).toBe(400);
  });

  it('archiving a revision leaves a job already on it unchanged and gettable', async () => {
    const draft = await cp.call('POST', '/templates/fintech-card-support/revisions', { body: {} });
    await cp.call('POST', `/templates/fintech-card-support/revisions/${draft.body.revision}/publish`);
    const job = await cp.call('POST', '/jobs', {
      body: jobRequest({
        template_id: 'fintech-card-support',
        template_revision: draft.body.revision,
        chapter_key: 'disputes',
      }),
    });
    expect(job.status).toBe(201);
    const rowBefore = await cp.tdb.db.query('SELECT * FROM oracle_synthetic_generation_jobs WHERE job_id = $1', [
      job.body.job_id,
    ]);
    expect(
      (await cp.call('POST', `/templates/fintech-card-support/revisions/${draft.body.revision}/archive`)).status,
    ).toBe(200);
    const rowAfter = await cp.tdb.db.query('SELECT * FROM oracle_synthetic_generation_jobs WHERE job_id = $1', [
      job.body.job_id,
    ]);
    expect(rowAfter).toEqual(rowBefore);
    const fetched = await cp.call('GET', `/jobs/${job.body.job_id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body.template_revision).toBe(draft.body.revision);
    // …but no new production job may start on it.
    const refused = await cp.call('POST', '/jobs', {
      body: jobRequest({
        template_id: 'fintech-card-support',
        template_revision: draft.body.revision,
        chapter_key: 'disputes',
      }),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues[0].field).toBe('template_revision');
  });
});
