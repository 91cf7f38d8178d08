import type { RecordField } from '@vs/contracts';
import { CopyGuard } from './copy-guard';
import { boundWordsOf, mayBorrow, valueWordsOf } from './entity-binding';
import { localeData } from './locale-data';
import type { ExemplarPools, PooledExemplar } from './exemplar-pools';
import { isString } from './exemplar-pools';
import type { FieldRole } from './field-roles';
import type { RecordDraft } from './record-draft';
import { fillerFor } from './slot-filler';
import { RECORD_VALUE_SPREAD, recordFieldOf, slotChoicesOf, type SlotChoices } from './slot-choices';
import { halfOf, shareOf } from './shared-fillings';
import { render, type ComposeOptions } from './text-composer';
import { canDiffer, shapesOf, type TextShape } from './text-shapes';
import { calendarOf, learnTextSource, type EntityField, type Slot, type TextSource } from './text-template';
import { VariantSequence } from './variant-sequence';

/** What a text field learnt from its exemplars: sources to rebuild text from and the copies to avoid. */
export interface TextFieldPlan {
  /** Sources of the pack's own subchapter and locale, by exemplar id. */
  own: Map<string, TextSource>;
  primary: TextSource[];
  wider: TextSource[];
  guard: CopyGuard;
  /** Names and brands of every exemplar: none may appear in a record unless it is the record's own. */
  foreign: RegExp | null;
  options: ComposeOptions;
  minLength: number;
  maxLength: number;
  required: boolean;
  /** Whose sex each source's person has: a woman's sentence (работала) is not borrowed into a man's text. */
  sexes: ReadonlyMap<string, 'female' | 'male' | null>;
  /** Sources whose sentences fit a text of either sex: see SEX_WORDS. */
  neutral: ReadonlySet<string>;
  /** Each exemplar's own things (product, hotel…), and which of them its text names: see entity-binding. */
  valueWords: ReadonlyMap<string, ReadonlySet<string>>;
  bound: ReadonlyMap<string, ReadonlySet<string>>;
  /** How many values a record slot takes across records: see recordSpread. */
  spreadOf: (slot: Slot) => number;
}

/**
 * How many values records give a slot bound to their own field: a town one of the locale's towns, a country
 * one, a small count about twice its exemplar value (numbers are drawn near it); names, amounts and dates
 * vary past any text's need.
 */
function spreadsOf(roles: ReadonlyMap<string, FieldRole>, locale: string): (slot: Slot) => number {
  const cities = localeData(locale).cities;
  const regions = new Set(cities.map((c) => c.region)).size;
  return (slot) => {
    const field = recordFieldOf(slot);
    const role = field === null ? null : roles.get(field);
    if (role === 'address.city' && cities.length > 0) return cities.length;
    if (role === 'address.region' && regions > 0) return regions;
    if (role === 'address.country') return 1;
    if (slot.kind === 'count' && slot.bound) return Math.max(2, Math.round(2 * slot.bound.base));
    return RECORD_VALUE_SPREAD;
  };
}

const NEVER = /(?!)/u;

/**
 * Languages whose verbs and adjectives do not agree with a person's sex: a sentence there tells it only by one of
 * these words (a pronoun, a title), and a sentence without one fits a man's text and a woman's alike. Languages
 * not listed (ru работала, fr habituée, es la destinataria, de Kundin) keep sentences to their exemplar's sex.
 */
const SEX_WORDS: Readonly<Record<string, RegExp>> = {
  en: /\b(he|she|him|her|his|hers|himself|herself|mr|mrs|ms|miss|sir|madam)\b/iu,
  ja: /彼|奥様|ご主人|さん/u,
  zh: /他|她|先生|女士|小姐/u,
  ko: /그녀|그는|그가|씨/u,
  tr: /\b(bay|bayan|hanım|bey)\b/iu,
  fi: NEVER,
  hu: NEVER,
  et: NEVER,
  id: /\b(bapak|ibu|pak|bu)\b/iu,
  ms: /\b(encik|puan|cik)\b/iu,
  th: /นาย|นาง|คุณ/u,
  vi: /\b(anh|chị|ông|bà)\b/iu,
};

/** Exemplars whose text names nobody's sex, in a language where only a word of SEX_WORDS would. */
function sexNeutral(lang: string, sources: readonly TextSource[]): Set<string> {
  const words = SEX_WORDS[lang];
  if (!words) return new Set();
  const said = (s: TextSource) => s.sentences.some((x) => x.clauses.some((c) => words.test(c.body)));
  return new Set(sources.filter((s) => !said(s)).map((s) => s.exemplarId));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function entityFieldsOf(
  fields: readonly RecordField[],
  roles: ReadonlyMap<string, FieldRole>,
  self: string,
): EntityField[] {
  return fields
    .filter((f) => f.name !== self)
    .flatMap((f): EntityField[] => {
      const role = roles.get(f.name)!;
      if (role === 'number') return [{ field: f.name, kind: 'number' }];
      if (role === 'person.full') return [{ field: f.name, kind: 'person' }];
      if (role === 'organisation') return [{ field: f.name, kind: 'organisation' }];
      if (role === 'text' || role === 'boolean' || role === 'categorical' || role === 'currency') return [];
      // A text that writes its record's own date (arriving on 14 March) writes the record's date there.
      if (role === 'time' || role === 'birthdate') return [{ field: f.name, kind: 'date' }];
      return [{ field: f.name, kind: 'field' }];
    });
}

function foreignEntities(pool: readonly PooledExemplar[], entities: readonly EntityField[]): RegExp | null {
  const words = new Set<string>();
  for (const e of pool) {
    for (const { field, kind } of entities) {
      const value = e.record[field];
      if (typeof value !== 'string') continue;
      const tokens = value.split(/\s+/);
      if (kind === 'person') tokens.filter((t) => t.length >= 3).forEach((t) => words.add(t));
      const brand = tokens.find((w, i) => i < tokens.length - 1 && w.length > 3);
      if (kind === 'organisation' && brand) words.add(brand);
    }
  }
  if (words.size === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(${[...words].map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}

/** The foreign-name pattern, or null when no source sentence holds such a name outside its slots (the usual case). */
function foreignIn(sources: readonly TextSource[], pattern: RegExp | null): RegExp | null {
  if (!pattern) return null;
  const bodies = sources.flatMap((s) => s.sentences.flatMap((x) => x.clauses.map((c) => c.body)));
  return bodies.some((b) => {
    pattern.lastIndex = 0;
    return pattern.test(b);
  })
    ? pattern
    : null;
}

export function planTextField(
  field: RecordField,
  fields: readonly RecordField[],
  roles: ReadonlyMap<string, FieldRole>,
  pools: ExemplarPools,
  locale: string,
  sexes: ReadonlyMap<string, 'female' | 'male' | null> = new Map(),
): TextFieldPlan {
  const entities = entityFieldsOf(fields, roles, field.name);
  const calendar = { ...calendarOf(locale), places: localeData(locale).shortCityNames };
  const sourceOf = (e: PooledExemplar) => {
    const text = e.record[field.name];
    return isString(text) ? learnTextSource(e.id, text, e.record, entities, calendar) : null;
  };
  const sources = (pool: readonly PooledExemplar[]) => pool.map(sourceOf).filter((s): s is TextSource => s !== null);
  const own = new Map(sources(pools.subchapterLocalAll).map((s) => [s.exemplarId, s]));
  // Text stays in the locale's language: the locale's own texts, else the same language's, never another's.
  const chapter = sources(pools.chapterLocal.filter((e) => !own.has(e.id)));
  const revision = sources(pools.revisionLocal.filter((e) => !own.has(e.id)));
  const language = sources(pools.revisionLanguage);
  const primary =
    own.size > 0 ? [...own.values()] : chapter.length > 0 ? chapter : revision.length > 0 ? revision : language;
  // Sentences of another subchapter tell another story (a broken vase and a stuck parcel): borrowed from the
  // chapter only as a last resort, for a required text that cannot be written otherwise.
  const wider = (chapter.length > 0 ? chapter : revision).filter((s) => !primary.includes(s));
  const allTexts = pools.revisionAll.map((e) => e.record[field.name]).filter(isString);
  const spaceless =
    primary.length > 0 && primary.every((s) => s.sentences.every((x) => x.clauses.every((c) => !/\s/.test(c.body))));
  const lang = locale.split(/[-_]/)[0]!.toLowerCase();
  const valueWords = new Map<string, Set<string>>();
  for (const pool of [pools.subchapterLocalAll, pools.chapterLocal, pools.revisionLocal, pools.revisionLanguage])
    for (const e of pool) if (!valueWords.has(e.id)) valueWords.set(e.id, valueWordsOf(e.record, entities));
  const bound = new Map<string, Set<string>>();
  for (const s of [...own.values(), ...chapter, ...revision, ...language])
    if (!bound.has(s.exemplarId)) bound.set(s.exemplarId, boundWordsOf(s, valueWords.get(s.exemplarId) ?? new Set()));
  return {
    own,
    primary,
    wider: wider.length > 0 ? wider : language.filter((s) => !primary.some((p) => p.exemplarId === s.exemplarId)),
    guard: new CopyGuard(allTexts, locale),
    foreign: foreignIn([...primary, ...wider], foreignEntities(pools.revisionAll, entities)),
    options: {
      lowerCaseMidSentence: lang !== 'de',
      sentenceGap: spaceless ? '' : ' ',
      fullStop: spaceless ? '。' : '.',
    },
    minLength: Math.max(field.constraints.min_length ?? 1, 1),
    maxLength: field.constraints.max_length ?? 2000,
    required: field.required,
    sexes,
    neutral: sexNeutral(lang, [...own.values(), ...chapter, ...revision, ...language]),
    valueWords,
    bound,
    spreadOf: spreadsOf(roles, locale),
  };
}

function ownEntities(draft: RecordDraft): Set<string> {
  const own = new Set<string>();
  for (const v of Object.values(draft.values)) if (typeof v === 'string') v.split(/\s+/).forEach((t) => own.add(t));
  for (const p of draft.people.values()) [p.given, p.family].forEach((t) => own.add(t));
  return own;
}

function namesAnother(plan: TextFieldPlan, text: string, draft: RecordDraft): boolean {
  if (!plan.foreign) return false;
  plan.foreign.lastIndex = 0;
  const matches = text.match(plan.foreign);
  if (!matches) return false;
  const own = ownEntities(draft);
  return matches.some((m) => !own.has(m));
}

/** What a record following one anchor text may become, worked out once per anchor. */
interface AnchorPlan {
  stuck: boolean;
  /** The sources each round borrows sentences from: the subchapter's, then the chapter's of the same sex, then any. */
  rounds: [TextSource[], TextSource[], TextSource[]];
  /** Each round's texts, numbered: built the first time a record needs them. */
  variants: Array<AnchorVariants | undefined>;
}

interface AnchorVariants {
  shapes: TextShape[];
  choices: SlotChoices[];
  sequence: VariantSequence | null;
}

function anchorPlan(plan: TextFieldPlan, anchor: TextSource): AnchorPlan {
  const sex = plan.sexes.get(anchor.exemplarId) ?? null;
  const sameSex = (s: TextSource) =>
    sex === null ||
    plan.neutral.has(s.exemplarId) ||
    (plan.sexes.get(s.exemplarId) ?? null) !== (sex === 'female' ? 'male' : 'female');
  const anchorWords = plan.valueWords.get(anchor.exemplarId) ?? new Set<string>();
  // A sentence about another exemplar's thing (its mugs, its hotel) would contradict this record's own.
  const fits = (s: TextSource) => sameSex(s) && mayBorrow(plan.bound.get(s.exemplarId) ?? new Set(), anchorWords);
  const primaryOthers = plan.primary.filter((s) => s !== anchor && fits(s));
  // An anchor with nothing to vary (no slot, one clause) and no sibling text can only be rewritten by borrowing.
  const stuck =
    primaryOthers.length === 0 &&
    !anchor.varies &&
    anchor.sentences.every((x) => x.clauses.length < 2) &&
    anchor.sentences.length < 2;
  return {
    stuck,
    rounds: [
      primaryOthers,
      [...primaryOthers, ...plan.wider.filter(fits)],
      [...plan.primary.filter((s) => s !== anchor), ...plan.wider],
    ],
    variants: [],
  };
}

function variantsOf(plan: TextFieldPlan, anchor: TextSource, ap: AnchorPlan, round: number): AnchorVariants {
  let found = ap.variants[round];
  if (!found) {
    // Only anchors that may borrow this one's sentences write its shapes the other way round.
    const anchors = new Set(
      [...plan.own.values()].filter((s) => s === anchor || anchorPlanOf(plan, s).rounds[0].includes(anchor)),
    );
    const shapes: TextShape[] = [];
    const choices: SlotChoices[] = [];
    for (const shape of shapesOf(anchor, ap.rounds[round as 0 | 1 | 2], plan.options)) {
      if (!canDiffer(shape, plan.options, (t) => plan.guard.isCopy(t))) continue;
      const all = slotChoicesOf(shape.slots, plan.spreadOf);
      const part = shareOf(shape, anchor, anchors);
      const own = part === null ? all : halfOf(all, part);
      if (own.size === 0) continue;
      shapes.push(shape);
      choices.push(own);
    }
    const sequence = shapes.length > 0 ? new VariantSequence(choices.map((c) => c.size)) : null;
    ap.variants[round] = found = { shapes, choices, sequence };
  }
  return found;
}

const anchorPlans = new WeakMap<TextSource, WeakMap<TextFieldPlan, AnchorPlan>>();

function anchorPlanOf(plan: TextFieldPlan, anchor: TextSource): AnchorPlan {
  let byPlan = anchorPlans.get(anchor);
  if (!byPlan) anchorPlans.set(anchor, (byPlan = new WeakMap()));
  let found = byPlan.get(plan);
  if (!found) byPlan.set(plan, (found = anchorPlan(plan, anchor)));
  return found;
}

/** The text of one variant, or null when it is refused (too long, a copy, another's name, a slot left empty). */
function accepted(
  plan: TextFieldPlan,
  draft: RecordDraft,
  { shapes, choices }: AnchorVariants,
  at: { shape: number; filling: number },
  loose: boolean,
): string | null {
  const filler = fillerFor(draft, choices[at.shape]!.choose(at.filling), loose);
  const text = render(shapes[at.shape]!.pieces, filler, plan.options);
  if (text === null || text.length < plan.minLength || text.length > plan.maxLength) return null;
  return plan.guard.isCopy(text) || namesAnother(plan, text, draft) ? null : text;
}

function written(plan: TextFieldPlan, draft: RecordDraft, anchor: TextSource, loose: boolean): string | null {
  const ap = anchorPlanOf(plan, anchor);
  for (let round = 0; round < 3; round++) {
    // The subchapter's own texts; an optional text that cannot be written from them is left out instead. A
    // required one borrows from the chapter, of the same sex first, then from anyone rather than not at all.
    if (round === 1 && !plan.required) return null;
    const variants = variantsOf(plan, anchor, ap, round);
    const { sequence } = variants;
    if (!sequence) continue;
    // A stuck anchor is tried once as it stands: a slot it has (an email's domain) may still make it the record's own.
    const attempts = Math.min(sequence.size, round > 0 ? 6 : ap.stuck ? 1 : 8);
    for (let k = 0; k < attempts; k++) {
      // A refused variant gives way to one far along the sequence, which a neighbouring record is unlikely to hold.
      const at = sequence.at(draft.variant + Math.floor((k * sequence.size) / attempts));
      const text = accepted(plan, draft, variants, at, loose);
      if (text !== null) return text;
    }
  }
  return null;
}

/**
 * A text for the record rebuilt from exemplar texts; null when no source fits. The record's variant number
 * picks its (shape, filling) pair, so records of one anchor get different texts until the pairs run out.
 */
export function drawText(plan: TextFieldPlan, draft: RecordDraft): string | null {
  if (plan.primary.length === 0) return null;
  const anchor = plan.own.get(draft.anchor.id) ?? plan.primary[draft.variant % plan.primary.length]!;
  // A required text whose every variant states a count the record's number cannot be written as (one year)
  // writes the nearest count rather than nothing.
  return written(plan, draft, anchor, false) ?? (plan.required ? written(plan, draft, anchor, true) : null);
}
