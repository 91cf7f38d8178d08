import { describe, expect, it } from 'vitest';
import { recordFieldSchema } from '@vs/contracts';
import { dominantScript, languageOf, numericFieldRange, widenedRange } from './exemplar-profile';

describe(widenedRange.name, () => {
  it('widens the span by 50%, a quarter on each side', () => {
    expect(widenedRange([-10, 30])).toEqual({ min: -20, max: 40 });
  });

  it('never widens non-negative exemplars below zero', () => {
    expect(widenedRange([10, 100])).toEqual({ min: 0, max: 122.5 });
  });

  it('leaves room around a single value and ignores non-finite values', () => {
    expect(widenedRange([40, Number.NaN])).toEqual({ min: 30, max: 50 });
    expect(widenedRange([])).toBeNull();
  });
});

describe(numericFieldRange.name, () => {
  const price = recordFieldSchema.parse({ name: 'price', type: 'number', constraints: { min: 5, max: 25 } });

  it('clamps the widened exemplar range to the schema bounds', () => {
    expect(numericFieldRange(price, [{ price: 6 }, { price: 22 }])).toEqual({ min: 5, max: 25 });
  });

  it('falls back to the schema bounds without exemplars, and to null without either', () => {
    expect(numericFieldRange(price, [])).toEqual({ min: 5, max: 25 });
    expect(numericFieldRange(recordFieldSchema.parse({ name: 'n', type: 'integer' }), [{ n: 'x' }])).toBeNull();
  });
});

describe(dominantScript.name, () => {
  it('tells Latin, CJK and Cyrillic text apart and ignores digits and punctuation', () => {
    expect(dominantScript('Müller & Söhne 42')).toBe('latin');
    expect(dominantScript('東京タワー、2024年')).toBe('cjk');
    expect(dominantScript('Москва')).toBe('cyrillic');
    expect(dominantScript('12-34 / 56')).toBeNull();
  });

  it('reads the language of a BCP 47 tag', () => {
    expect(languageOf('pt-BR')).toBe('pt');
    expect(languageOf('ja')).toBe('ja');
  });
});
