import type { Faker } from '@faker-js/faker';
import type { RecordField, RecordFields } from '@vs/contracts';
import { numericFieldRange, widenedRange, type NumericRange } from '@vs/domain';
import { callSemanticHint } from './semantic-hint';
import { learnTextProfile, textValue, type TextProfile } from './text-value';

type FieldValue = string | number | boolean | null;

// Optional fields are present most of the time: enough to be realistic, rare enough to keep completeness high.
const OPTIONAL_PRESENCE = 0.92;
const DEFAULT_NUMBER_RANGE: NumericRange = { min: 0, max: 1000 };
const DEFAULT_DATE_RANGE: NumericRange = { min: Date.UTC(2018, 0, 1), max: Date.UTC(2025, 11, 31) };

/** Everything a field's generator needs, learnt once per pack from its schema and exemplars. */
export interface FieldPlan {
  field: RecordField;
  range: NumericRange | null;
  fractionDigits: number;
  enumWeights: Array<{ value: string; weight: number }>;
  trueShare: number;
  text: TextProfile;
}

function decimals(value: number): number {
  return (String(value).split('.')[1] ?? '').length;
}

export function planField(field: RecordField, exemplars: readonly RecordFields[], locale: string): FieldPlan {
  const values = exemplars.map((e) => e[field.name]).filter((v) => v !== null && v !== undefined);
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const strings = values.filter((v): v is string => typeof v === 'string');
  const booleans = values.filter((v): v is boolean => typeof v === 'boolean');
  const times = strings.map((s) => Date.parse(s)).filter((t) => Number.isFinite(t));
  const isTime = field.type === 'date' || field.type === 'datetime';
  return {
    field,
    range: isTime
      ? (widenedRange(times) ?? DEFAULT_DATE_RANGE)
      : (numericFieldRange(field, exemplars) ?? DEFAULT_NUMBER_RANGE),
    fractionDigits: Math.min(Math.max(2, ...numbers.map(decimals)), 4),
    // Weights follow exemplar frequencies; a small floor keeps values no exemplar showed possible.
    enumWeights: (field.constraints.enum ?? []).map((value) => ({
      value,
      weight: strings.filter((s) => s === value).length + 0.25,
    })),
    // Laplace smoothing: three "true" exemplars mean mostly true, not always true.
    trueShare: (booleans.filter(Boolean).length + 1) / (booleans.length + 2),
    text: learnTextProfile(strings, locale),
  };
}

function numberValue(faker: Faker, plan: FieldPlan): number {
  const { min, max } = plan.range!;
  const hinted = callSemanticHint(faker, plan.field.semantic);
  const asNumber = typeof hinted === 'string' ? Number(hinted) : hinted;
  if (plan.field.type === 'integer') {
    const lo = Math.ceil(min);
    const hi = Math.max(lo, Math.floor(max));
    if (typeof asNumber === 'number' && Number.isInteger(asNumber) && asNumber >= lo && asNumber <= hi) return asNumber;
    return faker.number.int({ min: lo, max: hi });
  }
  if (typeof asNumber === 'number' && Number.isFinite(asNumber) && asNumber >= min && asNumber <= max) return asNumber;
  const value = faker.number.float({ min, max, fractionDigits: plan.fractionDigits });
  return Math.min(max, Math.max(min, value));
}

function timeValue(faker: Faker, plan: FieldPlan): string {
  const hinted = callSemanticHint(faker, plan.field.semantic);
  const { min, max } = plan.range!;
  const date =
    hinted instanceof Date && !Number.isNaN(hinted.getTime()) ? hinted : faker.date.between({ from: min, to: max });
  const iso = date.toISOString();
  return plan.field.type === 'date' ? iso.slice(0, 10) : iso;
}

function emailValue(faker: Faker): string {
  const email = faker.internet.email();
  // Some locales' names transliterate poorly; the validator wants a plain ASCII address.
  return /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(email)
    ? email
    : `user${faker.number.int(99999)}@example.com`;
}

function presentValue(faker: Faker, plan: FieldPlan): Exclude<FieldValue, null> {
  switch (plan.field.type) {
    case 'integer':
    case 'number':
      return numberValue(faker, plan);
    case 'boolean':
      return faker.datatype.boolean(plan.trueShare);
    case 'enum':
      return faker.helpers.weightedArrayElement(plan.enumWeights);
    case 'date':
    case 'datetime':
      return timeValue(faker, plan);
    case 'email':
      return emailValue(faker);
    case 'url':
      return faker.internet.url();
    case 'uuid':
      return faker.string.uuid();
    case 'string':
    case 'text':
    case 'phone':
      return textValue(faker, plan.field, plan.text);
  }
}

/** One field's value from a faker the caller seeded for this record and field. */
export function generateFieldValue(faker: Faker, plan: FieldPlan): FieldValue {
  if (!plan.field.required && !faker.datatype.boolean(OPTIONAL_PRESENCE)) return null;
  return presentValue(faker, plan);
}
