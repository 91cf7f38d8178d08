import { describe, expect, it } from 'vitest';
import type { RecordRule } from '@vs/contracts';
import { asciiNameTokens, checkRecordRules, currencyOfLocale, emailMatchesName } from './record-rules';

const rule = (kind: RecordRule['rule'], ...fields: string[]): RecordRule => ({ rule: kind, fields });

describe(checkRecordRules.name, () => {
  it('reports a date or datetime that is not before its partner, naming both values', () => {
    const rules = [rule('before', 'shipped_at', 'delivered_at')];
    expect(
      checkRecordRules(rules, { shipped_at: '2024-03-05T10:00:00+01:00', delivered_at: '2024-03-07' }, 'de-DE'),
    ).toEqual([]);
    const [v] = checkRecordRules(rules, { shipped_at: '2024-03-07', delivered_at: '2024-03-07' }, 'de-DE');
    expect(v).toMatchObject({
      field: 'shipped_at',
      message: 'shipped_at (2024-03-07) must be before delivered_at (2024-03-07)',
    });
    expect(checkRecordRules([rule('not_after', 'a', 'b')], { a: '2024-03-07', b: '2024-03-07' }, 'en-US')).toEqual([]);
  });

  it('compares numbers with lt and lte', () => {
    expect(checkRecordRules([rule('lte', 'refund', 'total')], { refund: 50, total: 50 }, 'en-US')).toEqual([]);
    expect(checkRecordRules([rule('lte', 'refund', 'total')], { refund: 80, total: 50 }, 'en-US')[0]?.message).toBe(
      'refund (80) must be at most total (50)',
    );
    expect(checkRecordRules([rule('lt', 'refund', 'total')], { refund: 50, total: 50 }, 'en-US')).toHaveLength(1);
  });

  it('checks that an email is derived from the name and the currency is the locale one', () => {
    const rules = [rule('derived_from', 'email', 'name'), rule('currency_of_locale', 'currency')];
    expect(
      checkRecordRules(rules, { email: 'j.hoffmann@example.de', name: 'Jürgen Hoffmann', currency: 'EUR' }, 'de-DE'),
    ).toEqual([]);
    const violations = checkRecordRules(
      rules,
      { email: 'Ronja_Friedmann97@hotmail.com', name: 'Herr Fabio Gadschiew', currency: 'USD' },
      'de-DE',
    );
    expect(violations.map((v) => v.field)).toEqual(['email', 'currency']);
    expect(violations[1]!.message).toBe('currency (USD) is not the currency of de-DE: expected EUR');
  });

  it('skips a rule while one of its fields is empty', () => {
    expect(checkRecordRules([rule('before', 'a', 'b')], { a: '2024-01-02', b: null }, 'en-US')).toEqual([]);
  });
});

describe(emailMatchesName.name, () => {
  it.each([
    ['maya.thompson@example.com', 'Maya Thompson'],
    ['m.thompson84@example.com', 'Maya Thompson'],
    ['thompsonm@example.com', 'Maya Thompson'],
    ['mayathompson@example.com', 'Maya Thompson'],
    ['sabine.krueger@example.de', 'Sabine Krüger'],
    ['juergen-gross@example.de', 'Herr Jürgen Groß'],
    ['vladimir.petrov@example.ru', 'Владимир Петров'],
    ['alex.smith@example.com', 'Alexander Smith'],
    ['info@example.com', '佐藤 花子'],
  ])('accepts %s for %s', (email, name) => expect(emailMatchesName(email, name)).toBe(true));

  it.each([
    ['ronja_friedmann97@hotmail.com', 'Fabio Gadschiew'],
    ['maya.johnson@example.com', 'Maya Thompson'],
    ['m.t@example.com', 'Maya Thompson'],
    ['user12345@example.com', 'Maya Thompson'],
  ])('refuses %s for %s', (email, name) => expect(emailMatchesName(email, name)).toBe(false));
});

describe(asciiNameTokens.name, () => {
  it('transliterates any script and drops honorifics', () => {
    expect(asciiNameTokens('Dr. Jürgen Groß')).toEqual(['jurgen', 'gross']);
    expect(asciiNameTokens('Ольга Смирнова')).toEqual(['olga', 'smirnova']);
    expect(asciiNameTokens('さとう はなこ')).toEqual(['satou', 'hanako']);
  });
});

describe(currencyOfLocale.name, () => {
  it('reads the region of a tag, or the likely region of a language', () => {
    expect(currencyOfLocale('de-DE')).toBe('EUR');
    expect(currencyOfLocale('en-GB')).toBe('GBP');
    expect(currencyOfLocale('zh-Hant-TW')).toBe('TWD');
    expect(currencyOfLocale('ja')).toBe('JPY');
    expect(currencyOfLocale('es-419')).toBeNull();
    expect(currencyOfLocale('en')).toBeNull();
  });
});
