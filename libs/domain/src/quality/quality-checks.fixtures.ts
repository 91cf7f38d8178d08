import { recordSchemaSchema, type RecordFields, type RecordSchema } from '@vs/contracts';
import { revisionProfile, type ScoringExemplar, type ScoringSubchapter } from '../exemplar-profile';
import type { CheckedRecord } from './record-check';
import { RecordText } from './record-text';

/** A small order schema and exemplars in two subchapters and two locales, shared by the check specs. */
export const orderSchema: RecordSchema = recordSchemaSchema.parse({
  fields: [
    { name: 'order_id', type: 'string', constraints: { pattern: '^ORD-[0-9]{6}$' } },
    { name: 'customer_name', type: 'string', semantic: 'person.fullName', constraints: { min_length: 3 } },
    { name: 'customer_email', type: 'email' },
    { name: 'product_name', type: 'string', semantic: 'commerce.productName' },
    { name: 'quantity', type: 'integer', constraints: { min: 1, max: 50 } },
    { name: 'unit_price', type: 'number', constraints: { min: 0 } },
    { name: 'currency', type: 'enum', semantic: 'finance.currencyCode', constraints: { enum: ['USD', 'EUR', 'GBP'] } },
    { name: 'order_status', type: 'enum', constraints: { enum: ['placed', 'shipped', 'returned', 'cancelled'] } },
    { name: 'ordered_at', type: 'datetime' },
    { name: 'customer_note', type: 'text', required: false },
  ],
});

function exemplar(id: string, locale: string, subchapter: string, record: RecordFields, prompt = ''): ScoringExemplar {
  return { exemplar_id: id, locale, subchapter_key: subchapter, record, prompt };
}

export const orderExemplars: ScoringExemplar[] = [
  exemplar(
    'buy.1',
    'en-US',
    'first_purchase',
    {
      order_id: 'ORD-100001',
      customer_name: 'Maya Thompson',
      customer_email: 'maya.thompson@example.com',
      product_name: 'Trail Running Shoe',
      quantity: 1,
      unit_price: 89.99,
      currency: 'USD',
      order_status: 'placed',
      ordered_at: '2024-03-02T09:14:00Z',
      customer_note: 'Please leave the parcel with the building concierge.',
    },
    'A first-time buyer orders running shoes.',
  ),
  exemplar(
    'buy.2',
    'de-DE',
    'first_purchase',
    {
      order_id: 'ORD-100002',
      customer_name: 'Sabine Krüger',
      customer_email: 'sabine.krueger@example.de',
      product_name: 'Handkaffeemühle',
      quantity: 2,
      unit_price: 54.9,
      currency: 'EUR',
      order_status: 'shipped',
      ordered_at: '2024-03-04T17:42:10+01:00',
      customer_note: 'Bitte ohne Rechnung im Paket, es ist ein Geburtstagsgeschenk.',
    },
    'Eine Neukundin bestellt eine Kaffeemühle als Geschenk.',
  ),
  exemplar(
    'refund.1',
    'en-US',
    'refund_request',
    {
      order_id: 'ORD-100003',
      customer_name: 'Olivia Martin',
      customer_email: 'olivia.martin@example.com',
      product_name: 'Wireless Headphones',
      quantity: 1,
      unit_price: 249.99,
      currency: 'USD',
      order_status: 'cancelled',
      ordered_at: '2024-08-10T20:01:00Z',
      customer_note: 'I accidentally ordered these twice, please refund the second one.',
    },
    'Customer cancels a duplicate order and asks for a refund.',
  ),
  exemplar(
    'refund.2',
    'de-DE',
    'refund_request',
    {
      order_id: 'ORD-100004',
      customer_name: 'Andreas Lehmann',
      customer_email: 'a.lehmann@example.de',
      product_name: 'Espressomaschine',
      quantity: 1,
      unit_price: 449,
      currency: 'EUR',
      order_status: 'returned',
      ordered_at: '2024-08-12T11:45:00+02:00',
      customer_note: 'Gerät ist zu laut für unsere Wohnung, bitte Erstattung.',
    },
    'Rückgabe innerhalb der Widerrufsfrist, Geld zurück.',
  ),
];

export const orderSubchapters: ScoringSubchapter[] = [
  { subchapter_key: 'first_purchase', title: 'First purchase', intent: 'A new customer places their first order.' },
  {
    subchapter_key: 'refund_request',
    title: 'Refund request',
    intent: 'The customer cancels or returns an order and wants a refund.',
  },
];

export const orderProfile = (schema: RecordSchema = orderSchema) =>
  revisionProfile(schema, orderExemplars, orderSubchapters);

/** A plausible en-US first purchase; override what a test is about. */
export function goodOrder(overrides: RecordFields = {}): RecordFields {
  return {
    order_id: 'ORD-200001',
    customer_name: 'Daniel Rivera',
    customer_email: 'daniel.rivera@example.net',
    product_name: 'Canvas Backpack',
    quantity: 1,
    unit_price: 64.5,
    currency: 'USD',
    order_status: 'placed',
    ordered_at: '2026-11-20T10:00:00Z',
    customer_note: 'Please ring the bell twice, the parcel can go to my neighbour.',
    ...overrides,
  };
}

export const REFERENCE_MS = Date.parse('2026-12-01T10:00:00Z');

export function checked(
  fields: RecordFields,
  locale = 'en-US',
  subchapter_key: string | null = 'first_purchase',
): CheckedRecord {
  return { fields, text: new RecordText(fields), locale, subchapter_key, reference_ms: REFERENCE_MS };
}
