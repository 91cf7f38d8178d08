import type { Faker } from '@faker-js/faker';

// Modules whose no-argument methods are not data generators (or need arguments to mean anything).
const BLOCKED_MODULES = new Set(['fakerCore', 'helpers', 'rawDefinitions', 'definitions']);

/**
 * Calls faker.<module>.<method>() named by a schema's semantic hint ("person.fullName"), but only
 * a real generator method: hints come from operators, so anything else yields undefined, never a throw.
 */
export function callSemanticHint(faker: Faker, semantic: string | undefined): unknown {
  if (!semantic) return undefined;
  const parts = semantic.split('.');
  if (parts.length !== 2) return undefined;
  const [moduleName, methodName] = parts as [string, string];
  if (BLOCKED_MODULES.has(moduleName) || moduleName.startsWith('_') || !Object.hasOwn(faker, moduleName))
    return undefined;
  const module: unknown = (faker as unknown as Record<string, unknown>)[moduleName];
  if (typeof module !== 'object' || module === null) return undefined;
  if (methodName.startsWith('_') || methodName in Object.prototype) return undefined;
  const method: unknown = (module as Record<string, unknown>)[methodName];
  if (typeof method !== 'function') return undefined;
  try {
    return (method as () => unknown).call(module);
  } catch {
    return undefined;
  }
}

/** A hint's result as text, when it has a sensible text form. */
export function semanticText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return undefined;
}

// Field-name fallbacks, first match wins: product/company before the generic "name".
const NAME_HINTS: Array<[RegExp, string]> = [
  [/e_?mail/, 'internet.email'],
  [/first_?name|given_?name/, 'person.firstName'],
  [/last_?name|surname|family_?name/, 'person.lastName'],
  [/product/, 'commerce.productName'],
  [/company|employer|organi[sz]ation|vendor|supplier/, 'company.name'],
  [/job|occupation|position|role/, 'person.jobTitle'],
  [/(^|_)name$|full_?name|customer|contact/, 'person.fullName'],
  [/city|town/, 'location.city'],
  [/country/, 'location.country'],
  [/state|province|region/, 'location.state'],
  [/street|address/, 'location.streetAddress'],
  [/zip|postal|postcode/, 'location.zipCode'],
  [/phone|mobile|fax/, 'phone.number'],
  [/url|website|homepage/, 'internet.url'],
  [/colou?r/, 'color.human'],
  [/department|category/, 'commerce.department'],
  [/currency/, 'finance.currencyCode'],
];

/** The semantic hint a field name implies, e.g. "billing_city" → location.city. */
export function hintForFieldName(fieldName: string): string | undefined {
  return NAME_HINTS.find(([pattern]) => pattern.test(fieldName))?.[1];
}
