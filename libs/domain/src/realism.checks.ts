import type { RecordField, RecordFields, RecordSchema } from '@vs/contracts';
import {
  dominantScript,
  isTextField,
  languageOf,
  LATIN_SCRIPT_LANGUAGES,
  widenedRange,
  type NumericRange,
  type Script,
} from './exemplar-profile';

export interface ScoringExemplar {
  exemplar_id: string;
  record: RecordFields;
  /** The exemplar's locale, when known: it teaches which script a language's text is written in. */
  locale?: string;
}

export interface RealismFinding {
  penalty: number;
  reason: string;
}

/** Realism starts at 1 and loses these per finding: a copied or implausible value costs more than a stretched range. */
export const REALISM_PENALTIES = { format: 0.4, range: 0.2, script: 0.4, verbatim: 0.5, near_duplicate: 0.5 } as const;

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@.]{2,}$/;
const PHONE = /^\+?[0-9 ()./-]{6,24}(\s*(x|ext\.?)\s*\d{1,6})?$/i;

function plausibleUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && /\.[a-z]{2,}$/i.test(url.hostname);
  } catch {
    return false;
  }
}

function formatOf(field: RecordField): 'email' | 'url' | 'phone' | null {
  for (const format of ['email', 'url', 'phone'] as const) {
    if (field.type === format || field.semantic?.toLowerCase().includes(format)) return format;
  }
  return null;
}

function plausible(format: 'email' | 'url' | 'phone', value: string): boolean {
  if (format === 'email') return EMAIL.test(value) && value.length <= 254;
  if (format === 'url') return plausibleUrl(value);
  const digits = value.replace(/\D/g, '').length;
  return PHONE.test(value) && digits >= 6 && digits <= 20;
}

/** Short strings such as a city recur naturally; only longer strings (and all text) count as copies. */
function copyMatters(field: RecordField, value: string): boolean {
  return field.type === 'text' || value.length >= 16 || value.split(/\s+/).length >= 3;
}

function stringValues(exemplars: readonly ScoringExemplar[], fieldName: string): Array<[string, string]> {
  return exemplars.flatMap((e) => {
    const value = e.record[fieldName];
    return typeof value === 'string' ? [[value, e.exemplar_id] as [string, string]] : [];
  });
}

/** The script each exemplar language writes a field in, keyed `<language>:<field>`. */
function learnScripts(field: RecordField, exemplars: readonly ScoringExemplar[], into: Map<string, Script>): void {
  const byLanguage = new Map<string, ScoringExemplar[]>();
  for (const e of exemplars) {
    if (!e.locale) continue;
    const language = languageOf(e.locale);
    byLanguage.set(language, [...(byLanguage.get(language) ?? []), e]);
  }
  for (const [language, group] of byLanguage) {
    const script = dominantScript(
      stringValues(group, field.name)
        .map(([value]) => value)
        .join(' '),
    );
    if (script) into.set(`${language}:${field.name}`, script);
  }
}

/** Compiled once per revision: exemplar ranges, exemplar values and each language's script per text field. */
export function compileRealismChecks(recordSchema: RecordSchema, exemplars: readonly ScoringExemplar[]) {
  const ranges = new Map<string, NumericRange>();
  const verbatim = new Map<string, Map<string, string>>();
  const scripts = new Map<string, Script>();
  for (const field of recordSchema.fields) {
    const range = widenedRange(
      exemplars.map((e) => e.record[field.name]).filter((v): v is number => typeof v === 'number'),
    );
    if (range && (field.type === 'integer' || field.type === 'number')) ranges.set(field.name, range);
    if (!isTextField(field)) continue;
    verbatim.set(field.name, new Map(stringValues(exemplars, field.name).map(([value, id]) => [value.trim(), id])));
    learnScripts(field, exemplars, scripts);
  }

  return function check(fields: RecordFields, locale: string): RealismFinding[] {
    const findings: RealismFinding[] = [];
    const language = languageOf(locale);
    for (const field of recordSchema.fields) {
      const value = fields[field.name];
      if (value === null || value === undefined) continue;
      const format = formatOf(field);
      if (format && typeof value === 'string' && !plausible(format, value)) {
        findings.push({ penalty: REALISM_PENALTIES.format, reason: `${field.name}: not a plausible ${format}` });
      }
      const range = ranges.get(field.name);
      if (range && typeof value === 'number' && (value < range.min || value > range.max)) {
        findings.push({
          penalty: REALISM_PENALTIES.range,
          reason: `${field.name}: ${value} outside exemplar range ${+range.min.toFixed(4)}..${+range.max.toFixed(4)}`,
        });
      }
      if (!isTextField(field) || typeof value !== 'string' || format) continue;
      const expected =
        scripts.get(`${language}:${field.name}`) ?? (LATIN_SCRIPT_LANGUAGES.has(language) ? 'latin' : null);
      const actual = dominantScript(value);
      if (expected && actual && actual !== expected) {
        findings.push({
          penalty: REALISM_PENALTIES.script,
          reason: `${field.name}: written in ${actual} script, ${locale} expects ${expected}`,
        });
      }
      const copiedFrom = verbatim.get(field.name)?.get(value.trim());
      if (copiedFrom !== undefined && copyMatters(field, value)) {
        findings.push({
          penalty: REALISM_PENALTIES.verbatim,
          reason: `${field.name}: copied verbatim from exemplar ${copiedFrom}`,
        });
      }
    }
    return findings;
  };
}
