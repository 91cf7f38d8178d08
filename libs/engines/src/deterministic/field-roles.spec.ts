import { describe, expect, it } from 'vitest';
import { recordFieldSchema } from '@vs/contracts';
import { isFutureField, roleOf } from './field-roles';

const field = (f: Record<string, unknown>) => recordFieldSchema.parse(f);

describe(roleOf.name, () => {
  it('reads entity roles from semantic hints before names', () => {
    expect(roleOf(field({ name: 'who', type: 'string', semantic: 'person.fullName' }), [])).toBe('person.full');
    expect(roleOf(field({ name: 'x', type: 'string', semantic: 'company.name' }), [])).toBe('organisation');
    expect(roleOf(field({ name: 'contents', type: 'string', semantic: 'commerce.productName' }), [])).toBe('product');
    expect(roleOf(field({ name: 'clinic_city', type: 'string', semantic: 'location.city' }), [])).toBe('address.city');
  });

  it('tells a Latin spelling of the name from the name itself', () => {
    const latin = field({
      name: 'guest_name_latin',
      type: 'string',
      semantic: 'person.fullName',
      constraints: { pattern: '^[A-Za-z .-]+$' },
    });
    expect(roleOf(latin, [])).toBe('person.latin');
  });

  it('falls back to field names, and to the values for ids and categories', () => {
    expect(roleOf(field({ name: 'merchant_name', type: 'string' }), [])).toBe('organisation');
    expect(roleOf(field({ name: 'ticket_status', type: 'string' }), [])).toBe('categorical');
    expect(roleOf(field({ name: 'ref', type: 'string' }), ['INV-2024-001', 'INV-2024-002'])).toBe('identifier');
    expect(roleOf(field({ name: 'notes', type: 'string' }), ['Leave it at the door, please'])).toBe('text');
  });

  it('reads birth dates apart from other dates', () => {
    expect(roleOf(field({ name: 'date_of_birth', type: 'date' }), [])).toBe('birthdate');
    expect(roleOf(field({ name: 'ordered_at', type: 'datetime' }), [])).toBe('time');
  });
});

describe(isFutureField.name, () => {
  it('takes soon/future hints and preferred_/due_ names as future, recent and birth dates as past', () => {
    expect(isFutureField(field({ name: 'preferred_date', type: 'date' }))).toBe(true);
    expect(isFutureField(field({ name: 'check_in', type: 'date', semantic: 'date.soon' }))).toBe(true);
    expect(isFutureField(field({ name: 'booked_at', type: 'datetime', semantic: 'date.recent' }))).toBe(false);
    expect(isFutureField(field({ name: 'ordered_at', type: 'datetime' }))).toBe(false);
  });
});
