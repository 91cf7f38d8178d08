import { z } from 'zod';

/**
 * Cross-field rules a revision's record schema may declare. One vocabulary for three readers: the
 * importer checks that a rule names real fields of the right types, the deterministic engine always
 * satisfies it, and the validator rejects a record that breaks it (libs/domain/src/record-rules.ts).
 *
 * - `before`     [a, b]: date/datetime a is strictly earlier than b.
 * - `not_after`  [a, b]: date/datetime a is earlier than or equal to b.
 * - `lt`         [a, b]: number/integer a < b.
 * - `lte`        [a, b]: number/integer a <= b.
 * - `derived_from` [derived, source]: an email (or user name) derived from a person or organisation
 *   name field: its local part is built from the source's words (transliterated to ASCII).
 * - `currency_of_locale` [currency]: an ISO 4217 code field that must be the record locale's currency.
 *
 * A rule is checked only when all its fields have a value (optional fields may be null).
 */
export const RECORD_RULE_KINDS = ['before', 'not_after', 'lt', 'lte', 'derived_from', 'currency_of_locale'] as const;
export type RecordRuleKind = (typeof RECORD_RULE_KINDS)[number];

export const recordRuleSchema = z
  .object({
    rule: z.enum(RECORD_RULE_KINDS),
    fields: z.array(z.string().min(1)).min(1).max(2),
    description: z.string().optional(),
  })
  .strict();
export type RecordRule = z.infer<typeof recordRuleSchema>;

/** How many fields each rule names, and which field types each position accepts. */
export const RECORD_RULE_SIGNATURES: Record<RecordRuleKind, ReadonlyArray<readonly string[]>> = {
  before: [
    ['date', 'datetime'],
    ['date', 'datetime'],
  ],
  not_after: [
    ['date', 'datetime'],
    ['date', 'datetime'],
  ],
  lt: [
    ['integer', 'number'],
    ['integer', 'number'],
  ],
  lte: [
    ['integer', 'number'],
    ['integer', 'number'],
  ],
  derived_from: [
    ['email', 'string'],
    ['string', 'text'],
  ],
  currency_of_locale: [['enum', 'string']],
};
