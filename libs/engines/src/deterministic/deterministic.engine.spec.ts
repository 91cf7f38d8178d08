import fakerPackage from '@faker-js/faker/package.json';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordSchemaSchema, type RecordFields } from '@vs/contracts';
import {
  checkRecordRules,
  compileRecordValidator,
  createRecordScorer,
  emailMatchesName,
  JobScoringContext,
} from '@vs/domain';
import { normalisedWords, withinOneWord } from './copy-guard';
import { customers, pack, planned, products, tickets } from './deterministic-engine.fixtures';
import { DeterministicEngine } from './deterministic.engine';
import { REFERENCE_AT, SEEDS, seedJobs } from './seed-packs.fixtures';

async function generateAll(engine: DeterministicEngine) {
  const schemas = [customers, products, tickets];
  const locales = ['de-DE', 'ja-JP', 'pt-BR'];
  const runs = schemas.flatMap((schema, s) =>
    locales.map((locale, l) => pack(schema, locale, s * 3 + l, s * 3 + l < 5 ? 56 : 55)),
  );
  return Promise.all(runs.map(async (p) => ({ pack: p, outputs: await engine.generate(p, planned(p)) })));
}

/** Every seed job's records with the job they belong to (30 records per job: every subchapter and locale). */
async function seedRecords() {
  const engine = new DeterministicEngine();
  const out: Array<{ job: ReturnType<typeof seedJobs>[number]; subchapter: string; fields: RecordFields }> = [];
  for (const seed of SEEDS)
    for (const job of seedJobs(seed, 30))
      for (const { pack: p, planned: records } of job.packs)
        for (const o of await engine.generate(p, records)) {
          expect(o.error).toBeNull();
          out.push({ job, subchapter: p.subchapter_key, fields: o.fields! });
        }
  return out;
}

describe(DeterministicEngine.name, () => {
  let records: Awaited<ReturnType<typeof seedRecords>> = [];
  // Generated once for the seed-wide checks below; the machine running specs may be busy.
  beforeAll(async () => {
    records = await seedRecords();
  }, 60_000);

  it('writes records of every seed template that pass the record validator and every declared rule', () => {
    expect(records.length).toBeGreaterThan(900);
    const validators = new Map<object, ReturnType<typeof compileRecordValidator>>();
    for (const { job, fields } of records) {
      if (!validators.has(job.schema)) validators.set(job.schema, compileRecordValidator(job.schema));
      expect(validators.get(job.schema)!.validate(fields).errors).toEqual([]);
      expect(checkRecordRules(job.schema.rules, fields, job.locale)).toEqual([]);
    }
  });

  it('derives every email from the name of the record it is in', () => {
    for (const { job, fields } of records) {
      for (const field of job.schema.fields.filter((f) => f.type === 'email')) {
        const rule = job.schema.rules?.find((r) => r.rule === 'derived_from' && r.fields[0] === field.name);
        if (!rule) continue;
        expect(emailMatchesName(String(fields[field.name]), String(fields[rule.fields[1]!]))).toBe(true);
      }
    }
  });

  it('never writes an exemplar text again, not even with case, punctuation, digits or one word changed', () => {
    for (const { job, fields } of records) {
      for (const field of job.schema.fields.filter((f) => f.type === 'text')) {
        const value = fields[field.name];
        if (typeof value !== 'string') continue;
        const words = normalisedWords(value, job.locale);
        for (const e of job.revisionExemplars) {
          const text = e.record[field.name];
          if (typeof text === 'string') expect(withinOneWord(words, normalisedWords(text, job.locale))).toBe(false);
        }
      }
    }
  });

  it('keeps categorical values to those the subchapter shows, unless the field varies freely', () => {
    for (const { job, subchapter, fields } of records) {
      for (const field of job.schema.fields.filter((f) => f.type === 'enum' && !f.varies_freely)) {
        const rule = job.schema.rules?.some((r) => r.rule === 'currency_of_locale' && r.fields[0] === field.name);
        if (rule) continue;
        const seen = job.revisionExemplars
          .filter((e) => e.subchapter_key === subchapter)
          .map((e) => e.record[field.name]);
        expect(seen).toContain(fields[field.name]);
      }
    }
  });

  it('places past dates before the reference instant and date.soon fields after it', () => {
    const reference = Date.parse(REFERENCE_AT);
    for (const { job, fields } of records) {
      for (const field of job.schema.fields.filter((f) => f.type === 'date' || f.type === 'datetime')) {
        const value = fields[field.name];
        if (typeof value !== 'string') continue;
        const t = Date.parse(field.type === 'date' ? `${value}T00:00:00Z` : value);
        if (/soon|future/.test(field.semantic ?? '')) expect(t).toBeGreaterThan(reference - 86_400_000);
        else expect(t).toBeLessThanOrEqual(reference);
      }
    }
  });

  it('produces records the validator scorer accepts (at least 95% of a sample-seed job)', async () => {
    const engine = new DeterministicEngine();
    let rejected = 0;
    let total = 0;
    for (const job of seedJobs(SEEDS[0]!, 60)) {
      const scorer = createRecordScorer({ record_schema: job.schema, exemplars: job.revisionExemplars });
      const subchapters = new Map<string, string[]>();
      for (const e of job.revisionExemplars)
        subchapters.set(e.subchapter_key, [...(subchapters.get(e.subchapter_key) ?? []), e.exemplar_id]);
      const context = new JobScoringContext(
        [...subchapters].map(([subchapter_key, exemplar_ids]) => ({ subchapter_key, exemplar_ids })),
        { reference_at: REFERENCE_AT },
      );
      for (const { pack: p, planned: records } of job.packs) {
        for (const [i, o] of (await engine.generate(p, records)).entries()) {
          const lineage = {
            template_id: job.template_id,
            template_revision: p.template_revision,
            chapter_key: p.chapter_key,
            subchapter_key: p.subchapter_key,
            exemplar_ids: p.exemplars.map((e) => e.exemplar_id),
            job_id: p.job_id,
            tenant_id: 't',
            locale: job.locale,
            engine: 'deterministic',
            engine_version: engine.identity().version,
          };
          const scored = scorer.score(
            {
              record_id: o.record_id,
              job_id: p.job_id,
              pack_id: p.pack_id,
              record_index: records[i]!.record_index,
              lineage,
              fields: o.fields,
              generation_error: o.error,
              usage: o.usage,
            },
            context,
          );
          total++;
          if (!scored.accepted) rejected++;
        }
      }
    }
    expect(total).toBeGreaterThan(700);
    expect(rejected / total).toBeLessThanOrEqual(0.05);
  }, 60_000);

  it('yields deep-equal records on two runs with separate engines', async () => {
    expect(await generateAll(new DeterministicEngine())).toEqual(await generateAll(new DeterministicEngine()));
  });

  it('answers every planned record once, in order, with zero usage', async () => {
    const p = pack(customers, 'de-DE', 0, 7);
    const outputs = await new DeterministicEngine().generate(p, planned(p));
    expect(outputs.map((o) => o.record_id)).toEqual(planned(p).map((r) => r.record_id));
    expect(outputs.every((o) => o.usage.prompt_tokens === 0 && o.usage.completion_tokens === 0)).toBe(true);
  });

  it('gives the same fields for the same record id regardless of its pack neighbours', async () => {
    const p = pack(customers, 'de-DE', 0, 10);
    const all = await new DeterministicEngine().generate(p, planned(p));
    const one = await new DeterministicEngine().generate(p, planned(p).slice(4, 5));
    expect(one[0]).toEqual(all[4]);
  });

  it('keeps numbers inside the exemplar range widened by a fifth of its span and clamped to the schema', async () => {
    const p = pack(products, 'de-DE', 0, 200);
    const prices = (await new DeterministicEngine().generate(p, planned(p))).map((o) => o.fields!['price'] as number);
    expect(Math.min(...prices)).toBeGreaterThanOrEqual(6);
    expect(Math.max(...prices)).toBeLessThanOrEqual(34);
  });

  it('writes names in the script of the locale', async () => {
    const ja = pack(customers, 'ja-JP', 0, 20);
    const de = pack(customers, 'de-DE', 0, 20);
    const jaNames = (await new DeterministicEngine().generate(ja, planned(ja))).map((o) =>
      String(o.fields!['full_name']),
    );
    const deNames = (await new DeterministicEngine().generate(de, planned(de))).map((o) =>
      String(o.fields!['full_name']),
    );
    expect(jaNames.every((n) => /[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}]/u.test(n))).toBe(true);
    expect(deNames.every((n) => /^[\p{Script=Latin}\s.'-]+$/u.test(n))).toBe(true);
  });

  it('leaves an optional field out when the exemplar the record follows has none', async () => {
    const p = pack(products, 'de-DE', 0, 200);
    const websites = (await new DeterministicEngine().generate(p, planned(p))).map((o) => o.fields!['website']);
    const missing = websites.filter((w) => w === null).length;
    expect(missing).toBeGreaterThan(60);
    expect(missing).toBeLessThan(140);
    expect(websites.filter((w) => w !== null).every((w) => String(w).startsWith('https://example.com/'))).toBe(true);
  });

  it('answers with an error, not a throw, when a schema cannot be satisfied', async () => {
    const impossible = recordSchemaSchema.parse({
      fields: [{ name: 'code', type: 'string', constraints: { pattern: '^a{3}$', max_length: 2 } }],
    });
    const p = pack(impossible, 'de-DE', 0, 1);
    const [output] = await new DeterministicEngine().generate(p, planned(p));
    expect(output!.fields).toBeNull();
    expect(output!.error).toContain('code:');
  });

  it('throws an AbortError when the job is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const p = pack(customers, 'de-DE', 0, 3);
    await expect(new DeterministicEngine().generate(p, planned(p), controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('names itself with its own version and the faker version whose locale data it reads', () => {
    expect(new DeterministicEngine().identity()).toEqual({
      name: 'deterministic',
      version: `deterministic/2 faker/${fakerPackage.version}`,
    });
  });
});
