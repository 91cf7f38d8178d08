import { z } from 'zod';

/**
 * A tenant id names an output folder, a token binding and a SQL value, so it is kept to one safe
 * shape: lowercase letters, digits, "_" and "-", 1 to 63 characters, starting with a letter or digit.
 * Distinct ids therefore never share a folder ("acme.x" and "acme/x" are refused, not flattened).
 */
export const TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
export const TENANT_ID_RULE =
  'use 1-63 lowercase letters, digits, "_" or "-", starting with a letter or digit (e.g. acme-eu)';
export const tenantIdSchema = z.string().regex(TENANT_ID_PATTERN, TENANT_ID_RULE);

/**
 * Template ids, chapter and subchapter keys: the shape the catalogue's SQL CHECK constraints enforce, so
 * a request naming anything else is refused by its shape instead of looked up (and echoed back) at any size.
 */
export const CATALOG_KEY_RULE = 'use 1-100 lowercase letters, digits, "_" or "-", starting with a letter or digit';
export const catalogKeySchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, CATALOG_KEY_RULE);

/** The canonical form of a well-formed BCP 47 tag (en-us → en-US, zh-hant-tw → zh-Hant-TW), or null. */
export function canonicalLocale(tag: string): string | null {
  // Intl accepts "en_US" style only as an error and a single "*" never; we also want one tag, not a list.
  if (!/^[A-Za-z0-9-]{2,35}$/.test(tag)) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    // The grammar allows 5-8 letter languages ("english"), but none is registered: only ISO 639 codes name one.
    return canonical !== undefined && /^[a-z]{2,3}(?:-|$)/.test(canonical) ? canonical : null;
  } catch {
    return null;
  }
}

export const LOCALE_RULE = 'use a BCP 47 language tag such as en-US, de-DE, zh-Hant-TW or es-419';

/** A BCP 47 locale, validated by the platform's own parser and stored in canonical form. */
export const localeTagSchema = z
  .string()
  .refine((tag) => canonicalLocale(tag) !== null, LOCALE_RULE)
  .transform((tag) => canonicalLocale(tag)!);

/**
 * Idempotency keys travel in a header and sit in a unique index: printable ASCII without spaces, at
 * most 200 characters.
 */
export const IDEMPOTENCY_KEY_RULE = 'use 1-200 printable ASCII characters without spaces';
export const idempotencyKeySchema = z
  .string()
  .min(1, IDEMPOTENCY_KEY_RULE)
  .max(200, IDEMPOTENCY_KEY_RULE)
  .regex(/^[\x21-\x7e]+$/, IDEMPOTENCY_KEY_RULE);
