import { describe, expect, it } from 'vitest';
import { compileContactCheck } from './contact.check';
import { checked, goodOrder, orderProfile, orderSchema } from './quality-checks.fixtures';

describe(compileContactCheck.name, () => {
  const check = compileContactCheck(orderProfile());

  it('charges an address not built from the person’s name when the exemplars build theirs so', () => {
    expect(check(checked(goodOrder()))).toEqual([]);
    expect(check(checked(goodOrder({ customer_email: 'ronja.friedmann@example.net' })))[0]).toMatchObject({
      field: 'customer_email',
      hard: false,
    });
  });

  it('charges a currency the locale does not use', () => {
    expect(check(checked(goodOrder({ currency: 'EUR' }), 'de-DE'))).toEqual([]);
    expect(check(checked(goodOrder({ currency: 'JPY' })))[0]?.message).toBe('not the currency of en-US (USD)');
  });

  it('leaves a pairing a declared rule checks to that rule', () => {
    const schema = {
      ...orderSchema,
      rules: [{ rule: 'derived_from' as const, fields: ['customer_email', 'customer_name'] }],
    };
    expect(
      compileContactCheck(orderProfile(schema))(checked(goodOrder({ customer_email: 'x.y@example.net' }))),
    ).toEqual([]);
  });
});
