import { describe, expect, it } from 'vitest';
import { VariantSequence } from './variant-sequence';

const key = (v: { shape: number; filling: number }) => `${v.shape}/${v.filling}`;

describe(VariantSequence.name, () => {
  it('numbers every (shape, filling) pair once', () => {
    const sequence = new VariantSequence([3, 1, 5]);
    expect(sequence.size).toBe(9);
    const seen = Array.from({ length: 9 }, (_, q) => key(sequence.at(q)));
    expect(new Set(seen).size).toBe(9);
    expect(
      seen.every((k) => {
        const [s, f] = k.split('/').map(Number);
        return f! < [3, 1, 5][s!]!;
      }),
    ).toBe(true);
  });

  it('takes every shape once before any shape twice', () => {
    const sequence = new VariantSequence([4, 4, 2]);
    expect(new Set([0, 1, 2].map((q) => sequence.at(q).shape))).toEqual(new Set([0, 1, 2]));
  });

  it('starts again after the last pair, so any run of consecutive numbers is free of repeats', () => {
    const sequence = new VariantSequence([2, 3]);
    const run = Array.from({ length: 5 }, (_, i) => key(sequence.at(1000 + i)));
    expect(new Set(run).size).toBe(5);
    expect(key(sequence.at(3))).toBe(key(sequence.at(8)));
  });
});
