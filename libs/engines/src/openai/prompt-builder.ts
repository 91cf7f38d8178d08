import { z } from 'zod';
import type { PromptPack, RecordField, RecordRule, RecordSchema } from '@vs/contracts';
import type { RecordValidator } from '@vs/domain';
import type { PlannedRecord } from '../generation-engine';
import type { StructuredOutputMode } from './openai-engine.config';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export type JsonSchema = Record<string, unknown>;

export type ResponseFormat =
  { type: 'json_schema'; json_schema: { name: string; strict: boolean; schema: JsonSchema } } | { type: 'json_object' };

/** Machine-readable markers: the fake server (and log readers) find the request's shape by them. */
export const RECORD_COUNT_MARKER = 'RECORD_COUNT:';
export const RECORD_SCHEMA_MARKER = 'RECORD_SCHEMA_JSON:';
export const REFERENCE_MARKER = 'Reference date:';
/** Introduces each declared cross-field rule, e.g. `- rule before: shipped_at, delivered_at`. */
export const RULE_MARKER = '- rule';

const RULE_WORDS: Record<RecordRule['rule'], (a: string, b?: string) => string> = {
  before: (a, b) => `${a} is before ${b}`,
  not_after: (a, b) => `${a} is not after ${b}`,
  lt: (a, b) => `${a} is less than ${b}`,
  lte: (a, b) => `${a} is at most ${b}`,
  derived_from: (a, b) => `${a} is built from the words of ${b} (as a person's email is from their name)`,
  currency_of_locale: (a) => `${a} is the currency of the locale`,
};

function describeRule(rule: RecordRule): string {
  const [a, b] = rule.fields as [string, string | undefined];
  return `${RULE_MARKER} ${rule.rule}: ${rule.fields.join(', ')} (${RULE_WORDS[rule.rule](a, b)})`;
}

/** The JSON schema of one record, from the same zod schema that validates replies. */
export function recordJsonSchema(recordSchema: RecordSchema, validator: RecordValidator): JsonSchema {
  const schema = z.toJSONSchema(validator.schema, { unrepresentable: 'any' }) as JsonSchema;
  delete schema.$schema;
  const properties = schema.properties as Record<string, JsonSchema>;
  for (const field of recordSchema.fields) {
    const property = properties[field.name];
    // A zod refine leaves no trace in JSON schema: the date format and the (RE2-checked) pattern are added here.
    if (field.type === 'date') property.format = 'date';
    if (field.constraints.pattern !== undefined) {
      const target = (property.anyOf as JsonSchema[] | undefined)?.find((s) => s.type === 'string') ?? property;
      target.pattern = field.constraints.pattern;
    }
    if (field.description) property.description = field.description;
  }
  // Strict structured output wants every property listed; optional fields are nullable instead.
  schema.required = recordSchema.fields.map((f) => f.name);
  return schema;
}

export type SchemaDetail = 'full' | 'simplified';

/** Patterns longer than this are left out of a simplified schema: guided decoders compile them into huge automata. */
const SIMPLIFIED_PATTERN_MAX = 40;
const BOUNDS = [
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
];

/** The schema without bounds and long patterns, for backends that reject them; the gate checks them after anyway. */
export function simplifiedSchema(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (BOUNDS.includes(key)) continue;
    if (key === 'pattern' && typeof value === 'string' && value.length > SIMPLIFIED_PATTERN_MAX) continue;
    if (Array.isArray(value))
      out[key] = value.map((v: unknown) =>
        v !== null && typeof v === 'object' ? simplifiedSchema(v as JsonSchema) : v,
      );
    else if (value !== null && typeof value === 'object') out[key] = simplifiedSchema(value as JsonSchema);
    else out[key] = value;
  }
  return out;
}

/** `{"records": [record × count]}`: the envelope every reply must have. */
export function recordsEnvelopeSchema(record: JsonSchema, count: number, detail: SchemaDetail = 'full'): JsonSchema {
  const records =
    detail === 'full'
      ? { type: 'array', minItems: count, maxItems: count, items: record }
      : { type: 'array', items: simplifiedSchema(record) };
  return { type: 'object', properties: { records }, required: ['records'], additionalProperties: false };
}

function describeField(field: RecordField): string {
  const c = field.constraints;
  const facts = [field.type, field.required ? 'required' : 'optional, may be null'];
  if (c.enum) facts.push(`one of ${c.enum.join(' | ')}`);
  if (c.min !== undefined) facts.push(`>= ${c.min}`);
  if (c.max !== undefined) facts.push(`<= ${c.max}`);
  if (c.min_length !== undefined) facts.push(`at least ${c.min_length} characters`);
  if (c.max_length !== undefined) facts.push(`at most ${c.max_length} characters`);
  if (c.pattern !== undefined) facts.push(`matches /${c.pattern}/`);
  if (field.type === 'date') facts.push('YYYY-MM-DD');
  const hint = [field.description, field.semantic && `kind: ${field.semantic}`].filter(Boolean).join('; ');
  return `- ${field.name} (${facts.join(', ')})${hint ? `: ${hint}` : ''}`;
}

/** How a request asks for structure: the response_format mode, and how much of the schema it carries. */
export interface StructuredOutput {
  mode: StructuredOutputMode;
  schema: SchemaDetail;
}

export class PromptBuilder {
  /**
   * System message, exemplar pairs, then the batch request. The system part is the same for every batch of a
   * pack. The schema is sent once: in response_format when the endpoint takes json_schema, else in the prompt.
   */
  messages(pack: PromptPack, batch: PlannedRecord[], record: JsonSchema, mode: StructuredOutputMode): ChatMessage[] {
    const system = [
      'You generate realistic synthetic records for a curated data template.',
      `Locale: ${pack.locale}. Write every value as a native speaker of this locale would.`,
      `Chapter: ${pack.chapter_title} (${pack.chapter_key})`,
      `Subchapter: ${pack.subchapter_title} (${pack.subchapter_key})`,
      `Intent: ${pack.subchapter_intent}`,
      // Models have no clock: dates are only plausible relative to an instant they are told.
      ...(pack.reference_at ? [`${REFERENCE_MARKER} ${pack.reference_at} (dates are relative to this instant)`] : []),
      'Record fields:',
      ...pack.record_schema.fields.map(describeField),
      ...(pack.record_schema.rules?.length
        ? ['Every record keeps these rules:', ...pack.record_schema.rules.map(describeRule)]
        : []),
      'Answer with JSON only (no prose, no code fences) shaped as {"records":[{...}, ...]} with exactly the number of records asked for.',
      'Records must differ from each other and from the examples; never copy an example verbatim.',
      ...(mode === 'json_schema' ? [] : [`${RECORD_SCHEMA_MARKER} ${JSON.stringify(record)}`]),
    ].join('\n');
    const examples = pack.exemplars.flatMap((exemplar): ChatMessage[] => [
      { role: 'user', content: exemplar.prompt },
      { role: 'assistant', content: JSON.stringify({ records: [exemplar.record] }) },
    ]);
    const first = batch[0]?.record_index ?? pack.first_record_index;
    const last = batch[batch.length - 1]?.record_index ?? first;
    // The batch line makes each request distinct, so a completion cache never hands one batch's reply to another.
    const request = [
      `BATCH: job=${pack.job_id} pack=${pack.pack_id} records=${first}..${last}`,
      `${RECORD_COUNT_MARKER} ${batch.length}`,
      `Generate exactly ${batch.length} new records for this subchapter as {"records":[...]}.`,
    ].join('\n');
    return [{ role: 'system', content: system }, ...examples, { role: 'user', content: request }];
  }

  responseFormat(record: JsonSchema, count: number, output: StructuredOutput): ResponseFormat | undefined {
    switch (output.mode) {
      case 'json_schema':
        return {
          type: 'json_schema',
          json_schema: { name: 'records', strict: true, schema: recordsEnvelopeSchema(record, count, output.schema) },
        };
      case 'json_object':
        return { type: 'json_object' };
      case 'prompt_only':
        return undefined;
    }
  }

  /** The follow-up turn after an unusable reply: each problem named, and how many records to send again. */
  correctionMessages(previousReply: string, errors: string[], count: number): ChatMessage[] {
    const request = [
      'Your previous reply could not be used:',
      ...errors.map((e) => `- ${e}`),
      `${RECORD_COUNT_MARKER} ${count}`,
      `Answer again with JSON only: {"records":[...]} holding exactly ${count} corrected records that replace the records named above, in the same order.`,
    ].join('\n');
    return [
      { role: 'assistant', content: previousReply },
      { role: 'user', content: request },
    ];
  }
}
