import { describe, expect, it } from 'vitest';
import { recordSchemaSchema } from '@vs/contracts';
import { revisionProfile } from '../exemplar-profile';
import { compileDateWindowCheck, instantOf } from './date-window.check';
import { checked, goodOrder, orderProfile } from './quality-checks.fixtures';

describe(compileDateWindowCheck.name, () => {
  const check = compileDateWindowCheck(orderProfile());
  const at = (ordered_at: string) => check(checked(goodOrder({ ordered_at })));

  it('accepts dates around the reference instant and the exemplars', () => {
    expect(at('2026-11-20T10:00:00Z')).toEqual([]);
    expect(at('2024-03-02T09:14:00Z')).toEqual([]);
    expect(at('2028-06-01T00:00:00Z')).toEqual([]);
  });

  it('rejects dates far before or after it, reading two-digit years as written', () => {
    for (const date of [
      '1900-01-01T00:00:00Z',
      '2090-05-01T00:00:00Z',
      '2099-12-31T00:00:00Z',
      '0099-01-01T00:00:00Z',
    ]) {
      expect(at(date)[0], date).toMatchObject({ check: 'date_window', field: 'ordered_at', hard: true });
    }
    expect(new Date(instantOf('0099-01-01')!).getUTCFullYear()).toBe(99);
  });

  it('holds births to the 120 years before the reference and before the record’s other dates', () => {
    const schema = recordSchemaSchema.parse({
      fields: [
        { name: 'date_of_birth', type: 'date', semantic: 'date.birthdate' },
        { name: 'visit_on', type: 'date' },
      ],
    });
    const births = compileDateWindowCheck(revisionProfile(schema, []));
    const record = (date_of_birth: string, visit_on = '2026-12-10') => births(checked({ date_of_birth, visit_on }));
    expect(record('1950-03-30')).toEqual([]);
    expect(record('1890-01-01')[0]?.check).toBe('date_window');
    expect(record('2027-01-01')[0]?.check).toBe('date_window');
    expect(record('2026-11-01', '2026-10-01')[0]?.message).toBe('birth date after visit_on (2026-10-01)');
  });
});
