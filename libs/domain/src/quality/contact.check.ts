import type { RevisionProfile } from '../exemplar-profile';
import { currencyOfLocale } from '../locale-currency';
import { emailMatchesName } from '../name-tokens';
import { softFinding, type RecordCheck } from './record-check';

export const CONTACT_PENALTIES = { email_not_from_name: 0.45, currency_not_of_locale: 0.45 } as const;

/**
 * Implicit versions of the derived_from and currency_of_locale rules, for revisions that do not declare
 * them: an address built from someone else's name, or a currency the locale does not use (nor do its
 * exemplars anywhere in the revision), is implausible. A declared rule is checked as a hard rule instead.
 */
export function compileContactCheck(profile: RevisionProfile): RecordCheck {
  const rules = profile.schema.rules ?? [];
  const declared = (kind: string, field: string) => rules.some((r) => r.rule === kind && r.fields[0] === field);
  const pairs = profile.roles.emailNamePairs.filter((p) => !declared('derived_from', p.email));
  const currencies = [...profile.roles.currencies].filter((c) => !declared('currency_of_locale', c));
  const usedByLocale = new Map<string, Set<string>>();
  for (const e of profile.exemplars) {
    for (const c of currencies) {
      const v = e.record[c];
      if (typeof v !== 'string' || !e.locale) continue;
      usedByLocale.set(`${e.locale}:${c}`, (usedByLocale.get(`${e.locale}:${c}`) ?? new Set()).add(v.toUpperCase()));
    }
  }

  return ({ fields, locale }) => {
    const findings = [];
    for (const { email, name } of pairs) {
      const address = fields[email];
      const person = fields[name];
      if (typeof address !== 'string' || typeof person !== 'string' || person.trim() === '') continue;
      if (!emailMatchesName(address, person)) {
        const penalty = CONTACT_PENALTIES.email_not_from_name;
        findings.push(softFinding('implausible_value', email, penalty, `not built from ${name} (${person})`, address));
      }
    }
    const expected = currencyOfLocale(locale);
    if (expected === null) return findings;
    for (const c of currencies) {
      const value = fields[c];
      if (typeof value !== 'string') continue;
      const code = value.trim().toUpperCase();
      if (code === expected || usedByLocale.get(`${locale}:${c}`)?.has(code)) continue;
      const penalty = CONTACT_PENALTIES.currency_not_of_locale;
      findings.push(softFinding('implausible_value', c, penalty, `not the currency of ${locale} (${expected})`, value));
    }
    return findings;
  };
}
