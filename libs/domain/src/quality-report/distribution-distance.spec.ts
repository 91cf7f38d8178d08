import { describe, expect, it } from 'vitest';
import { ksStatistic, totalVariationDistance } from './distribution-distance';

const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe(totalVariationDistance.name, () => {
  it('is 0 for the same shares, whatever the totals', () => {
    expect(totalVariationDistance(counts({ a: 2, b: 6 }), counts({ a: 1, b: 3 }))).toBeCloseTo(0, 12);
  });

  it('is 1 for disjoint categories', () => {
    expect(totalVariationDistance(counts({ a: 5 }), counts({ b: 5 }))).toBe(1);
  });

  it('is half the sum of absolute share differences', () => {
    // shares a .5/.25, b .5/.25, c 0/.5 → (.25 + .25 + .5) / 2
    expect(totalVariationDistance(counts({ a: 1, b: 1 }), counts({ a: 1, b: 1, c: 2 }))).toBeCloseTo(0.5, 12);
    expect(totalVariationDistance(counts({ x: 9, y: 1 }), counts({ x: 5, y: 5 }))).toBeCloseTo(0.4, 12);
  });
});

describe(ksStatistic.name, () => {
  it('is 0 for identical samples and 1 for samples that do not overlap', () => {
    expect(ksStatistic([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(ksStatistic([1, 2, 3], [4, 5, 6])).toBe(1);
  });

  it('is the largest gap between the two empirical distribution functions', () => {
    expect(ksStatistic([1, 2, 3, 4], [3, 4, 5, 6])).toBe(0.5);
    expect(ksStatistic([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [5])).toBe(0.5);
  });

  it('steps past ties in both samples together', () => {
    expect(ksStatistic([1, 1, 1, 2], [1, 2, 2, 2])).toBe(0.5);
    expect(ksStatistic([5, 5], [5])).toBe(0);
  });
});
