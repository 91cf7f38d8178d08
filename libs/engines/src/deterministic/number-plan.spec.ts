import { describe, expect, it } from 'vitest';
import { recordFieldSchema } from '@vs/contracts';
import { drawNumber, planNumber } from './number-plan';
import { SeededRandom } from './seeded-random';

const price = recordFieldSchema.parse({ name: 'unit_price', type: 'number', constraints: { min: 0, max: 5000 } });

describe(planNumber.name, () => {
  it('spans the subchapter values widened by a fifth of their span, inside the schema bounds', () => {
    const plan = planNumber(price, [10, 30], [1, 4000]);
    expect(plan.min).toBeCloseTo(6);
    expect(plan.max).toBeCloseTo(34);
    const capped = planNumber(
      recordFieldSchema.parse({ name: 'q', type: 'integer', constraints: { min: 1, max: 3 } }),
      [1, 3],
      [],
    );
    expect([capped.min, capped.max]).toEqual([1, 3]);
  });

  it('falls back to the revision values when the subchapter has none', () => {
    expect(planNumber(price, [], [100, 200]).max).toBeCloseTo(220);
  });

  it('learns the rounding of whole amounts (yen to the hundred, salaries to the thousand)', () => {
    expect(planNumber(price, [36400, 52000, 72000], []).step).toBe(100);
    expect(planNumber(price, [89.99, 54.9], []).step).toBe(1);
  });
});

describe(drawNumber.name, () => {
  it('stays inside the plan and keeps the look of the exemplar price (.99 stays .99)', () => {
    const plan = planNumber(price, [89.99, 54.99, 120.99], []);
    const random = new SeededRandom('prices');
    for (let i = 0; i < 300; i++) {
      const v = drawNumber(plan, random, 89.99);
      expect(v).toBeGreaterThanOrEqual(plan.min);
      expect(v).toBeLessThanOrEqual(plan.max);
      expect(Math.round((v % 1) * 100)).toBe(99);
    }
  });

  it('draws whole numbers for integer fields', () => {
    const field = recordFieldSchema.parse({ name: 'quantity', type: 'integer', constraints: { min: 1, max: 50 } });
    const plan = planNumber(field, [3, 6, 8], []);
    const random = new SeededRandom('ints');
    for (let i = 0; i < 100; i++) expect(Number.isInteger(drawNumber(plan, random, 6))).toBe(true);
  });
});
