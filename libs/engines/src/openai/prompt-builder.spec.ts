import { describe, expect, it } from 'vitest';
import { compileRecordValidator } from '@vs/domain';
import { plannedRecords, productPack } from './openai-engine.spec-fixtures';
import { PromptBuilder, RECORD_COUNT_MARKER, RECORD_SCHEMA_MARKER, recordJsonSchema } from './prompt-builder';

const pack = productPack();
const schema = recordJsonSchema(pack.record_schema, compileRecordValidator(pack.record_schema));

describe(PromptBuilder.name, () => {
  it('states locale, chapter, subchapter, intent, every field and the machine-readable markers', () => {
    const messages = new PromptBuilder('json_schema').messages(pack, plannedRecords(3, 10), schema);
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
    const messages = new PromptBuilder('json_schema').messages(pack, plannedRecords(1), schema);
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(JSON.parse(messages[2].content)).toEqual({ records: [pack.exemplars[0].record] });
  });

  it('derives a strict JSON schema: every field required, dates with a format, N records exactly', () => {
    expect(schema.required).toEqual(pack.record_schema.fields.map((f) => f.name));
    expect(schema.additionalProperties).toBe(false);
    expect((schema.properties as Record<string, { format?: string }>).listed_on.format).toBe('date');
    expect(new PromptBuilder('json_schema').responseFormat(schema, 4)).toEqual({
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
    expect(new PromptBuilder('json_object').responseFormat(schema, 2)).toEqual({ type: 'json_object' });
    expect(new PromptBuilder('prompt_only').responseFormat(schema, 2)).toBeUndefined();
  });

  it('names each problem in the correction turn and the count to send again', () => {
    const [assistant, user] = new PromptBuilder('json_schema').correctionMessages(
      '{"records":[]}',
      ['record 2: price: must be >= 0'],
      1,
    );
    expect(assistant).toEqual({ role: 'assistant', content: '{"records":[]}' });
    expect(user.content).toContain('- record 2: price: must be >= 0');
    expect(user.content).toContain(`${RECORD_COUNT_MARKER} 1`);
  });
});
