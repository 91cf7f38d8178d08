import fakerPackage from '@faker-js/faker/package.json';
import { describe, expect, it } from 'vitest';
import { recordSchemaSchema, type ExemplarRef, type PromptPack, type RecordSchema } from '@vs/contracts';
import { compileRecordValidator, recordId } from '@vs/domain';
import type { PlannedRecord } from '../generation-engine';
import { DeterministicEngine } from './deterministic.engine';

const customers = recordSchemaSchema.parse({
  fields: [
    { name: 'full_name', type: 'string', semantic: 'person.fullName', constraints: { min_length: 3, max_length: 80 } },
    { name: 'email', type: 'email' },
    { name: 'age', type: 'integer', constraints: { min: 18, max: 99 } },
    { name: 'tier', type: 'enum', constraints: { enum: ['gold', 'silver', 'bronze'] } },
    { name: 'city', type: 'string' },
    { name: 'joined_on', type: 'date' },
    { name: 'notes', type: 'text', required: false, constraints: { max_length: 200 } },
    { name: 'newsletter', type: 'boolean', required: false },
  ],
});
const products = recordSchemaSchema.parse({
  fields: [
    { name: 'id', type: 'uuid' },
    { name: 'sku', type: 'string', constraints: { pattern: '^SKU-[0-9]{5}$' } },
    { name: 'product_name', type: 'string', semantic: 'commerce.productName' },
    { name: 'price', type: 'number', constraints: { min: 0 } },
    { name: 'description', type: 'text', constraints: { min_length: 10, max_length: 160 } },
    { name: 'category', type: 'enum', constraints: { enum: ['home-garden', 'toys'] } },
    { name: 'website', type: 'url', required: false },
  ],
});
const tickets = recordSchemaSchema.parse({
  fields: [
    { name: 'ticket_id', type: 'uuid' },
    { name: 'subject', type: 'string', constraints: { max_length: 60 } },
    { name: 'body', type: 'text', constraints: { min_length: 20, max_length: 300 } },
    { name: 'priority', type: 'enum', constraints: { enum: ['low', 'high'] } },
    { name: 'opened_at', type: 'datetime' },
    { name: 'phone', type: 'phone', required: false, constraints: { max_length: 24 } },
    { name: 'agent_name', type: 'string', semantic: 'no.suchMethod' },
    { name: 'satisfaction', type: 'integer', constraints: { min: 1, max: 5 } },
  ],
});

const exemplarsBySchema = new Map<RecordSchema, ExemplarRef[]>([
  [customers, [
    { exemplar_id: 'c1', prompt: 'loyal', record: { full_name: 'Anna Weber', email: 'anna@example.de', age: 34, tier: 'gold', city: 'Köln', joined_on: '2021-03-04', notes: 'Kauft jeden Monat Kaffee und Tee', newsletter: true } },
    { exemplar_id: 'c2', prompt: 'loyal', record: { full_name: '佐藤 花子', email: 'hanako@example.jp', age: 41, tier: 'gold', city: '横浜市', joined_on: '2022-07-19', notes: '毎月コーヒーを買う常連のお客様です', newsletter: null } },
  ]],
  [products, [
    { exemplar_id: 'p1', prompt: 'kitchen', record: { id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', sku: 'SKU-00001', product_name: 'Kaffeemühle', price: 10, description: 'Eine robuste Mühle für frische Bohnen am Morgen', category: 'home-garden', website: null } },
    { exemplar_id: 'p2', prompt: 'kitchen', record: { id: '2b4e28ba-2fa1-41d2-883f-0016d3cca427', sku: 'SKU-00002', product_name: 'Wasserkocher', price: 30, description: 'Schneller Kocher aus Edelstahl mit Abschaltung', category: 'home-garden', website: 'https://example.com/k' } },
  ]],
  [tickets, [
    { exemplar_id: 't1', prompt: 'refund', record: { ticket_id: '3b4e28ba-2fa1-41d2-883f-0016d3cca427', subject: 'Refund for a broken kettle', body: 'The kettle stopped working after two days, please refund it', priority: 'high', opened_at: '2024-05-01T10:00:00Z', phone: '+49 30 1234567', agent_name: 'Mia Koch', satisfaction: 2 } },
  ]],
]);

function pack(schema: RecordSchema, locale: string, packIndex: number, count: number): PromptPack {
  return {
    pack_id: `pack-${packIndex}`, job_id: 'job-engine', pack_index: packIndex, tenant_id: 't', locale,
    template_id: 'retail', template_revision: 1, chapter_key: 'c', chapter_title: 'C', subchapter_key: 's',
    subchapter_title: 'S', subchapter_intent: 'i', exemplars: exemplarsBySchema.get(schema) ?? [],
    record_schema: schema, first_record_index: packIndex * 100, record_count: count, engine: 'deterministic', token_budget: null,
  };
}

function planned(p: PromptPack): PlannedRecord[] {
  return Array.from({ length: p.record_count }, (_, i) => {
    const index = p.first_record_index + i;
    return { record_id: recordId(p.job_id, p.pack_index, index), record_index: index };
  });
}

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
    const exemplarTexts = new Set(p.exemplars.flatMap((e) => [e.record['description'], e.record['sku'], e.record['product_name']]));
    expect(outputs.filter((o) => exemplarTexts.has(o.fields!['description'] ?? null) || exemplarTexts.has(o.fields!['sku'] ?? null))).toEqual([]);
  });

  it('writes names in the script of the locale', async () => {
    const ja = pack(customers, 'ja-JP', 0, 20);
    const de = pack(customers, 'de-DE', 0, 20);
    const jaNames = (await new DeterministicEngine().generate(ja, planned(ja))).map((o) => String(o.fields!['full_name']));
    const deNames = (await new DeterministicEngine().generate(de, planned(de))).map((o) => String(o.fields!['full_name']));
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
    const impossible = recordSchemaSchema.parse({ fields: [{ name: 'code', type: 'string', constraints: { pattern: '^a{3}$', max_length: 2 } }] });
    const p = pack(impossible, 'de-DE', 0, 1);
    const [output] = await new DeterministicEngine().generate(p, planned(p));
    expect(output!.fields).toBeNull();
    expect(output!.error).toContain('code:');
  });

  it('throws an AbortError when the job is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const p = pack(customers, 'de-DE', 0, 3);
    await expect(new DeterministicEngine().generate(p, planned(p), controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('names itself with the faker version it pins', () => {
    expect(new DeterministicEngine().identity()).toEqual({ name: 'deterministic', version: `deterministic/1 faker/${fakerPackage.version}` });
  });
});
