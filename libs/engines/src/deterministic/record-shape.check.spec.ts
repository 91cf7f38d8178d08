import { describe, expect, it } from 'vitest';
import { recordSchemaSchema } from '@vs/contracts';
import { compileRecordValidator } from '@vs/domain';
import { compileShapeCheck } from './record-shape.check';

const schema = recordSchemaSchema.parse({
  fields: [
    { name: 'id', type: 'uuid' },
    { name: 'sku', type: 'string', constraints: { pattern: '^SKU-[0-9]{5}$' } },
    { name: 'email', type: 'email' },
    { name: 'born', type: 'date' },
    { name: 'at', type: 'datetime' },
    { name: 'qty', type: 'integer', constraints: { min: 1, max: 5 } },
    { name: 'tier', type: 'enum', constraints: { enum: ['gold', 'silver'] } },
    { name: 'site', type: 'url', required: false },
    { name: 'note', type: 'text', required: false, constraints: { max_length: 10 } },
  ],
});
const good = {
  id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  sku: 'SKU-00001',
  email: 'anna.weber@example.de',
  born: '2024-02-29',
  at: '2024-03-04T17:42:10+01:00',
  qty: 3,
  tier: 'gold',
  site: null,
  note: 'short',
};

describe(compileShapeCheck.name, () => {
  const check = compileShapeCheck(schema);
  const validator = compileRecordValidator(schema);

  it('accepts what the record validator accepts', () => {
    expect(check(good)).toEqual([]);
    expect(validator.validate(good).ok).toBe(true);
  });

  it.each([
    ['sku', 'SKU-1'],
    ['email', 'anna weber@example'],
    ['born', '2023-02-29'],
    ['at', '2024-03-04 17:42'],
    ['qty', 6],
    ['qty', 2.5],
    ['tier', 'bronze'],
    ['site', 'example.com'],
    ['note', 'far too long for it'],
    ['id', null],
  ])('rejects %s = %j as the record validator does', (field, value) => {
    const record = { ...good, [field]: value };
    expect(check(record)).toHaveLength(1);
    expect(check(record)[0]).toMatch(new RegExp(`^${field}:`));
    expect(validator.validate(record).ok).toBe(false);
  });
});
