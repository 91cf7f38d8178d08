import { describe, expect, it } from 'vitest';
import { recordFieldSchema } from '@vs/contracts';
import { fakerForLocale } from './faker-locale';
import { fitLength, learnTextProfile, textValue } from './text-value';

describe(textValue.name, () => {
  const faker = fakerForLocale('ja-JP');

  it('recombines exemplar words without copying an exemplar, keeping a spaceless script spaceless', () => {
    const exemplars = ['電気ケトルが二日で壊れました', '注文した商品がまだ届いていません'];
    const profile = learnTextProfile(exemplars, 'ja-JP');
    expect(profile.separator).toBe('');
    const field = recordFieldSchema.parse({ name: 'remarks', type: 'text' });
    for (let seed = 0; seed < 50; seed++) {
      faker.seed(seed);
      const value = textValue(faker, field, profile);
      expect(exemplars).not.toContain(value);
      expect(value).not.toMatch(/\s/);
    }
  });

  it('generates values matching a simple pattern', () => {
    const field = recordFieldSchema.parse({ name: 'sku', type: 'string', constraints: { pattern: '^SKU-[0-9]{5}$' } });
    faker.seed(3);
    expect(textValue(faker, field, learnTextProfile([], 'ja-JP'))).toMatch(/^SKU-[0-9]{5}$/);
  });
});

describe(fitLength.name, () => {
  const faker = fakerForLocale('en-US');

  it('pads short values and truncates long ones to the length constraints', () => {
    faker.seed(1);
    expect(fitLength(faker, 'ab', { min_length: 12 }).length).toBeGreaterThanOrEqual(12);
    expect(fitLength(faker, 'a much longer sentence than allowed', { max_length: 10 })).toBe('a much lon');
  });

  it('never splits a surrogate pair when truncating', () => {
    expect(fitLength(faker, 'ab😀cd', { max_length: 3, min_length: 1 })).toBe('ab');
  });
});
