import { describe, expect, it } from 'vitest';
import { booleanShare } from './pack-plan';

describe(booleanShare.name, () => {
  it("follows the exemplars' share of true", () => {
    expect(booleanShare([true, false, false], false)).toBeCloseTo(1 / 3);
  });

  it('never draws a value no exemplar shows unless the field varies freely', () => {
    expect(booleanShare([false, false], false)).toBe(0);
    expect(booleanShare([false, false], true)).toBeGreaterThan(0);
  });

  it('tosses a coin when no exemplar has the field', () => {
    expect(booleanShare([], false)).toBe(0.5);
  });
});
