import { describe, expect, it } from 'vitest';
import { compilePlaceholderTextCheck } from './placeholder-text.check';
import { checked, goodOrder, orderProfile } from './quality-checks.fixtures';

describe(compilePlaceholderTextCheck.name, () => {
  const check = compilePlaceholderTextCheck(orderProfile());
  const problem = (overrides: Record<string, string>) => check(checked(goodOrder(overrides)))[0]?.message ?? null;

  it('passes real values', () => {
    expect(check(checked(goodOrder()))).toEqual([]);
    expect(
      problem({ product_name: 'XXL Hoodie', customer_note: 'Size XXXL please, 100% cotton if possible.' }),
    ).toBeNull();
  });

  it('rejects placeholder words, template syntax, lorem ipsum and a field naming itself', () => {
    expect(problem({ customer_note: 'TODO' })).toBe('a placeholder instead of a value');
    expect(problem({ customer_note: 'N/A' })).toBe('a placeholder instead of a value');
    expect(problem({ product_name: 'string' })).toBe('a placeholder instead of a value');
    expect(problem({ customer_note: '{{customer_note}}' })).toBe('template or placeholder syntax');
    expect(problem({ customer_note: 'Hello <placeholder>, your order is here' })).toBe(
      'template or placeholder syntax',
    );
    expect(problem({ customer_note: 'Dear [insert name], thanks' })).toBe('template or placeholder syntax');
    expect(problem({ customer_note: 'Call xxx for details' })).toBe('template or placeholder syntax');
    expect(problem({ customer_note: 'Lorem ipsum dolor sit amet.' })).toBe('template or placeholder syntax');
    expect(problem({ customer_note: 'Voluptatem accusantium doloremque laudantium totam rem.' })).toBe(
      'lorem-ipsum filler text',
    );
    expect(problem({ customer_note: 'Customer note' })).toBe("the field's own name instead of a value");
    expect(problem({ customer_email: 'test@example.com' })).toBe('a placeholder address');
    expect(problem({ customer_note: '（此处填写备注）' })).toBe('template or placeholder syntax');
    expect(problem({ customer_note: 'string string' })).toBe('placeholder words instead of a value');
    expect(problem({ customer_note: 'N/A - not provided' })).toBe('template or placeholder syntax');
    expect(problem({ customer_note: 'Customer note goes here' })).toBe('template or placeholder syntax');
    expect(problem({ customer_note: 'Hier eingeben' })).toBe('template or placeholder syntax');
  });

  it('lets notes that ask to write or put something through', () => {
    expect(problem({ customer_note: 'Write a message on the card: happy birthday, Mum!' })).toBeNull();
    expect(problem({ customer_note: 'Please leave it here, next to the door.' })).toBeNull();
    expect(problem({ customer_note: 'None of the items arrived.' })).toBeNull();
  });

  it('does not take Italian or French prose for lorem ipsum', () => {
    expect(problem({ customer_note: 'Non è successo nulla, il pacco è libero in portineria.' })).toBeNull();
    expect(problem({ customer_note: 'Il est arrivé et non ouvert, merci.' })).toBeNull();
  });
});
