import type { LocaleDefinition } from '@faker-js/faker';

let locales: Record<string, LocaleDefinition> | undefined;

/**
 * Faker's locale definitions, loaded on first use. Every stage process imports this library (the validator for
 * the LLM judge, the Nest wiring for the engine registry), but only one that generates records needs the data:
 * loading it at import cost each of the others about 35 MB of resident memory.
 */
export function fakerLocales(): Record<string, LocaleDefinition> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  locales ??= (require('@faker-js/faker') as typeof import('@faker-js/faker')).allLocales;
  return locales;
}
