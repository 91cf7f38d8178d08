import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random';

describe(SeededRandom.name, () => {
  it('repeats the same stream for the same seed and another one for a seed one character apart', () => {
    const a = new SeededRandom('record-1');
    const b = new SeededRandom('record-1');
    const c = new SeededRandom('record-2');
    const first = Array.from({ length: 8 }, () => a.next());
    expect(Array.from({ length: 8 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 8 }, () => c.next())).not.toEqual(first);
  });

  it('keeps int() inside both bounds and reaches each of them', () => {
    const r = new SeededRandom('bounds');
    const seen = new Set(Array.from({ length: 2000 }, () => r.int(3, 7)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('draws weighted items in proportion to their weights', () => {
    const r = new SeededRandom('weights');
    const draws = Array.from({ length: 10_000 }, () => r.weighted(['a', 'b'], [3, 1]));
    const share = draws.filter((d) => d === 'a').length / draws.length;
    expect(share).toBeGreaterThan(0.72);
    expect(share).toBeLessThan(0.78);
  });

  it('writes digit strings of the asked length, the first one non-zero when asked', () => {
    const r = new SeededRandom('digits');
    for (let i = 0; i < 200; i++) expect(r.digits(5, true)).toMatch(/^[1-9]\d{4}$/);
  });
});
