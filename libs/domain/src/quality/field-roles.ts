import type { RecordField, RecordFields, RecordSchema } from '@vs/contracts';
import { emailMatchesName } from '../name-tokens';
import { wordTokens } from './text';

/**
 * What each field of a revision is for, read from its type, semantic, name, constraints and the
 * exemplars' values: checks ask "is this free text?" or "which field holds the person's name?"
 * instead of knowing a template's field names.
 */
export interface FieldRoles {
  /** Ids, codes and contact handles: no language, never part of a near-duplicate comparison. */
  identifiers: ReadonlySet<string>;
  /** Prose written in the record's language: judged for language, placeholders, LLM talk, copies, topic. */
  freeText: ReadonlySet<string>;
  /** Every string-valued field that is not an identifier: names, products, cities and prose. */
  textual: ReadonlySet<string>;
  /** Email field and the person-name field it is built from, when the exemplars show such a pairing. */
  emailNamePairs: ReadonlyArray<{ email: string; name: string }>;
  currencies: ReadonlySet<string>;
  birthDates: ReadonlySet<string>;
}

const ID_NAME = /(^|_)(id|ids|uuid|guid|key|ref|reference|number|no|nr|code|sku|iban|bic|token|hash|serial)$/;
const ID_SEMANTIC = /(uuid|\bid\b|identifier|alphanumeric|iban|bic|isbn|ean|sku|token|hash|serial|postcode|zip)/i;
const ID_SHAPED = /^[\p{L}\p{N}][\p{L}\p{N}._/:#-]*$/u;
const CONTACT_TYPES = new Set(['email', 'phone', 'url', 'uuid']);
const NAME_FIELD = /(^|_)(full_?name|first_?name|last_?name|given_?name|family_?name|surname|name)$/;
const NOT_A_PERSON =
  /(company|merchant|product|business|shop|store|brand|org|organisation|organization|city|street|file|user|clinic|hospital|bank|vendor|item|service|plan|team|department)/;

function stringsOf(exemplars: readonly RecordFields[], name: string): string[] {
  return exemplars.map((e) => e[name]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

/** An id-shaped value: one "word" that mixes in digits (ORD-104233, TCK-20411, A1B2C3). */
export function idShaped(value: string): boolean {
  return ID_SHAPED.test(value) && /\p{N}/u.test(value) && value.length >= 4;
}

function isIdentifier(field: RecordField, values: readonly string[]): boolean {
  if (CONTACT_TYPES.has(field.type)) return true;
  if (field.type !== 'string') return false;
  if (field.constraints.pattern !== undefined || ID_NAME.test(field.name)) return true;
  if (field.semantic !== undefined && ID_SEMANTIC.test(field.semantic)) return true;
  return values.length > 0 && values.every(idShaped);
}

function isFreeText(field: RecordField, values: readonly string[]): boolean {
  if (field.type === 'text') return true;
  if (field.type !== 'string' || field.semantic !== undefined) return false;
  // A plain string is prose when its exemplars are: four or more words on average.
  if (values.length === 0) return (field.constraints.max_length ?? 0) >= 100;
  return values.reduce((n, v) => n + wordTokens(v).length, 0) / values.length >= 4;
}

/** A field holding a person's name: by semantic (person.*Name), else by its name (customer_name, not product_name). */
export function isPersonName(field: RecordField): boolean {
  if (field.type !== 'string') return false;
  if (field.semantic?.toLowerCase().startsWith('person.')) return /name/i.test(field.semantic);
  return field.semantic === undefined && NAME_FIELD.test(field.name) && !NOT_A_PERSON.test(field.name);
}

/** Email/name pairs the exemplars bear out: most exemplars' addresses are built from that name. */
function emailNamePairs(schema: RecordSchema, exemplars: readonly RecordFields[]) {
  const emails = schema.fields.filter((f) => f.type === 'email' || /email/i.test(f.semantic ?? ''));
  const names = schema.fields.filter(isPersonName);
  const pairs: Array<{ email: string; name: string }> = [];
  for (const email of emails) {
    let best: { name: string; share: number } | null = null;
    for (const name of names) {
      const both = exemplars.filter((e) => typeof e[email.name] === 'string' && typeof e[name.name] === 'string');
      if (both.length === 0) continue;
      const share = both.filter((e) => emailMatchesName(e[email.name] as string, e[name.name] as string)).length;
      if (best === null || share / both.length > best.share) best = { name: name.name, share: share / both.length };
    }
    // Without exemplars the semantics decide; with them, two thirds must agree before a mismatch means anything.
    if (best !== null && best.share >= 2 / 3) pairs.push({ email: email.name, name: best.name });
    else if (best === null && names.length === 1 && exemplars.length === 0)
      pairs.push({ email: email.name, name: names[0]!.name });
  }
  return pairs;
}

export function fieldRoles(schema: RecordSchema, exemplars: readonly RecordFields[]): FieldRoles {
  const identifiers = new Set<string>();
  const freeText = new Set<string>();
  const textual = new Set<string>();
  const currencies = new Set<string>();
  const birthDates = new Set<string>();
  for (const field of schema.fields) {
    const values = stringsOf(exemplars, field.name);
    if (isIdentifier(field, values)) identifiers.add(field.name);
    else if (field.type === 'string' || field.type === 'text') {
      textual.add(field.name);
      if (isFreeText(field, values)) freeText.add(field.name);
    }
    if (/currency/i.test(field.semantic ?? '') || /currency/.test(field.name)) currencies.add(field.name);
    if (
      (field.type === 'date' || field.type === 'datetime') &&
      /birth|(^|_)dob($|_)|born/i.test(`${field.name} ${field.semantic ?? ''}`)
    ) {
      birthDates.add(field.name);
    }
  }
  return { identifiers, freeText, textual, emailNamePairs: emailNamePairs(schema, exemplars), currencies, birthDates };
}
