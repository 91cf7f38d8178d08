import fakerPackage from '@faker-js/faker/package.json';
import { describe, expect, it } from 'vitest';
import { recordSchemaSchema } from '@vs/contracts';
import { compileRecordValidator, createRecordScorer, JobScoringContext } from '@vs/domain';
import { customers, pack, planned, products, tickets } from './deterministic-engine.fixtures';
import { DeterministicEngine } from './deterministic.engine';

async function generateAll(engine: DeterministicEngine) {
  const schemas = [customers, products, tickets];
  const locales = ['de-DE', 'ja-JP', 'pt-BR'];
  const runs = schemas.flatMap((schema, s) =>
    locales.map((locale, l) => pack(schema, locale, s * 3 + l, s * 3 + l < 5 ? 56 : 55)),
  );
  return Promise.all(runs.map(async (p) => ({ pack: p, outputs: await engine.generate(p, planned(p)) })));
}

describe(DeterministicEngine.name, () => {
  it('generates 500 records across 3 schemas and 3 locales that all pass the record validator', async () => {
    const results = await generateAll(new DeterministicEngine());
    expect(results.reduce((n, r) => n + r.outputs.length, 0)).toBe(500);
    for (const { pack: p, outputs } of results) {
      const validator = compileRecordValidator(p.record_schema);
      for (const output of outputs) {
        expect(output.error).toBeNull();
        expect(validator.validate(output.fields).errors).toEqual([]);
      }
    }
  });

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

  it('keeps numbers inside the exemplar range widened by 50% and clamped to the schema', async () => {
    const p = pack(products, 'de-DE', 0, 200);
    const prices = (await new DeterministicEngine().generate(p, planned(p))).map((o) => o.fields!['price'] as number);
    expect(Math.min(...prices)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...prices)).toBeLessThanOrEqual(35);
  });

  it('follows exemplar frequencies for enums and never copies an exemplar text verbatim', async () => {
    const p = pack(products, 'de-DE', 0, 200);
    const outputs = await new DeterministicEngine().generate(p, planned(p));
    const homeGarden = outputs.filter((o) => o.fields!['category'] === 'home-garden').length;
    expect(homeGarden).toBeGreaterThan(150);
    const exemplarTexts = new Set(
      p.exemplars.flatMap((e) => [e.record['description'], e.record['sku'], e.record['product_name']]),
    );
    expect(
      outputs.filter(
        (o) => exemplarTexts.has(o.fields!['description'] ?? null) || exemplarTexts.has(o.fields!['sku'] ?? null),
      ),
    ).toEqual([]);
  });

  it('produces records the record scorer accepts', async () => {
    const p = pack(products, 'de-DE', 0, 200);
    const outputs = await new DeterministicEngine().generate(p, planned(p));
    const scorer = createRecordScorer({
      record_schema: products,
      exemplars: p.exemplars.map((e) => ({ ...e, locale: 'de-DE' })),
    });
    const job = new JobScoringContext([{ subchapter_key: 's', exemplar_ids: ['p1', 'p2'] }]);
    const lineage = {
      template_id: 'retail',
      template_revision: 1,
      chapter_key: 'c',
      subchapter_key: 's',
      exemplar_ids: ['p1', 'p2'],
      job_id: p.job_id,
      tenant_id: 't',
      locale: 'de-DE',
      engine: 'deterministic',
      engine_version: 'v',
    };
    const rejected = outputs
      .map((o, i) =>
        scorer.score(
          {
            record_id: o.record_id,
            job_id: p.job_id,
            pack_id: p.pack_id,
            record_index: i,
            lineage,
            fields: o.fields,
            generation_error: o.error,
            usage: o.usage,
          },
          job,
        ),
      )
      .filter((scored) => !scored.accepted);
    expect(rejected.length).toBeLessThanOrEqual(4);
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

  it('leaves optional fields out now and then, but present most of the time', async () => {
    const p = pack(customers, 'pt-BR', 0, 200);
    const notes = (await new DeterministicEngine().generate(p, planned(p))).map((o) => o.fields!['notes']);
    const missing = notes.filter((n) => n === null).length;
    expect(missing).toBeGreaterThan(0);
    expect(missing).toBeLessThan(40);
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

  it('names itself with the faker version it pins', () => {
    expect(new DeterministicEngine().identity()).toEqual({
      name: 'deterministic',
      version: `deterministic/1 faker/${fakerPackage.version}`,
    });
  });
});
