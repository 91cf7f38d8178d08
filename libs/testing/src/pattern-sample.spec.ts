import { describe, expect, it } from 'vitest';
import { valueForPattern } from './pattern-sample';

describe(valueForPattern.name, () => {
  it('yields values that match the record schemas patterns, the same for the same seed', () => {
    for (const pattern of ['^ORD-[0-9]{6}$', '^[A-Z]{2}\\d{4}$', '^TCK-[a-z0-9]{4,8}$']) {
      for (let seed = 0; seed < 20; seed++) {
        const value = valueForPattern(pattern, String(seed));
        expect(value).toMatch(new RegExp(pattern));
        expect(valueForPattern(pattern, String(seed))).toBe(value);
      }
    }
  });
});
