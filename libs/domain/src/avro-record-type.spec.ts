import * as avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { recordSchemaSchema } from '@vs/contracts';
import { avroSchemaForRecordSchema, avroSchemaNameFor, splitAvroFullName } from './avro-record-type';
import { compileRecordValidator } from './record-validator';

const schema = recordSchemaSchema.parse({
  fields: [
    { name: 'id', type: 'uuid' },
    { name: 'full_name', type: 'string', description: 'Customer name' },
    { name: 'age', type: 'integer' },
    { name: 'balance', type: 'number' },
    { name: 'active', type: 'boolean' },
    { name: 'tier', type: 'enum', constraints: { enum: ['gold', 'silver'] } },
    { name: 'category', type: 'enum', required: false, constraints: { enum: ['home-garden', 'toys'] } },
    { name: 'joined_on', type: 'date' },
    { name: 'seen_at', type: 'datetime', required: false },
    { name: 'email', type: 'email', required: false },
  ],
});

describe(avroSchemaNameFor.name, () => {
  it('builds a valid Avro full name from any template id', () => {
    expect(avroSchemaNameFor('Retail-Customers v2', 3)).toBe('velocity_synth.records.retail_customers_v2_r3');
    expect(avroSchemaNameFor('42-things', 1)).toBe('velocity_synth.records.n_42_things_r1');
  });
});

describe(avroSchemaForRecordSchema.name, () => {
  const names = splitAvroFullName(avroSchemaNameFor('retail', 2));
  const avroSchema = avroSchemaForRecordSchema(schema, names);

  it('maps every field type, enums with valid symbols to Avro enums and optional fields to nullable unions', () => {
    const types = Object.fromEntries(avroSchema.fields.map((f) => [f.name, f.type]));
    expect(types).toEqual({
      id: 'string',
      full_name: 'string',
      age: 'long',
      balance: 'double',
      active: 'boolean',
      tier: { type: 'enum', name: 'tier_values', symbols: ['gold', 'silver'] },
      category: ['null', 'string'],
      joined_on: 'string',
      seen_at: ['null', 'string'],
      email: ['null', 'string'],
    });
    expect(avroSchema.fields.find((f) => f.name === 'category')).toMatchObject({ default: null });
    expect(avroSchema.fields.find((f) => f.name === 'category')?.doc).toContain('one of: home-garden, toys');
    expect(avroSchema.fields.find((f) => f.name === 'full_name')?.doc).toContain('Customer name');
  });

  it('is a schema avsc accepts, under the expected full name', () => {
    const type = avro.Type.forSchema(avroSchema as avro.Schema);
    expect(type.name).toBe('velocity_synth.records.retail_r2');
  });

  it('round-trips a record that passes the record validator', () => {
    const record = {
      id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
      full_name: 'Ada Lovelace',
      age: 36,
      balance: 12.5,
      active: true,
      tier: 'gold',
      category: 'home-garden',
      joined_on: '2024-02-29',
      seen_at: null,
      email: 'ada@example.com',
    };
    expect(compileRecordValidator(schema).validate(record).ok).toBe(true);
    const type = avro.Type.forSchema(avroSchema as avro.Schema);
    expect(type.fromBuffer(type.toBuffer(record))).toEqual(record);
  });

  it('keeps an enum type name distinct from the record name', () => {
    const single = recordSchemaSchema.parse({ fields: [{ name: 'kind', type: 'enum', constraints: { enum: ['a'] } }] });
    const clash = avroSchemaForRecordSchema(single, { namespace: 'ns', name: 'kind_values' });
    expect(() => avro.Type.forSchema(clash as avro.Schema)).not.toThrow();
  });
});
