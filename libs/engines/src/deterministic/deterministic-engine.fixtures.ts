import { recordSchemaSchema, type ExemplarRef, type PromptPack, type RecordSchema } from '@vs/contracts';
import { recordId } from '@vs/domain';
import type { PlannedRecord } from '../generation-engine';

// Three schemas that exercise every field type, with exemplars in German, Japanese and English.
export const customers = recordSchemaSchema.parse({
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
export const products = recordSchemaSchema.parse({
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
export const tickets = recordSchemaSchema.parse({
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
  [
    customers,
    [
      {
        exemplar_id: 'c1',
        prompt: 'loyal',
        record: {
          full_name: 'Anna Weber',
          email: 'anna@example.de',
          age: 34,
          tier: 'gold',
          city: 'Köln',
          joined_on: '2021-03-04',
          notes: 'Kauft jeden Monat Kaffee und Tee',
          newsletter: true,
        },
      },
      {
        exemplar_id: 'c2',
        prompt: 'loyal',
        record: {
          full_name: '佐藤 花子',
          email: 'hanako@example.jp',
          age: 41,
          tier: 'gold',
          city: '横浜市',
          joined_on: '2022-07-19',
          notes: '毎月コーヒーを買う常連のお客様です',
          newsletter: null,
        },
      },
    ],
  ],
  [
    products,
    [
      {
        exemplar_id: 'p1',
        prompt: 'kitchen',
        record: {
          id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
          sku: 'SKU-00001',
          product_name: 'Kaffeemühle',
          price: 10,
          description: 'Eine robuste Mühle für frische Bohnen am Morgen',
          category: 'home-garden',
          website: null,
        },
      },
      {
        exemplar_id: 'p2',
        prompt: 'kitchen',
        record: {
          id: '2b4e28ba-2fa1-41d2-883f-0016d3cca427',
          sku: 'SKU-00002',
          product_name: 'Wasserkocher',
          price: 30,
          description: 'Schneller Kocher aus Edelstahl mit Abschaltung',
          category: 'home-garden',
          website: 'https://example.com/k',
        },
      },
    ],
  ],
  [
    tickets,
    [
      {
        exemplar_id: 't1',
        prompt: 'refund',
        record: {
          ticket_id: '3b4e28ba-2fa1-41d2-883f-0016d3cca427',
          subject: 'Refund for a broken kettle',
          body: 'The kettle stopped working after two days, please refund it',
          priority: 'high',
          opened_at: '2024-05-01T10:00:00Z',
          phone: '+49 30 1234567',
          agent_name: 'Mia Koch',
          satisfaction: 2,
        },
      },
    ],
  ],
]);

export function pack(schema: RecordSchema, locale: string, packIndex: number, count: number): PromptPack {
  return {
    pack_id: `pack-${packIndex}`,
    job_id: 'job-engine',
    pack_index: packIndex,
    tenant_id: 't',
    locale,
    template_id: 'retail',
    template_revision: 1,
    chapter_key: 'c',
    chapter_title: 'C',
    subchapter_key: 's',
    subchapter_title: 'S',
    subchapter_intent: 'i',
    exemplars: exemplarsBySchema.get(schema) ?? [],
    record_schema: schema,
    first_record_index: packIndex * 100,
    record_count: count,
    engine: 'deterministic',
    token_budget: null,
  };
}

export function planned(p: PromptPack): PlannedRecord[] {
  return Array.from({ length: p.record_count }, (_, i) => {
    const index = p.first_record_index + i;
    return { record_id: recordId(p.job_id, p.pack_index, index), record_index: index };
  });
}
