import type { RecordFields } from '@vs/contracts';
import { dayPartsOf, ordinalDaysIn, twelveHoursIn } from './day-parts';
import { countsIn, countWordsOf, type CountWords } from './number-words';

/** A place in an exemplar text where the exemplar's own entity stood, to be filled with the record's. */
export type Slot =
  | { kind: 'field'; field: string }
  | { kind: 'given' | 'family' | 'brand'; field: string }
  | { kind: 'number'; field: string; decimals: number; comma: boolean }
  | { kind: 'free'; value: number; text: string; decimals: number; comma: boolean }
  | { kind: 'weekday' | 'month'; index: number; names: readonly string[] }
  | { kind: 'relative'; unit: RelativeUnit; value: number; format: Intl.RelativeTimeFormat }
  | {
      kind: 'count';
      value: number;
      capital: boolean;
      counts: CountWords;
      /** The number field this count states (its exemplar value is `base`), or moves with when another count states it. */
      bound?: { field: string; base: number };
    }
  | { kind: 'clock'; hour: number; minute: number; padded: boolean }
  | { kind: 'place'; text: string; places: readonly string[] }
  | { kind: 'date'; field: string; format: Intl.DateTimeFormat }
  | { kind: 'day-part'; text: string; phrases: readonly string[]; capital: boolean }
  | { kind: 'twelve-hour'; hour: number; suffix: string; space: string }
  | { kind: 'ordinal-day'; day: number }
  | { kind: 'email-domain' };

/** A clause of an exemplar sentence: its text with slot markers, and the separator that followed it. */
export interface Clause {
  body: string;
  separator: string;
  /** The body as literal text and slot indices, so a record fills it without a regular expression. */
  parts: ReadonlyArray<string | number>;
  words: number;
}

export interface Sentence {
  clauses: Clause[];
  /** The closing mark ('.', '?', '。') or '' when the sentence had none. */
  terminal: string;
}

/** An exemplar text cut into sentences and clauses, its entities replaced by slot markers. */
export interface TextSource {
  exemplarId: string;
  sentences: Sentence[];
  slots: Slot[];
  /** The exemplar's own text at each slot, to tell a shape that can only ever read as the exemplar. */
  originals: string[];
  /** Whether any slot changes with the record: such a source alone already varies between records. */
  varies: boolean;
}

/** What the template learner may know about an exemplar's entities: field name to the part of the entity. */
export interface EntityField {
  field: string;
  kind: 'field' | 'person' | 'organisation' | 'number' | 'date';
}

export const SLOT_START = '\u0001';
export const SLOT_END = '\u0002';
const WORD_CHAR = /[\p{L}\p{N}]/u;

function isSpaced(text: string): boolean {
  return !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u.test(text);
}

interface Occurrence {
  start: number;
  end: number;
  slot: Slot;
}

function occurrencesOf(text: string, needle: string, slot: Slot, spaced: boolean, into: Occurrence[]): void {
  if (needle.length < 2) return;
  let from = 0;
  for (;;) {
    const at = text.indexOf(needle, from);
    if (at < 0) return;
    from = at + needle.length;
    // In spaced scripts an entity is a whole word: "Mia" must not match inside "Miami".
    if (spaced && (WORD_CHAR.test(text.charAt(at - 1)) || WORD_CHAR.test(text.charAt(from)))) continue;
    into.push({ start: at, end: from, slot });
  }
}

function numberForms(value: number): Array<{ text: string; decimals: number; comma: boolean }> {
  const forms = new Map<string, { text: string; decimals: number; comma: boolean }>();
  const plain = String(value);
  const decimals = plain.includes('.') ? plain.split('.')[1]!.length : 0;
  for (const d of new Set([decimals, 2])) {
    const dot = value.toFixed(d);
    forms.set(dot, { text: dot, decimals: d, comma: false });
    if (d > 0) forms.set(dot.replace('.', ','), { text: dot.replace('.', ','), decimals: d, comma: true });
  }
  return [...forms.values()];
}

const FREE_NUMBER = /\d+(?:[.,]\d+)?/gu;
// A clock time (14:00, 9:30): another time of the same day part, not a quantity.
const CLOCK = /(?<![\d:.,])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])/gu;

/**
 * Counts written as words. A count equal to one of the exemplar's number fields states that field ("Six ans
 * d'expérience" of years_experience 6): it becomes the record's value, and the text's other counts move with it
 * ("dont trois comme chef de rang" stays below the years), so a text never contradicts its record's number.
 */
function countsOf(
  text: string,
  exemplar: RecordFields,
  entities: readonly EntityField[],
  counts: CountWords,
): Occurrence[] {
  const found = countsIn(text, counts);
  let bound: { field: string; base: number } | undefined;
  for (const c of found) {
    const stated = entities.find((e) => e.kind === 'number' && exemplar[e.field] === c.value);
    if (stated) {
      bound = { field: stated.field, base: c.value };
      break;
    }
  }
  return found.map((c) => ({
    start: c.start,
    end: c.end,
    slot: { kind: 'count', value: c.value, capital: c.capital, counts, ...(bound ? { bound } : {}) },
  }));
}

/** Entities of the exemplar itself, found in its text: names, organisations, products, amounts, places, ids. */
function findSlots(
  text: string,
  exemplar: RecordFields,
  entities: readonly EntityField[],
  calendar: Calendar,
): Occurrence[] {
  const spaced = isSpaced(text);
  const found: Occurrence[] = [];
  for (const { field, kind } of entities) {
    const value = exemplar[field];
    if (kind === 'number') {
      if (typeof value !== 'number') continue;
      for (const form of numberForms(value))
        occurrencesOf(
          text,
          form.text,
          { kind: 'number', field, decimals: form.decimals, comma: form.comma },
          true,
          found,
        );
      continue;
    }
    if (typeof value !== 'string' || value.trim() === '') continue;
    if (kind === 'date') {
      for (const format of dateFormatsOf(calendar)) {
        const written = formatDay(format, value);
        if (written) occurrencesOf(text, written, { kind: 'date', field, format }, spaced, found);
      }
      continue;
    }
    occurrencesOf(text, value, { kind: 'field', field }, spaced, found);
    const tokens = value.split(/\s+/).filter((t) => t.length >= 2);
    if (kind === 'person' && tokens.length >= 2) {
      occurrencesOf(text, tokens[0]!, { kind: 'given', field }, spaced, found);
      occurrencesOf(text, tokens[tokens.length - 1]!, { kind: 'family', field }, spaced, found);
    }
    const brand = tokens.find((w, i) => i < tokens.length - 1 && (w.length > 3 || /\p{Lu}{2}/u.test(w)));
    if (kind === 'organisation' && brand) occurrencesOf(text, brand, { kind: 'brand', field }, spaced, found);
  }
  for (const [names, kind] of [
    [calendar.weekdays, 'weekday'],
    [calendar.months, 'month'],
  ] as const) {
    names.forEach((name, index) =>
      occurrencesOf(text, name, { kind, index: index % (kind === 'weekday' ? 7 : 12), names }, spaced, found),
    );
  }
  for (const { text: phrase, unit, value } of calendar.relative) {
    const before = found.length;
    occurrencesOf(text, phrase, { kind: 'relative', unit, value, format: calendar.format }, spaced, found);
    // "la mañana" is the morning, not tomorrow: a relative time right after a short article stays as written.
    for (let i = found.length - 1; i >= before; i--)
      if (/(^|\s)\p{L}{1,2}\s$/u.test(text.slice(Math.max(0, found[i]!.start - 4), found[i]!.start)))
        found.splice(i, 1);
  }
  if (calendar.places && calendar.places.length > 1) {
    const before = found.length;
    for (const place of calendar.places)
      occurrencesOf(text, place, { kind: 'place', text: place, places: calendar.places }, spaced, found);
    // A town named like a word (Reading, Bath) is a place only mid-sentence, where its capital tells it apart.
    if (spaced)
      for (let i = found.length - 1; i >= before; i--)
        if (/(^|[.!?¡¿]\s*)$/u.test(text.slice(0, found[i]!.start))) found.splice(i, 1);
  }
  for (const phrase of calendar.dayParts) {
    const capital = phrase.charAt(0).toUpperCase() + phrase.slice(1);
    occurrencesOf(
      text,
      phrase,
      { kind: 'day-part', text: phrase, phrases: calendar.dayParts, capital: false },
      spaced,
      found,
    );
    if (capital !== phrase)
      occurrencesOf(
        text,
        capital,
        { kind: 'day-part', text: phrase, phrases: calendar.dayParts, capital: true },
        spaced,
        found,
      );
  }
  for (const o of ordinalDaysIn(text, calendar.format.resolvedOptions().locale))
    found.push({ start: o.start, end: o.end, slot: { kind: 'ordinal-day', day: o.day } });
  for (const t of twelveHoursIn(text))
    found.push({
      start: t.start,
      end: t.end,
      slot: { kind: 'twelve-hour', hour: t.hour, suffix: t.suffix, space: t.space },
    });
  if (calendar.counts) found.push(...countsOf(text, exemplar, entities, calendar.counts));
  for (const match of text.matchAll(/[\w.+-]+@([\w-]+\.)+[\w-]+/g)) {
    const at = match.index + match[0].indexOf('@') + 1;
    found.push({ start: at, end: match.index + match[0].length, slot: { kind: 'email-domain' } });
  }
  for (const match of text.matchAll(CLOCK)) {
    const slot: Slot = {
      kind: 'clock',
      hour: Number(match[1]),
      minute: Number(match[2]),
      padded: match[1]!.length === 2,
    };
    found.push({ start: match.index, end: match.index + match[0].length, slot });
  }
  for (const match of text.matchAll(FREE_NUMBER)) {
    const start = match.index;
    const end = start + match[0].length;
    // 3am, 1st, HbA1c, 14:00, a year: not quantities to vary.
    if (/[\p{L}:]/u.test(text.charAt(start - 1)) || /[\p{L}:]/u.test(text.charAt(end))) continue;
    const value = Number(match[0].replace(',', '.'));
    if (/^(19|20)\d\d$/.test(match[0]) || !Number.isFinite(value)) continue;
    const decimals = /[.,](\d+)$/.exec(match[0])?.[1]?.length ?? 0;
    found.push({ start, end, slot: { kind: 'free', value, text: match[0], decimals, comma: match[0].includes(',') } });
  }
  // Longest first, then earliest: "Maya Thompson" wins over "Maya"; overlaps lose.
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Occurrence[] = [];
  for (const o of found) if (!kept.some((k) => o.start < k.end && k.start < o.end)) kept.push(o);
  return kept.sort((a, b) => a.start - b.start);
}

export type RelativeUnit = 'day' | 'week' | 'month';

// How a text may write a day: 14 March, 14 March 2025, Friday 14 March, 14/03 (3月14日, 14. März, 14 mars).
const DAY_FORMATS: readonly Intl.DateTimeFormatOptions[] = [
  { day: 'numeric', month: 'long' },
  { day: 'numeric', month: 'long', year: 'numeric' },
  { weekday: 'long', day: 'numeric', month: 'long' },
  { day: 'numeric', month: 'short' },
  { day: '2-digit', month: '2-digit' },
];
const dayFormats = new Map<string, Intl.DateTimeFormat[]>();

function dateFormatsOf(calendar: Calendar): Intl.DateTimeFormat[] {
  const locale = calendar.format.resolvedOptions().locale;
  let found = dayFormats.get(locale);
  if (!found)
    dayFormats.set(
      locale,
      (found = DAY_FORMATS.map((o) => new Intl.DateTimeFormat(locale, { ...o, timeZone: 'UTC' }))),
    );
  return found;
}

/** A date or datetime value's day as `format` writes it; null for a value that is no date. */
export function formatDay(format: Intl.DateTimeFormat, value: string): string | null {
  const day = /^\d{4}-\d\d-\d\d/.exec(value)?.[0];
  const at = day ? Date.parse(`${day}T00:00:00Z`) : NaN;
  return Number.isFinite(at) ? format.format(at) : null;
}

/** Weekday and month names and relative times ("yesterday", "in 2 days", "明天") as the locale writes them. */
export interface Calendar {
  weekdays: readonly string[];
  months: readonly string[];
  relative: ReadonlyArray<{ text: string; unit: RelativeUnit; value: number }>;
  format: Intl.RelativeTimeFormat;
  /** Counts written as words in the locale's language, where they do not inflect. */
  counts: CountWords | null;
  /** Times of day in the locale's language that stand in one another's place (this morning, last night). */
  dayParts: readonly string[];
  /** Real places of the locale a text may name (a hub, a town): another one of them in each record. */
  places?: readonly string[];
}

const RELATIVE_SPANS: ReadonlyArray<[RelativeUnit, number]> = [
  ['day', 14],
  ['week', 4],
  ['month', 6],
];

export function calendarOf(locale: string): Calendar {
  const names = (options: Intl.DateTimeFormatOptions, count: number, day: (i: number) => Date) =>
    Array.from({ length: count }, (_, i) =>
      new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(day(i)),
    );
  // 2024-01-07 is a Sunday.
  const weekday = (i: number) => new Date(Date.UTC(2024, 0, 7 + i));
  const month = (i: number) => new Date(Date.UTC(2024, i, 15));
  const long = names({ weekday: 'long' }, 7, weekday);
  const months = names({ month: 'long' }, 12, month);
  // Short forms are too short to be told from ordinary words in most scripts ("Mar", "So"); only long forms count.
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const relative = RELATIVE_SPANS.flatMap(([unit, span]) =>
    Array.from({ length: 2 * span + 1 }, (_, i) => i - span)
      .filter((value) => value !== 0)
      .map((value) => ({ text: format.format(value, unit), unit, value })),
  );
  return { weekdays: long, months, relative, format, counts: countWordsOf(locale), dayParts: dayPartsOf(locale) };
}

const SENTENCE_END = /([.!?。！？]+)(\s+|$)/gu;
// Commas and colons between digits (38,7 °C, 14:00) are part of a number, not a clause break.
const CLAUSE_BREAK = /(\s*(?:[;—–，；、]|(?<!\d)[,:]|[,:](?!\d))\s*|\s+[—–-]\s+)/u;

function cut(template: string): Sentence[] {
  const sentences: Sentence[] = [];
  let from = 0;
  for (const match of template.matchAll(SENTENCE_END)) {
    const body = template.slice(from, match.index).trim();
    from = match.index + match[0].length;
    if (body) sentences.push({ clauses: clausesOf(body), terminal: match[1]! });
  }
  const rest = template.slice(from).trim();
  if (rest) sentences.push({ clauses: clausesOf(rest), terminal: '' });
  return sentences;
}

const MARKER = new RegExp(`${SLOT_START}(\\d+)${SLOT_END}`, 'g');

/** A clause body cut at its slot markers: literal text and slot indices in turn. */
export function partsOf(body: string): Array<string | number> {
  const parts: Array<string | number> = [];
  let from = 0;
  for (const m of body.matchAll(MARKER)) {
    if (m.index > from) parts.push(body.slice(from, m.index));
    parts.push(Number(m[1]));
    from = m.index + m[0].length;
  }
  if (from < body.length) parts.push(body.slice(from));
  return parts;
}

function clauseOf(body: string, separator: string): Clause {
  return { body, separator, parts: partsOf(body), words: body.split(/\s+/).length };
}

function clausesOf(body: string): Clause[] {
  const pieces = body.split(CLAUSE_BREAK);
  const found: Array<{ body: string; separator: string }> = [];
  for (let i = 0; i < pieces.length; i += 2) {
    const text = pieces[i]!.trim();
    if (text) found.push({ body: text, separator: pieces[i + 1] ?? '' });
    else if (found.length > 0) found[found.length - 1]!.separator += pieces[i + 1] ?? '';
  }
  return found.map((c) => clauseOf(c.body, c.separator));
}

/** An exemplar text as a reusable source: entities become slots, the rest is cut into sentences and clauses. */
export function learnTextSource(
  exemplarId: string,
  text: string,
  exemplar: RecordFields,
  entities: readonly EntityField[],
  calendar: Calendar,
): TextSource {
  const occurrences = findSlots(text, exemplar, entities, calendar);
  let template = '';
  let from = 0;
  const slots: Slot[] = [];
  const originals: string[] = [];
  for (const o of occurrences) {
    template += text.slice(from, o.start) + SLOT_START + slots.length + SLOT_END;
    slots.push(o.slot);
    originals.push(text.slice(o.start, o.end));
    from = o.end;
  }
  template += text.slice(from);
  return {
    exemplarId,
    sentences: cut(template),
    slots,
    originals,
    varies: slots.some((s) => s.kind !== 'email-domain'),
  };
}
