import { describe, expect, it } from 'vitest';
import { compileExemplarCopyCheck } from './exemplar-copy.check';
import { checked, goodOrder, orderExemplars, orderProfile } from './quality-checks.fixtures';

describe(compileExemplarCopyCheck.name, () => {
  const check = compileExemplarCopyCheck(orderProfile());
  const copy = (note: string) => check(checked(goodOrder({ customer_note: note })))[0]?.message ?? null;

  it('catches an exemplar text copied verbatim or after folding case, punctuation, digits and one word', () => {
    expect(copy('Please leave the parcel with the building concierge.')).toBe('copied from exemplar buy.1');
    expect(copy('please LEAVE the parcel, with the building concierge!!')).toBe('copied from exemplar buy.1');
    expect(copy('Please leave the parcel with the concierge.')).toBe('one word away from exemplar buy.1');
    expect(copy('Please leave the parcel with the new building concierge.')).toBe('one word away from exemplar buy.1');
    expect(
      copy('Please leave the parcel with the building concierge. Please leave the parcel with the building concierge.'),
    ).toBe("made of exemplar buy.1's text");
  });

  it('lets a new text and a reused short value through', () => {
    expect(copy('Please leave the parcel with my neighbour at number 12.')).toBeNull();
    expect(check(checked(goodOrder({ product_name: 'Trail Running Shoe' })))).toEqual([]);
  });

  it('catches a whole record copied with a fresh id', () => {
    const record = { ...orderExemplars[2]!.record, order_id: 'ORD-999999', customer_note: null };
    expect(check(checked(record, 'en-US', 'refund_request'))[0]).toMatchObject({ check: 'exemplar_copy', field: null });
  });
});
