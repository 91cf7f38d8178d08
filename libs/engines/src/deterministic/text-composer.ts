import type { SeededRandom } from './seeded-random';
import { SLOT_END, SLOT_START, type Sentence, type Slot, type TextSource } from './text-template';

/** Fills one slot with the record's own value; null when the record has nothing to put there. */
export type SlotFiller = (slot: Slot) => string | null;

const MARKER = new RegExp(`${SLOT_START}(\\d+)${SLOT_END}`, 'g');

export interface ComposeOptions {
  /** Languages that capitalise nouns (de) keep a clause's first letter as it is when it moves. */
  lowerCaseMidSentence: boolean;
  /** The space between sentences: '' in scripts written without spaces. */
  sentenceGap: string;
  /** The full stop of the language, for a sentence the exemplar left without one. */
  fullStop: string;
}

/** One sentence of a new text: some leading clauses of an exemplar sentence, closed with its mark. */
interface Piece {
  source: TextSource;
  body: string;
  end: string;
}

function fill(piece: Piece, filler: SlotFiller): string | null {
  let missing = false;
  const text = piece.body.replace(MARKER, (_, index: string) => {
    const value = filler(piece.source.slots[Number(index)]!);
    if (value === null) missing = true;
    return value ?? '';
  });
  return missing ? null : text;
}

function asStart(text: string): string {
  return text.startsWith(SLOT_START) ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A sentence of `source`, whole or cut after one of its clauses ("Die Vase war in Scherben" of
 * "Die Vase war in Scherben, Fotos habe ich gemacht."): cutting keeps grammar, a clause never stands alone
 * mid-way through another sentence.
 */
const MIN_CUT_WORDS = 5;

function pieceOf(source: TextSource, sentence: Sentence, random: SeededRandom, o: ComposeOptions): Piece {
  // Japanese and Chinese clauses before a comma are mostly subordinate (…ですが、…ため、): only whole sentences there.
  const cuttable = sentence.clauses.length > 1 && o.sentenceGap !== '';
  let keep = cuttable && random.chance(0.4) ? random.int(1, sentence.clauses.length - 1) : sentence.clauses.length;
  // A head of fewer than five words rarely stands alone ("I am in Ohio."): keep the sentence whole then.
  const words = sentence.clauses.slice(0, keep).reduce((n, c) => n + c.body.split(/\s+/).length, 0);
  if (words < MIN_CUT_WORDS) keep = sentence.clauses.length;
  const clauses = sentence.clauses.slice(0, keep);
  const body = clauses.map((c, i) => c.body + (i < clauses.length - 1 ? c.separator : '')).join('');
  const end =
    keep < sentence.clauses.length
      ? (sentence.terminal === '?' ? '.' : sentence.terminal) || o.fullStop
      : sentence.terminal;
  return { source, body, end: end || o.fullStop };
}

function render(pieces: readonly Piece[], filler: SlotFiller, o: ComposeOptions): string | null {
  let text = '';
  for (const [i, piece] of pieces.entries()) {
    const filled = fill(piece, filler);
    if (filled === null) return null;
    text += (i > 0 ? o.sentenceGap : '') + (i > 0 ? asStart(filled) : filled) + piece.end;
  }
  return text.replace(/\s{2,}/g, ' ').trim();
}

function sentencesOf(source: TextSource): Sentence[] {
  return source.sentences.filter((s) => s.clauses.length > 0);
}

/** A new text: one or two sentences of the anchor (whole or cut), then up to two sentences of other exemplars. */
function plan(
  anchor: TextSource,
  others: readonly TextSource[],
  extra: number,
  random: SeededRandom,
  o: ComposeOptions,
): Piece[] {
  const own = sentencesOf(anchor);
  const pieces: Piece[] = [];
  const start = own.length > 1 && random.chance(0.3) ? random.int(1, own.length - 1) : 0;
  const count = own.length - start > 1 && random.chance(0.6) ? 2 : 1;
  for (const sentence of own.slice(start, start + count)) pieces.push(pieceOf(anchor, sentence, random, o));
  const used = new Set<TextSource>([anchor]);
  for (let i = 0; i < extra; i++) {
    const other = random.pick(others);
    if (used.has(other)) continue;
    used.add(other);
    const sentences = sentencesOf(other);
    if (sentences.length === 0) continue;
    pieces.push(pieceOf(other, random.pick(sentences), random, o));
  }
  // The borrowed sentence goes first now and then, so the anchor's opening is not every text's opening.
  if (pieces.length > 1 && random.chance(0.3)) pieces.push(pieces.shift()!);
  return pieces;
}

/**
 * New texts for a record: the anchor exemplar text with the record's entities in its slots, whole or cut
 * after a clause, alone or with a sentence or two of other exemplars of the same subchapter and language.
 * The caller keeps the first one that is not an exemplar in disguise and fits the field.
 */
export function* composeTexts(
  anchor: TextSource,
  others: readonly TextSource[],
  filler: SlotFiller,
  random: SeededRandom,
  options: ComposeOptions,
  attempts = 6,
): Generator<string> {
  for (let i = 0; i < attempts; i++) {
    // Mostly the anchor alone or with one borrowed sentence: records of one subchapter must not all read alike.
    const extra = others.length === 0 ? 0 : random.weighted([0, 1, 2], [0.45, 0.45, 0.1]);
    const text = render(plan(anchor, others, extra, random, options), filler, options);
    if (text) yield text;
  }
}
