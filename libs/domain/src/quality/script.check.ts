import {
  dominantScript,
  LATIN_SCRIPT_LANGUAGES,
  languageOf,
  NON_LATIN_SCRIPTS,
  scriptCounts,
  type RevisionProfile,
  type Script,
} from '../exemplar-profile';
import { isPersonName } from './field-roles';
import { hardFinding, type RecordCheck } from './record-check';

/**
 * Text must be written in the script of its locale: the script the locale's exemplars use for the field,
 * else the language's usual one. Free text may carry a few foreign words (a brand in a Japanese note), so
 * it is judged by the share of its letters in the expected script; Latin product or brand names in a
 * non-Latin locale are normal: only person names and free text are held to a non-Latin script.
 */
const ALL_LATIN = /^[\p{Script=Latin}\P{L}]*$/u;

export function compileScriptCheck(profile: RevisionProfile): RecordCheck {
  const { roles, schema } = profile;
  const fields = schema.fields.filter((f) => roles.textual.has(f.name));
  const learned = new Map<string, Script>();
  for (const field of fields) {
    const byLanguage = new Map<string, string[]>();
    for (const e of profile.exemplars) {
      const value = e.record[field.name];
      if (!e.locale || typeof value !== 'string') continue;
      const language = languageOf(e.locale);
      byLanguage.set(language, [...(byLanguage.get(language) ?? []), value]);
    }
    for (const [language, values] of byLanguage) {
      const script = dominantScript(values.join(' '));
      if (script) learned.set(`${language}:${field.name}`, script);
    }
  }

  return ({ fields: values, locale }) => {
    const language = languageOf(locale);
    const findings = [];
    for (const field of fields) {
      const value = values[field.name];
      if (typeof value !== 'string') continue;
      const fallback = LATIN_SCRIPT_LANGUAGES.has(language) ? 'latin' : (NON_LATIN_SCRIPTS[language] ?? null);
      const expected = learned.get(`${language}:${field.name}`) ?? fallback;
      if (expected === null) continue;
      // Text whose letters are all Latin (nearly all of it in Latin-script locales) needs no counting.
      if (expected === 'latin' && ALL_LATIN.test(value)) continue;
      const counts = scriptCounts(value);
      const letters = [...counts.values()].reduce((a, b) => a + b, 0);
      if (letters < 2) continue;
      const share = (counts.get(expected) ?? 0) / letters;
      const prose = roles.freeText.has(field.name);
      if (!LATIN_SCRIPT_LANGUAGES.has(language) && !prose && !isPersonName(field)) continue;
      // Latin text tolerates a quoted foreign word; other scripts often embed Latin brand names and codes.
      const wrong = expected === 'latin' ? share < 0.8 : share < 0.5;
      if (wrong) {
        const actual = dominantScript(value);
        const message =
          actual === expected
            ? `${Math.round((1 - share) * 100)}% of its letters are not ${expected}, as ${locale} expects`
            : `written in ${actual} script, ${locale} expects ${expected}`;
        findings.push(hardFinding('wrong_script', field.name, message, value));
      }
    }
    return findings;
  };
}
