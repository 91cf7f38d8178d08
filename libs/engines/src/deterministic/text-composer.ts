import type { SeededRandom } from './seeded-random';
import type { Clause, Sentence, Slot, TextSource } from './text-template';

/** Fills one slot with the record's own value; null when the record has nothing to put there. */
export type SlotFiller = (slot: Slot) => string | null;

export interface ComposeOptions {
  /** Languages that capitalise nouns (de) keep a clause's first letter as it is when it moves. */
  lowerCaseMidSentence: boolean;
  /** The space between sentences: '' in scripts written without spaces. */
  sentenceGap: string;
  /** The full stop of the language, for a sentence the exemplar left without one. */
  fullStop: string;
}

/** A clause placed in a new sentence: whose slots it reads and what follows it there. */
interface Placed {
  source: TextSource;
  clause: Clause;
  separator: string;
}

/** One sentence of a new text: the leading clauses of one exemplar sentence, closed with a mark. */
interface Piece {
  clauses: Placed[];
  end: string;
}

function fill(piece: Piece, filler: SlotFiller, start: boolean): string | null {
  let text = '';
  for (const { source, clause, separator } of piece.clauses) {
    for (const part of clause.parts) {
      if (typeof part === 'number') {
        const value = filler(source.slots[part]!);
        if (value === null) return null;
        text += value;
      } else text += start && text === '' ? part.charAt(0).toUpperCase() + part.slice(1) : part;
    }
    text += separator;
  }
  return text;
}

/**
 * A sentence of `source`, whole or cut after one of its clauses ("Die Vase war in Scherben" of
 * "Die Vase war in Scherben, Fotos habe ich gemacht."): cutting keeps grammar, a clause never stands alone
 * mid-way through another sentence.
 */
const MIN_CUT_WORDS = 5;
function wordsIn(clauses: readonly Clause[]): number {
  let n = 0;
  for (const c of clauses) n += c.words;
  return n;
}

function pieceOf(source: TextSource, sentence: Sentence, random: SeededRandom, o: ComposeOptions): Piece {
  // Japanese and Chinese clauses before a comma are mostly subordinate (…ですが、…ため、): only whole sentences there.
  const cuttable = sentence.clauses.length > 1 && o.sentenceGap !== '';
  let keep = cuttable && random.chance(0.4) ? random.int(1, sentence.clauses.length - 1) : sentence.clauses.length;
  // A head of fewer than five words rarely stands alone ("I am in Ohio."): keep the sentence whole then.
  if (wordsIn(sentence.clauses.slice(0, keep)) < MIN_CUT_WORDS) keep = sentence.clauses.length;
  const placed: Placed[] = sentence.clauses.slice(0, keep).map((clause, i) => ({
    source,
    clause,
    separator: i < keep - 1 ? clause.separator : '',
  }));
  const terminal =
    keep < sentence.clauses.length ? (sentence.terminal === '?' ? '.' : sentence.terminal) : sentence.terminal;
  return { clauses: placed, end: terminal || o.fullStop };
}

function render(pieces: readonly Piece[], filler: SlotFiller, o: ComposeOptions): string | null {
  let text = '';
  for (let i = 0; i < pieces.length; i++) {
    const filled = fill(pieces[i]!, filler, i > 0);
    if (filled === null) return null;
    text += (i > 0 ? o.sentenceGap : '') + filled + pieces[i]!.end;
  }
  return text.includes('  ') ? text.replace(/\s{2,}/g, ' ').trim() : text.trim();
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
 * Clauses never move between sentences: a closing clause often hangs on its own sentence (dont trois…, das war
 * ich nicht). The caller keeps the first one that is not an exemplar in disguise and fits the field.
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
