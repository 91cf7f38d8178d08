import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog, parseSeedFile, SeedImporter, TemplateRepository } from '@vs/templates';
import { createTestDatabase, type TestDatabase } from '@vs/testing';
import { seedIssuesOf, seedText, TEST_ACTOR } from './support/control-plane.harness';

const TABLES = [
  'templates',
  'template_revisions',
  'template_record_fields',
  'template_chapters',
  'template_subchapters',
  'template_exemplars',
];

describe('SeedImporter', () => {
  let tdb: TestDatabase;
  let importer: SeedImporter;
  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        TABLES.map(async (t) => [t, Number((await tdb.db.query(`SELECT count(*) AS n FROM ${t}`))[0]!.n)]),
      ),
    );

  beforeAll(async () => {
    tdb = await createTestDatabase('seed_import');
    importer = new SeedImporter(tdb.db, new AuditLog(tdb.db));
  });
  afterAll(async () => tdb.drop());

  it('imports the sample seed cleanly', async () => {
    const summary = await importer.import(parseSeedFile(seedText()), TEST_ACTOR);
    expect(summary.created).toEqual([
      'retail-customer-orders@1',
      'retail-customer-orders@2',
      'healthcare-appointment-intake@1',
      'fintech-card-support@1',
    ]);
    const statuses = await tdb.db.query('SELECT template_id, revision, status FROM template_revisions ORDER BY 1, 2');
    expect(statuses).toContainEqual({ template_id: 'retail-customer-orders', revision: 2, status: 'draft' });
    expect(statuses.filter((r) => r.status === 'published')).toHaveLength(3);
    const audit = await tdb.db.query("SELECT count(*) AS n FROM audit_log WHERE action = 'seed.import_revision'");
    expect(Number(audit[0]!.n)).toBe(4);
  });

  it('changes nothing when the same seed is imported again', async () => {
    const before = await counts();
    const summary = await importer.import(parseSeedFile(seedText()), TEST_ACTOR);
    expect(summary.created).toEqual([]);
    expect(summary.replaced).toEqual([]);
    expect(summary.unchanged).toHaveLength(4);
    expect(await counts()).toEqual(before);
  });

  it('refuses a seed that changes a published revision, writing nothing', async () => {
    const seed = JSON.parse(seedText());
    seed.templates[0].revisions[0].notes = 'edited behind the operator’s back';
    seed.templates.push({ ...seed.templates[1], template_id: 'brand-new-template' });
    const before = await counts();
    await expect(importer.import(parseSeedFile(JSON.stringify(seed)), TEST_ACTOR)).rejects.toThrow(
      /retail-customer-orders@1 is published and differs/,
    );
    expect(await counts()).toEqual(before);
  });

  it('replaces a draft whose content changed', async () => {
    const seed = JSON.parse(seedText());
    seed.templates[0].revisions[1].notes = 'reviewed draft';
    const summary = await importer.import(parseSeedFile(JSON.stringify(seed)), TEST_ACTOR);
    expect(summary.replaced).toEqual(['retail-customer-orders@2']);
    expect(
      (
        await tdb.db.query(
          "SELECT notes FROM template_revisions WHERE template_id = 'retail-customer-orders' AND revision = 2",
        )
      )[0]!.notes,
    ).toBe('reviewed draft');
  });

  it('names the JSON path of every problem in a broken copy', () => {
    const seed = JSON.parse(seedText());
    const fintech = seed.templates[2].revisions[0];
    fintech.record_schema.fields[4].type = 'money'; // bad field type
    const retail = seed.templates[0].revisions[0];
    retail.chapters[0].subchapters[1].exemplars[2].record.unit_price = -5; // exemplar failing its schema
    retail.chapters[2].chapter_key = retail.chapters[0].chapter_key; // duplicate chapter key
    delete seed.templates[1].revisions[0].chapters[1].subchapters[0].intent; // missing required key
    seed.templates[1].revisions[0].chapters[0].subchapters[0].exemplars[0].locale = 'ja-JP'; // locale not in revision
    const issues = seedIssuesOf(JSON.stringify(seed));
    const fields = issues.map((i) => i.field);
    expect(fields).toContain('templates[2].revisions[0].record_schema.fields[4].type');
    expect(fields).toContain('templates[1].revisions[0].chapters[1].subchapters[0].intent');
    expect(issues.find((i) => i.field.endsWith('subchapters[0].intent'))!.problem).toBe('is required');
  });

  it('reports cross-check problems (schema, duplicates, locales) by path', () => {
    const seed = JSON.parse(seedText());
    const retail = seed.templates[0].revisions[0];
    retail.chapters[0].subchapters[1].exemplars[2].record.unit_price = -5;
    retail.chapters[2].chapter_key = retail.chapters[0].chapter_key;
    seed.templates[1].revisions[0].chapters[0].subchapters[0].exemplars[0].locale = 'ja-JP';
    const issues = seedIssuesOf(JSON.stringify(seed));
    expect(issues).toContainEqual(
      expect.objectContaining({
        field: 'templates[0].revisions[0].chapters[0].subchapters[1].exemplars[2].record.unit_price',
        problem: expect.stringMatching(/>=\s?0/),
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        field: 'templates[0].revisions[0].chapters[2].chapter_key',
        problem: 'duplicate chapter_key "online_checkout"',
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        field: 'templates[1].revisions[0].chapters[0].subchapters[0].exemplars[0].locale',
        accepted: 'en-US | de-DE | fr-FR',
      }),
    );
  });

  it('refuses invalid JSON and unknown keys', () => {
    expect(seedIssuesOf('{"format_version": 1,')[0]!.field).toBe('(file)');
    const seed = JSON.parse(seedText());
    seed.templates[0].colour = 'blue';
    expect(seedIssuesOf(JSON.stringify(seed))).toContainEqual(
      expect.objectContaining({ field: 'templates[0].colour', problem: 'is not a known field; remove it' }),
    );
  });

  it('writes nothing when a broken seed reaches the importer unparsed', async () => {
    const seed = parseSeedFile(seedText());
    seed.templates.push({
      ...seed.templates[0]!,
      template_id: 'half-written',
      revisions: [{ ...seed.templates[0]!.revisions[0]!, locales: [] }],
    });
    const before = await counts();
    await expect(importer.import(seed, TEST_ACTOR)).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });

  it('stores cross-field rules and varies_freely, reads them back as written, and re-imports them unchanged', async () => {
    const seed = JSON.parse(seedText());
    const template = { ...seed.templates[0], template_id: 'rules-round-trip' };
    const revision = template.revisions[0];
    revision.record_schema.fields[3].varies_freely = true;
    revision.record_schema.fields[1].varies_freely = false;
    revision.record_schema.rules = [
      { rule: 'derived_from', fields: ['customer_email', 'customer_name'], description: 'email from the name' },
      { rule: 'lte', fields: ['quantity', 'unit_price'] },
    ];
    for (const subchapter of revision.chapters.flatMap((c: { subchapters: unknown[] }) => c.subchapters)) {
      for (const e of (subchapter as { exemplars: { record: Record<string, unknown> }[] }).exemplars) {
        e.record['unit_price'] = Math.max(Number(e.record['unit_price']), Number(e.record['quantity']));
      }
    }
    template.revisions = [revision];
    const text = JSON.stringify({ format_version: 1, templates: [template] });
    expect((await importer.import(parseSeedFile(text), TEST_ACTOR)).created).toEqual(['rules-round-trip@1']);
    const stored = await new TemplateRepository(tdb.db, new AuditLog(tdb.db)).getRevision('rules-round-trip', 1);
    expect(stored.record_schema.rules).toEqual(revision.record_schema.rules);
    expect(stored.record_schema.fields.map((f) => f.varies_freely)).toEqual(
      revision.record_schema.fields.map((f: { varies_freely?: boolean }) => f.varies_freely),
    );
    expect((await importer.import(parseSeedFile(text), TEST_ACTOR)).unchanged).toEqual(['rules-round-trip@1']);
  });
});
