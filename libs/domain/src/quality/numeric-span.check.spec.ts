import { describe, expect, it } from 'vitest';
import { compileNumericSpanCheck } from './numeric-span.check';
import { checked, goodOrder, orderProfile } from './quality-checks.fixtures';

describe(compileNumericSpanCheck.name, () => {
  const check = compileNumericSpanCheck(orderProfile());
  const cost = (overrides: Record<string, number>) =>
    check(checked(goodOrder(overrides))).reduce((sum, f) => sum + f.penalty, 0);

  it('charges nothing inside the exemplars’ span or just past it', () => {
    expect(cost({ quantity: 1, unit_price: 60 })).toBe(0);
    expect(cost({ quantity: 1, unit_price: 600 })).toBe(0);
  });

  it('charges more the further outside the span a number lies, enough to reject quantity 50 at 4,500', () => {
    const near = cost({ unit_price: 900 });
    const far = cost({ unit_price: 4500 });
    expect(near).toBeGreaterThan(0.1);
    expect(far).toBeGreaterThan(near);
    expect(cost({ quantity: 50, unit_price: 4500 })).toBeGreaterThan(0.4);
  });

  it('charges a little for a number outside its own subchapter’s span', () => {
    const findings = check(checked(goodOrder({ unit_price: 300 })));
    expect(findings[0]?.message).toContain("outside its subchapter's range");
    expect(findings[0]?.penalty).toBeLessThanOrEqual(0.2);
  });
});
