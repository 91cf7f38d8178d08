import { describe, expect, it } from 'vitest';
import { compileCategoryCheck } from './category.check';
import { checked, goodOrder, orderProfile, orderSchema } from './quality-checks.fixtures';

describe(compileCategoryCheck.name, () => {
  it('charges a category its subchapter never shows (less when it shows few), and more one no exemplar shows', () => {
    const check = compileCategoryCheck(orderProfile());
    expect(check(checked(goodOrder({ order_status: 'placed' })))).toEqual([]);
    expect(check(checked(goodOrder({ order_status: 'cancelled' })))[0]?.penalty).toBe(0.25);
    expect(check(checked(goodOrder({ currency: 'GBP' })))[0]?.penalty).toBe(0.5);
  });

  it('leaves fields that vary freely alone', () => {
    const schema = { ...orderSchema, fields: orderSchema.fields.map((f) => ({ ...f, varies_freely: true })) };
    expect(compileCategoryCheck(orderProfile(schema))(checked(goodOrder({ order_status: 'cancelled' })))).toEqual([]);
  });
});
