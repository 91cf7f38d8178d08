import { allLocales, base, en, Faker, type LocaleDefinition } from '@faker-js/faker';

// Semantic hints such as date.past() default to "now"; pinning the reference keeps output replayable.
export const FAKER_REFERENCE_DATE = new Date('2025-01-01T00:00:00.000Z');

const locales: Record<string, LocaleDefinition> = allLocales;
const cache = new Map<string, Faker>();

/**
 * Faker's locale keys for a BCP 47 tag, most specific first: de-DE → [de] (faker has no de_DE),
 * en-US → [en_US], pt-BR → [pt_BR], de-AT → [de_AT, de]. Unknown languages fall back to en alone.
 */
export function fakerLocaleKeys(locale: string): string[] {
  const [language = '', region] = locale.split(/[-_]/);
  const candidates = [region ? `${language.toLowerCase()}_${region.toUpperCase()}` : '', language.toLowerCase()];
  return candidates.filter(
    (key, i) => key !== '' && key !== 'en' && key !== 'base' && key in locales && candidates.indexOf(key) === i,
  );
}

/** One Faker per locale, built once: its definitions chain to en and base for anything the locale lacks. */
export function fakerForLocale(locale: string): Faker {
  let faker = cache.get(locale);
  if (!faker) {
    const chain = fakerLocaleKeys(locale).map((key) => locales[key]!);
    faker = new Faker({ locale: [...chain, en, base] });
    faker.setDefaultRefDate(FAKER_REFERENCE_DATE);
    cache.set(locale, faker);
  }
  return faker;
}
