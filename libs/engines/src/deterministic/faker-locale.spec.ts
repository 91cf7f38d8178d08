import { describe, expect, it } from 'vitest';
import { fakerForLocale, fakerLocaleKeys } from './faker-locale';
import { callSemanticHint, hintForFieldName } from './semantic-hint';

describe(fakerLocaleKeys.name, () => {
  it('maps BCP 47 tags to faker locale keys, most specific first', () => {
    expect(fakerLocaleKeys('de-DE')).toEqual(['de']);
    expect(fakerLocaleKeys('de-AT')).toEqual(['de_AT', 'de']);
    expect(fakerLocaleKeys('en-US')).toEqual(['en_US']);
    expect(fakerLocaleKeys('pt-BR')).toEqual(['pt_BR']);
    expect(fakerLocaleKeys('ja-JP')).toEqual(['ja']);
  });

  it('falls back to en alone for a language faker does not know', () => {
    expect(fakerLocaleKeys('xx-YY')).toEqual([]);
    fakerForLocale('xx-YY').seed(1);
    expect(fakerForLocale('xx-YY').person.firstName()).toMatch(/^[A-Za-z'-]+$/);
  });

  it('reuses one faker per locale', () => {
    expect(fakerForLocale('fr-FR')).toBe(fakerForLocale('fr-FR'));
  });
});

describe(callSemanticHint.name, () => {
  const faker = fakerForLocale('en-US');

  it('calls a faker generator named module.method', () => {
    faker.seed(7);
    expect(typeof callSemanticHint(faker, 'location.city')).toBe('string');
  });

  it('returns undefined for unknown, malformed or non-generator hints instead of throwing', () => {
    for (const hint of [
      'nope.city',
      'location.nope',
      'location',
      'a.b.c',
      'location.constructor',
      'helpers.arrayElement',
      'location.__proto__',
    ]) {
      expect(callSemanticHint(faker, hint)).toBeUndefined();
    }
  });

  it('derives a hint from a field name, products and companies before generic names', () => {
    expect(hintForFieldName('product_name')).toBe('commerce.productName');
    expect(hintForFieldName('company_name')).toBe('company.name');
    expect(hintForFieldName('agent_name')).toBe('person.fullName');
    expect(hintForFieldName('billing_city')).toBe('location.city');
    expect(hintForFieldName('remarks')).toBeUndefined();
  });
});
