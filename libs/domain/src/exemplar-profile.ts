import type { RecordField, RecordFields, RecordSchema } from '@vs/contracts';
import { fieldRoles, type FieldRoles } from './quality/field-roles';

/** An exemplar as scoring sees it: what the operator wrote, and where in the taxonomy it sits. */
export interface ScoringExemplar {
  exemplar_id: string;
  record: RecordFields;
  /** The exemplar's locale, when known: it teaches which script and language a locale's text is written in. */
  locale?: string;
  /** Its subchapter, when known: ranges, categories and topic are learned per subchapter. */
  subchapter_key?: string;
  /** The prompt the operator wrote for it: part of what its subchapter is about. */
  prompt?: string;
}

/** A subchapter's own words (title, intent, its chapter's title and description): what its records are about. */
export interface ScoringSubchapter {
  subchapter_key: string;
  title?: string;
  intent?: string;
  chapter_title?: string;
  chapter_description?: string;
}

/** Everything a revision's checks learn from once: schema, field roles and exemplars by subchapter. */
export interface RevisionProfile {
  schema: RecordSchema;
  exemplars: readonly ScoringExemplar[];
  subchapters: readonly ScoringSubchapter[];
  roles: FieldRoles;
  /** The subchapter's exemplars; every exemplar when the subchapter has none (or exemplars carry no subchapter). */
  exemplarsOf(subchapterKey: string | null): readonly ScoringExemplar[];
}

export function revisionProfile(
  schema: RecordSchema,
  exemplars: readonly ScoringExemplar[],
  subchapters: readonly ScoringSubchapter[] = [],
): RevisionProfile {
  const bySubchapter = new Map<string, ScoringExemplar[]>();
  for (const e of exemplars) {
    if (e.subchapter_key === undefined) continue;
    bySubchapter.set(e.subchapter_key, [...(bySubchapter.get(e.subchapter_key) ?? []), e]);
  }
  const known = new Set(subchapters.map((s) => s.subchapter_key));
  const all = [
    ...subchapters,
    ...[...bySubchapter.keys()].filter((k) => !known.has(k)).map((k) => ({ subchapter_key: k })),
  ];
  return {
    schema,
    exemplars,
    subchapters: all,
    roles: fieldRoles(
      schema,
      exemplars.map((e) => e.record),
    ),
    exemplarsOf: (key) => (key === null ? undefined : bySubchapter.get(key)) ?? exemplars,
  };
}

export interface NumericRange {
  min: number;
  max: number;
}

/**
 * The range seen in exemplars, widened by 50% of its span (25% each side), so generators may
 * explore beyond the few values an operator wrote without drifting into nonsense. A single value
 * (zero span) is widened by 25% of its magnitude, at least 1, so it still leaves room.
 * Widening never crosses zero: exemplars that are all non-negative (prices, counts) stay so.
 */
export function widenedRange(values: readonly number[]): NumericRange | null {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return null;
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const pad = max > min ? (max - min) * 0.25 : Math.max(Math.abs(max) * 0.25, 1);
  return { min: min >= 0 ? Math.max(0, min - pad) : min - pad, max: max <= 0 ? Math.min(0, max + pad) : max + pad };
}

/**
 * Where a numeric field's values should fall: the widened exemplar range clamped to the schema's
 * min/max, or the schema bounds alone. Null when neither exemplars nor constraints say anything.
 */
export function numericFieldRange(field: RecordField, exemplars: readonly RecordFields[]): NumericRange | null {
  const seen = widenedRange(exemplars.map((e) => e[field.name]).filter((v): v is number => typeof v === 'number'));
  const { min, max } = field.constraints;
  if (!seen) {
    if (min === undefined && max === undefined) return null;
    return { min: min ?? Math.min(0, max! - 1000), max: max ?? Math.max(min! + 1000, 1000) };
  }
  const clamp = (v: number) => Math.min(max ?? Infinity, Math.max(min ?? -Infinity, v));
  return { min: clamp(seen.min), max: clamp(seen.max) };
}

export type Script = 'latin' | 'cjk' | 'hangul' | 'cyrillic' | 'greek' | 'arabic' | 'hebrew' | 'other';

const SCRIPT_PATTERNS: Array<[Exclude<Script, 'other'>, RegExp]> = [
  ['latin', /\p{Script=Latin}/u],
  // Japanese mixes Han with kana, Chinese is Han alone: one bucket keeps ja and zh comparable.
  ['cjk', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['hangul', /\p{Script=Hangul}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['greek', /\p{Script=Greek}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
];

/** How many of a text's letters each script has. */
export function scriptCounts(text: string): Map<Script, number> {
  const counts = new Map<Script, number>();
  let latin = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    // ASCII and Latin-1/Extended letters are by far the most common: skip the script tables for them.
    if (code < 0x80) {
      if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) latin++;
      continue;
    }
    if (!/\p{L}/u.test(char)) continue;
    if (code < 0x250) {
      latin++;
      continue;
    }
    const script = SCRIPT_PATTERNS.find(([, pattern]) => pattern.test(char))?.[0] ?? 'other';
    counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  if (latin > 0) counts.set('latin', (counts.get('latin') ?? 0) + latin);
  return counts;
}

/** The script most of a text's letters are written in, or null when it has no letters at all. */
export function dominantScript(text: string): Script | null {
  const counts = scriptCounts(text);
  let best: Script | null = null;
  for (const [script, count] of counts) if (best === null || count > counts.get(best)!) best = script;
  return best;
}

/** Scripts of languages that are not written in Latin letters, when no exemplar of the locale says otherwise. */
export const NON_LATIN_SCRIPTS: Readonly<Record<string, Script>> = {
  ja: 'cjk',
  zh: 'cjk',
  ko: 'hangul',
  ru: 'cyrillic',
  uk: 'cyrillic',
  bg: 'cyrillic',
  be: 'cyrillic',
  mk: 'cyrillic',
  kk: 'cyrillic',
  el: 'greek',
  ar: 'arabic',
  fa: 'arabic',
  ur: 'arabic',
  he: 'hebrew',
};

/** Languages whose text is expected in Latin script when no exemplar of the locale says otherwise. */
export const LATIN_SCRIPT_LANGUAGES: ReadonlySet<string> = new Set([
  'en',
  'de',
  'fr',
  'es',
  'pt',
  'it',
  'nl',
  'pl',
  'sv',
  'da',
  'nb',
  'nn',
  'fi',
  'cs',
  'sk',
  'ro',
  'hu',
  'tr',
  'id',
  'vi',
  'hr',
  'sl',
  'lv',
  'lt',
  'et',
  'ga',
  'cy',
  'af',
  'ms',
  'eu',
  'ca',
]);

export function languageOf(locale: string): string {
  return locale.split(/[-_]/)[0]!.toLowerCase();
}

/** Free-text fields: the ones realism checks for script, verbatim copies and near-duplicates. */
export function isTextField(field: RecordField): boolean {
  return field.type === 'string' || field.type === 'text';
}
