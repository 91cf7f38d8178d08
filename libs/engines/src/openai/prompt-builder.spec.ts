import { describe, expect, it } from 'vitest';
import { compileRecordValidator } from '@vs/domain';
import { plannedRecords, productPack } from './openai-engine.spec-fixtures';
import {
  PromptBuilder,
  RECORD_COUNT_MARKER,
  RECORD_SCHEMA_MARKER,
  recordJsonSchema,
  recordsEnvelopeSchema,
} from './prompt-builder';

const pack = productPack();
const schema = recordJsonSchema(pack.record_schema, compileRecordValidator(pack.record_schema));

describe(PromptBuilder.name, () => {
  it('states locale, chapter, subchapter, intent, every field and the machine-readable markers', () => {
    const messages = new PromptBuilder().messages(pack, plannedRecords(3, 10), schema, 'json_object');
    const system = messages[0].content;
    for (const text of [
      'de-DE',
      'Product catalogue',
      'Garden tools',
      'Hand tools a hobby gardener',
      'price (number, required, >= 0, <= 500)',
      'contact (email, optional, may be null)',
      'one of gold | silver',
    ]) {
      expect(system).toContain(text);
    }
    expect(system).toContain(`${RECORD_SCHEMA_MARKER} ${JSON.stringify(schema)}`);
    const request = messages[messages.length - 1].content;
    expect(request).toContain(`${RECORD_COUNT_MARKER} 3`);
    expect(request).toContain('records=10..12');
  });

  it('puts each exemplar in as a user/assistant pair', () => {
    const messages = new PromptBuilder().messages(pack, plannedRecords(1), schema, 'json_schema');
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(JSON.parse(messages[2].content)).toEqual({ records: [pack.exemplars[0].record] });
  });

  it('derives a strict JSON schema: every field required, dates with a format, N records exactly', () => {
    expect(schema.required).toEqual(pack.record_schema.fields.map((f) => f.name));
    expect(schema.additionalProperties).toBe(false);
    expect((schema.properties as Record<string, { format?: string }>).listed_on.format).toBe('date');
    expect(new PromptBuilder().responseFormat(schema, 4, { mode: 'json_schema', schema: 'full' })).toEqual({
      type: 'json_schema',
      json_schema: {
        name: 'records',
        strict: true,
        schema: {
          type: 'object',
          properties: { records: { type: 'array', minItems: 4, maxItems: 4, items: schema } },
          required: ['records'],
          additionalProperties: false,
        },
      },
    });
  });

  it('asks for json_object or no response_format in the other modes', () => {
    const full = 'full' as const;
    expect(new PromptBuilder().responseFormat(schema, 2, { mode: 'json_object', schema: full })).toEqual({
      type: 'json_object',
    });
    expect(new PromptBuilder().responseFormat(schema, 2, { mode: 'prompt_only', schema: full })).toBeUndefined();
  });

  it('sends the schema once: in response_format for json_schema, in the prompt otherwise', () => {
    const system = (mode: 'json_schema' | 'json_object') =>
      new PromptBuilder().messages(pack, plannedRecords(1), schema, mode)[0].content;
    expect(system('json_schema')).not.toContain(RECORD_SCHEMA_MARKER);
    expect(system('json_object')).toContain(RECORD_SCHEMA_MARKER);
  });

  it('leaves item counts, bounds and long patterns out of a simplified schema', () => {
    const record = {
      type: 'object',
      properties: {
        code: { type: 'string', pattern: `^${'[A-Z]'.repeat(12)}$`, maxLength: 9 },
        n: { type: 'integer', minimum: 1, maximum: 5 },
        s: { type: 'string', pattern: '^[a-z]+$' },
      },
    };
    const simplified = recordsEnvelopeSchema(record, 3, 'simplified');
    const text = JSON.stringify(simplified);
    for (const word of ['minItems', 'maxItems', 'minimum', 'maximum', 'maxLength', '[A-Z]'])
      expect(text).not.toContain(word);
    expect(text).toContain('^[a-z]+$');
  });

  it('names each problem in the correction turn and the count to send again', () => {
    const [assistant, user] = new PromptBuilder().correctionMessages(
      '{"records":[]}',
      ['record 2: price: must be >= 0'],
      1,
    );
    expect(assistant).toEqual({ role: 'assistant', content: '{"records":[]}' });
    expect(user.content).toContain('- record 2: price: must be >= 0');
    expect(user.content).toContain(`${RECORD_COUNT_MARKER} 1`);
  });
});
