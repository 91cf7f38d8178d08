import { describe, expect, it } from 'vitest';
import { compilePattern } from './pattern-value';
import { SeededRandom } from './seeded-random';

describe(compilePattern.name, () => {
  it.each(['^ORD-[0-9]{6}$', '^HB-[A-Z0-9]{6}$', '^(EU|US)-\\d{3,5}[a-z]?$', '^TCK-[0-9]{5}$'])(
    'generates values matching %s',
    (pattern) => {
      const generate = compilePattern(pattern)!;
      const random = new SeededRandom(pattern);
      for (let i = 0; i < 100; i++) expect(generate(random)).toMatch(new RegExp(pattern));
    },
  );

  it('varies the generated values', () => {
    const generate = compilePattern('^SKU-[0-9]{5}$')!;
    const random = new SeededRandom('vary');
    expect(new Set(Array.from({ length: 50 }, () => generate(random))).size).toBeGreaterThan(45);
  });

  it('declines patterns it cannot generate (negated classes)', () => {
    expect(compilePattern('^[^a-z]{3}$')).toBeNull();
  });
});
