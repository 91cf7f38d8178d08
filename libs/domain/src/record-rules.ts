import type { RecordFields, RecordRule } from '@vs/contracts';
import { currencyOfLocale } from './locale-currency';
import { emailMatchesName } from './name-tokens';

export { currencyOfLocale, regionOfLocale } from './locale-currency';
export { asciiNameTokens, emailMatchesName } from './name-tokens';

export interface RuleViolation {
  rule: RecordRule;
  /** The field the violation is reported on: the rule's first field. */
  field: string;
  message: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Epoch milliseconds of a date (midnight UTC) or datetime value, or null when it is not one. */
function instantOf(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isFinite(ms) ? ms : null;
}

const present = (v: unknown) => v !== null && v !== undefined && v !== '';

function violation(rule: RecordRule, fields: RecordFields, locale: string): string | null {
  const [a, b] = rule.fields as [string, string | undefined];
  const x = fields[a];
  const y = b === undefined ? undefined : fields[b];
  switch (rule.rule) {
    case 'before':
    case 'not_after': {
      const [tx, ty] = [instantOf(x), instantOf(y)];
      if (tx === null || ty === null) return null;
      if (rule.rule === 'before' ? tx < ty : tx <= ty) return null;
      return `${a} (${String(x)}) must be ${rule.rule === 'before' ? 'before' : 'no later than'} ${b} (${String(y)})`;
    }
    case 'lt':
    case 'lte': {
      if (typeof x !== 'number' || typeof y !== 'number') return null;
      if (rule.rule === 'lt' ? x < y : x <= y) return null;
      return `${a} (${x}) must be ${rule.rule === 'lt' ? 'less than' : 'at most'} ${b} (${y})`;
    }
    case 'derived_from': {
      if (typeof x !== 'string' || typeof y !== 'string') return null;
      return emailMatchesName(x, y) ? null : `${a} (${x}) is not derived from ${b} (${y})`;
    }
    case 'currency_of_locale': {
      const expected = currencyOfLocale(locale);
      if (typeof x !== 'string' || expected === null || x.trim().toUpperCase() === expected) return null;
      return `${a} (${x}) is not the currency of ${locale}: expected ${expected}`;
    }
  }
}

/** Every declared rule the record breaks; a rule whose fields are not all filled in is not applied. */
export function checkRecordRules(
  rules: readonly RecordRule[] | undefined,
  fields: RecordFields,
  locale: string,
): RuleViolation[] {
  const violations: RuleViolation[] = [];
  for (const rule of rules ?? []) {
    if (!rule.fields.every((f) => present(fields[f]))) continue;
    const message = violation(rule, fields, locale);
    if (message !== null) violations.push({ rule, field: rule.fields[0]!, message });
  }
  return violations;
}
