import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELD_TYPES, type RecordRuleKind } from '@vs/contracts';
import { checkRecordRules, compileRecordValidator, dominantScript } from '@vs/domain';
import { describe, expect, it } from 'vitest';
import { seedFileSchema, type SeedFile } from './seed.schema';

const SEEDS = ['oracle_template_seed_db.json', 'showcase_seed_db.json'] as const;

function load(name: string): SeedFile {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'seeds', name), 'utf8');
  return seedFileSchema.parse(JSON.parse(text));
}

function revisions(seed: SeedFile) {
  return seed.templates.flatMap((t) => t.revisions.map((r) => ({ template_id: t.template_id, revision: r })));
}

describe('seed files', () => {
  for (const name of SEEDS) {
    describe(name, () => {
      it('parses with seedFileSchema', () => {
        const text = readFileSync(join(__dirname, '..', '..', '..', 'seeds', name), 'utf8');
        const parsed = seedFileSchema.safeParse(JSON.parse(text));
        expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
      });

      it('has exemplars that satisfy their record schema and every declared rule', () => {
        const issues: string[] = [];
        for (const { template_id, revision } of revisions(load(name))) {
          const validator = compileRecordValidator(revision.record_schema);
          for (const chapter of revision.chapters) {
            for (const subchapter of chapter.subchapters) {
              for (const e of subchapter.exemplars) {
                const at = `${template_id} r${revision.revision} ${e.exemplar_id}`;
                issues.push(...validator.validate(e.record).errors.map((err) => `${at}: ${err}`));
                issues.push(
                  ...checkRecordRules(revision.record_schema.rules, e.record, e.locale).map(
                    (v) => `${at}: ${v.message}`,
                  ),
                );
              }
            }
          }
        }
        expect(issues).toEqual([]);
      });

      it('declares rules on every published revision', () => {
        for (const { revision } of revisions(load(name))) {
          if (revision.status === 'published') expect(revision.record_schema.rules?.length ?? 0).toBeGreaterThan(0);
        }
      });
    });
  }

  describe('showcase_seed_db.json', () => {
    const seed = load('showcase_seed_db.json');
    const all = revisions(seed).map((r) => r.revision);

    it('covers every field type and rule kind', () => {
      const types = new Set(all.flatMap((r) => r.record_schema.fields.map((f) => f.type)));
      expect([...FIELD_TYPES].filter((t) => !types.has(t))).toEqual([]);
      const rules = new Set(all.flatMap((r) => (r.record_schema.rules ?? []).map((rule) => rule.rule)));
      // not_after and lt have no natural pair in these domains; the evaluator's unit specs cover them.
      const needed: RecordRuleKind[] = ['before', 'lte', 'derived_from', 'currency_of_locale'];
      expect(needed.filter((k) => !rules.has(k))).toEqual([]);
    });

    it('has optional fields, patterns, bounds and freely varying fields', () => {
      const fields = all.flatMap((r) => r.record_schema.fields);
      expect(fields.some((f) => !f.required)).toBe(true);
      expect(fields.some((f) => f.constraints.pattern !== undefined)).toBe(true);
      expect(fields.some((f) => f.constraints.min !== undefined && f.constraints.max !== undefined)).toBe(true);
      expect(fields.some((f) => f.varies_freely === true)).toBe(true);
    });

    it('has templates outside the sample domains, each with chapters, subchapters and exemplars per locale', () => {
      expect(seed.templates.length).toBeGreaterThanOrEqual(3);
      for (const template of seed.templates) {
        expect(['retail', 'healthcare', 'fintech']).not.toContain(template.domain);
        for (const revision of template.revisions) {
          expect(revision.chapters.length).toBeGreaterThanOrEqual(2);
          for (const chapter of revision.chapters) {
            expect(chapter.subchapters.length).toBeGreaterThanOrEqual(2);
            for (const subchapter of chapter.subchapters) {
              for (const locale of revision.locales) {
                expect(subchapter.exemplars.filter((e) => e.locale === locale).length).toBeGreaterThanOrEqual(3);
              }
            }
          }
        }
      }
    });

    it('has a locale whose exemplar text is written in a non-Latin script', () => {
      const nonLatin = new Set<string>();
      for (const revision of all) {
        const textFields = revision.record_schema.fields.filter((f) => f.type === 'text').map((f) => f.name);
        for (const e of revision.chapters.flatMap((c) => c.subchapters.flatMap((s) => s.exemplars))) {
          const text = textFields.map((f) => e.record[f]).filter((v): v is string => typeof v === 'string');
          const script = dominantScript(text.join(' '));
          if (script !== null && script !== 'latin') nonLatin.add(e.locale);
        }
      }
      expect([...nonLatin].sort()).toEqual(['ja-JP', 'ru-RU', 'zh-CN']);
    });
  });

  describe('labelled records (test/fixtures/labelled-records)', () => {
    const byRevision = new Map(
      SEEDS.flatMap((name) =>
        revisions(load(name)).map((r) => [`${r.template_id}@${r.revision.revision}`, r.revision]),
      ),
    );
    const records = readFileSync(
      join(__dirname, '..', '..', '..', 'test', 'fixtures', 'labelled-records', 'labelled-records.jsonl'),
      'utf8',
    )
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            id: string;
            template_id: string;
            template_revision: number;
            chapter_key: string;
            subchapter_key: string;
            locale: string;
            label: string;
            class: string | null;
            fields: Record<string, string | number | boolean | null>;
          },
      );

    it('names real subchapters and locales, and its good records keep schema and rules', () => {
      const issues: string[] = [];
      for (const r of records) {
        const revision = byRevision.get(`${r.template_id}@${r.template_revision}`);
        const subchapter = revision?.chapters
          .find((c) => c.chapter_key === r.chapter_key)
          ?.subchapters.find((s) => s.subchapter_key === r.subchapter_key);
        if (!revision || !subchapter || !revision.locales.includes(r.locale)) {
          issues.push(
            `${r.id}: no ${r.template_id}@${r.template_revision} ${r.chapter_key}/${r.subchapter_key} ${r.locale}`,
          );
          continue;
        }
        if (r.label !== 'good') continue;
        issues.push(
          ...compileRecordValidator(revision.record_schema)
            .validate(r.fields)
            .errors.map((e) => `${r.id}: ${e}`),
        );
        issues.push(
          ...checkRecordRules(revision.record_schema.rules, r.fields, r.locale).map((v) => `${r.id}: ${v.message}`),
        );
      }
      expect(issues).toEqual([]);
    });

    it('is half good, half broken, with at least 15 records of every broken class', () => {
      const good = records.filter((r) => r.label === 'good').length;
      expect(good * 2).toBe(records.length);
      const counts = new Map<string, number>();
      for (const r of records) if (r.label === 'broken') counts.set(r.class!, (counts.get(r.class!) ?? 0) + 1);
      expect(counts.size).toBe(16);
      expect([...counts].filter(([, n]) => n < 15)).toEqual([]);
    });
  });
});
