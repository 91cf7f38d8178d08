import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESERVED_FIELD_NAMES } from '@vs/contracts';
import { AuditLog, MAX_SEED_FILE_BYTES, parseSeedFile, SEED_LIMITS, SeedImporter } from '@vs/templates';
import { createTestDatabase, type TestDatabase } from '@vs/testing';
import { seedIssuesOf, seedText, TEST_ACTOR } from './support/control-plane.harness';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests reshape a seed freely

/**
 * Seed files the pipeline could not carry are refused at import, every problem by its JSON path with the
 * fix, before anything is written.
 */
describe('Seed import against hostile seeds', () => {
  let tdb: TestDatabase;
  let importer: SeedImporter;
  const templateCount = async () => Number((await tdb.db.query('SELECT count(*) AS n FROM templates'))[0]!.n);
  const seed = (): Json => JSON.parse(seedText());

  beforeAll(async () => {
    tdb = await createTestDatabase('hostile_seed');
    importer = new SeedImporter(tdb.db, new AuditLog(tdb.db));
  });
  afterAll(async () => tdb.drop());

  it.each(RESERVED_FIELD_NAMES)('refuses a record field named %s, the name of a pipeline column', (name) => {
    const s = seed();
    s.templates[2].revisions[0].record_schema.fields[0].name = name;
    const [issue] = seedIssuesOf(JSON.stringify(s));
    expect(issue).toMatchObject({
      field: 'templates[2].revisions[0].record_schema.fields[0].name',
      problem: expect.stringMatching(/is reserved for the pipeline's own columns.*rename the field/),
    });
  });

  it.each([
    ['adv-coll', 'adv_coll'],
    ['retail-orders', 'retail_orders'],
    ['1abc', 'n_1abc'],
  ])('refuses template ids %s and %s in one file: they would share an Avro type and a table', (a, b) => {
    const s = seed();
    s.templates = [
      { ...s.templates[1], template_id: a },
      { ...s.templates[1], template_id: b },
    ];
    const issues = seedIssuesOf(JSON.stringify(s));
    expect(issues).toEqual([
      expect.objectContaining({
        field: 'templates[1].template_id',
        problem: expect.stringMatching(
          new RegExp(`"${b}" would share the Avro record type and sandbox table .* "${a}"`),
        ),
      }),
    ]);
  });

  it('refuses a template whose Avro type and table a stored template already has, writing nothing', async () => {
    await importer.import(parseSeedFile(seedText()), TEST_ACTOR);
    const before = await templateCount();
    const s = seed();
    s.templates = [{ ...s.templates[0], template_id: 'retail_customer_orders' }];
    await expect(importer.import(parseSeedFile(JSON.stringify(s)), TEST_ACTOR)).rejects.toMatchObject({
      issues: [
        expect.objectContaining({
          field: 'templates[0].template_id',
          problem: expect.stringMatching(/with the stored template "retail-customer-orders"/),
        }),
      ],
    });
    expect(await templateCount()).toBe(before);
  });

  it('refuses an exemplar too large for a prompt pack, by its path', () => {
    const s = seed();
    s.templates[0].revisions[0].chapters[0].subchapters[0].exemplars[0].record.customer_note = 'x'.repeat(400);
    s.templates[0].revisions[0].chapters[0].subchapters[0].exemplars[1].record.customer_note = 'y'.repeat(40_000);
    const issues = seedIssuesOf(JSON.stringify(s));
    expect(issues.map((i) => i.field)).toContain(
      'templates[0].revisions[0].chapters[0].subchapters[0].exemplars[1].record',
    );
    expect(issues.find((i) => i.field.endsWith('exemplars[1].record'))!.problem).toMatch(/over the 32768-byte limit/);
  });

  it('refuses a 50 MB seed file before parsing it', () => {
    const huge = `{"format_version":1,"templates":[],"pad":"${'x'.repeat(MAX_SEED_FILE_BYTES)}"}`;
    const [issue] = seedIssuesOf(huge);
    expect(issue).toMatchObject({ field: '(file)', problem: expect.stringMatching(/over the 20971520-byte limit/) });
  });

  it.each([
    [
      'a key written twice (JSON.parse would keep the second)',
      (text: string) => text.replace('"template_id":', '"template_id":"shadowed","template_id":'),
      'templates[0].template_id',
      /written more than once/,
    ],
    [
      'a __proto__ key',
      (text: string) => text.replace('"format_version":', '"__proto__":{"polluted":true},"format_version":'),
      '__proto__',
      /named __proto__/,
    ],
    [
      'nesting 1,000 levels deep',
      (text: string) =>
        text.replace('"format_version":', `"deep":${'['.repeat(1000)}${']'.repeat(1000)},"format_version":`),
      '(file)',
      /nests deeper than 64 levels/,
    ],
  ])('refuses a seed with %s, by its path, writing nothing', async (_what, change, field, problem) => {
    const before = await templateCount();
    const issues = seedIssuesOf(change(JSON.stringify(seed())));
    expect(issues[0]).toMatchObject({ field, problem: expect.stringMatching(problem), accepted: expect.any(String) });
    expect(await templateCount()).toBe(before);
  });

  it('refuses a seed of 100,000 subchapters by its size, before parsing or writing anything', async () => {
    const s = seed();
    const chapter = s.templates[0].revisions[0].chapters[0];
    const [first] = chapter.subchapters;
    chapter.subchapters = Array.from({ length: 100_000 }, (_, i) => ({ ...first, subchapter_key: `s${i}` }));
    const before = await templateCount();
    const [issue] = seedIssuesOf(JSON.stringify(s));
    expect(issue).toMatchObject({ field: '(file)', problem: expect.stringMatching(/over the 20971520-byte limit/) });
    expect(await templateCount()).toBe(before);
  });

  it.each([
    [
      'subchapters',
      (r: Json) =>
        (r.chapters[0].subchapters = Array.from({ length: SEED_LIMITS.subchaptersPerChapter + 1 }, (_, i) => ({
          ...r.chapters[0].subchapters[0],
          subchapter_key: `s${i}`,
        }))),
      'chapters[0].subchapters',
    ],
    [
      'chapters',
      (r: Json) => (r.chapters = Array.from({ length: 501 }, (_, i) => ({ ...r.chapters[0], chapter_key: `c${i}` }))),
      'chapters',
    ],
    [
      'exemplars',
      (r: Json) =>
        (r.chapters[0].subchapters[0].exemplars = Array.from({ length: 201 }, (_, i) => ({
          ...r.chapters[0].subchapters[0].exemplars[0],
          exemplar_id: `e${i}`,
        }))),
      'chapters[0].subchapters[0].exemplars',
    ],
  ])('refuses a revision with too many %s, naming the limit', (what, grow, path) => {
    const s = seed();
    grow(s.templates[0].revisions[0]);
    const [issue] = seedIssuesOf(JSON.stringify(s));
    expect(issue).toMatchObject({
      field: `templates[0].revisions[0].${path}`,
      problem: expect.stringMatching(new RegExp(`more than \\d+ ${what}; split it`)),
    });
  });

  it('checks a catastrophic-backtracking pattern against a near-miss exemplar in linear time', () => {
    const s = seed();
    const fintech = s.templates[2].revisions[0];
    fintech.record_schema.fields[0].constraints.pattern = '^(a+)+$';
    fintech.chapters[0].subchapters[0].exemplars[0].record.ticket_id = `${'a'.repeat(5_000)}!`;
    const started = process.hrtime.bigint();
    const issues = seedIssuesOf(JSON.stringify(s));
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(issues.find((i) => i.field.endsWith('exemplars[0].record.ticket_id'))!.problem).toBe('must match ^(a+)+$');
    // A backtracking matcher needs longer than the universe has for 5,000 a's; RE2 needs milliseconds.
    expect(ms).toBeLessThan(10_000);
  });

  it.each([
    ['(a)\\1', /backreferences or lookaround/],
    ['(?=ORD)ORD-[0-9]+', /backreferences or lookaround/],
    ['(?<!x)y', /backreferences or lookaround/],
    ['[', /not a valid regular expression/],
    ['a'.repeat(501), /longer than 500 characters/],
  ])('refuses the pattern %s, saying what to change', (pattern, problem) => {
    const s = seed();
    s.templates[2].revisions[0].record_schema.fields[0].constraints.pattern = pattern;
    const issues = seedIssuesOf(JSON.stringify(s));
    expect(issues[0]).toMatchObject({
      field: 'templates[2].revisions[0].record_schema.fields[0].constraints.pattern',
      problem: expect.stringMatching(problem),
    });
  });
});
