import { describe, expect, it } from 'vitest';
import { fakerLocaleKeys, localeData } from './locale-data';

describe(localeData.name, () => {
  it("reads the locale's own names, company forms and phone formats, real cities and its country", () => {
    const de = localeData('de-DE');
    expect(de.familyNames.male).toContain('Müller');
    expect(de.companySuffixes).toContain('GmbH');
    expect(de.cities.map((c) => c.city)).toContain('Köln');
    expect(de.countryName).toBe('Deutschland');
    expect(de.timeZone).toBe('Europe/Berlin');
    expect(de.phoneFormats.every((f) => !/x/.test(f))).toBe(true);
  });

  it('writes family names first where the locale does, and without a space in Chinese and Korean', () => {
    expect(localeData('ja-JP').familyFirst).toBe(true);
    expect(localeData('zh-CN').nameSeparator).toBe('');
    expect(localeData('en-US').familyFirst).toBe(false);
  });

  it('uses real English names instead of faker invented surnames', () => {
    expect(localeData('en-GB').familyNames.male).not.toContain('Aufderhar');
  });

  it('finds real cities for a bare language through its likely region', () => {
    expect(localeData('ru').cities.map((c) => c.city)).toContain('Москва');
    expect(localeData('ar').cities.length).toBeGreaterThan(3);
  });
});

describe(fakerLocaleKeys.name, () => {
  it('lists the most specific faker locale first', () => {
    expect(fakerLocaleKeys('de-AT')).toEqual(['de_AT', 'de']);
    expect(fakerLocaleKeys('pt-BR')[0]).toBe('pt_BR');
  });
});
