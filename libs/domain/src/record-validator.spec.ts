import { describe, expect, it } from 'vitest';
import { recordSchemaSchema } from '@vs/contracts';
import { compileRecordValidator } from './record-validator';

const schema = recordSchemaSchema.parse({
  fields: [
    { name: 'name', type: 'string', constraints: { min_length: 2, max_length: 40 } },
    { name: 'age', type: 'integer', constraints: { min: 18, max: 99 } },
    { name: 'tier', type: 'enum', constraints: { enum: ['gold', 'silver'] } },
    { name: 'email', type: 'email', required: false },
    { name: 'joined_on', type: 'date' },
  ],
});

describe('compileRecordValidator', () => {
  const validator = compileRecordValidator(schema);

  it('accepts a record that meets every constraint', () => {
    const result = validator.validate({
      name: 'Ada',
      age: 36,
      tier: 'gold',
      email: 'ada@example.com',
      joined_on: '2024-02-29',
    });
    expect(result.ok).toBe(true);
    expect(result.errors).toEqual([]);
  });

  it('names each failing field with its problem', () => {
    const result = validator.validate({ name: 'A', age: 12, tier: 'bronze', joined_on: '2023-02-30x' });
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.split(':')[0]).sort()).toEqual(['age', 'joined_on', 'name', 'tier']);
  });

  it('refuses fields the schema does not declare', () => {
    const result = validator.validate({ name: 'Ada', age: 36, tier: 'gold', joined_on: '2024-01-01', extra: 1 });
    expect(result.ok).toBe(false);
    expect(result.errors.join()).toContain('extra');
  });
});
