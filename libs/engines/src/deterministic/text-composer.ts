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

/** One sentence of a new text: whole clauses of one or two exemplar sentences, closed with a mark. */
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
/** A tail borrowed from another sentence is a whole clause of some length ("the other two are fine"). */
const MIN_TAIL_WORDS = 3;

function wordsIn(clauses: readonly Clause[]): number {
  let n = 0;
  for (const c of clauses) n += c.words;
  return n;
}

/** The tails another exemplar sentence can lend: its clauses from the second one on, long enough to stand. */
function tailsOf(sentences: readonly Sentence[]): Array<{ sentence: Sentence; from: number }> {
  const tails: Array<{ sentence: Sentence; from: number }> = [];
  for (const sentence of sentences)
    for (let from = 1; from < sentence.clauses.length; from++)
      if (wordsIn(sentence.clauses.slice(from)) >= MIN_TAIL_WORDS) tails.push({ sentence, from });
  return tails;
}

interface Lender {
  source: TextSource;
  sentence: Sentence;
  from: number;
}

function pieceOf(
  source: TextSource,
  sentence: Sentence,
  random: SeededRandom,
  o: ComposeOptions,
  lenders: readonly Lender[],
): Piece {
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
  let terminal = sentence.terminal;
  // A cut sentence may go on with another exemplar's closing clauses, joined where the cut one was.
  const joint = sentence.clauses[keep - 1]!.separator;
  const lender =
    keep < sentence.clauses.length && lenders.length > 0 && random.chance(0.5) ? random.pick(lenders) : null;
  if (lender && lender.sentence !== sentence && joint.trim() !== '') {
    placed[placed.length - 1]!.separator = joint;
    lender.sentence.clauses
      .slice(lender.from)
      .forEach((clause, i, tail) =>
        placed.push({ source: lender.source, clause, separator: i < tail.length - 1 ? clause.separator : '' }),
      );
    terminal = lender.sentence.terminal;
  } else if (keep < sentence.clauses.length) terminal = sentence.terminal === '?' ? '.' : sentence.terminal;
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
  lenders: readonly Lender[],
): Piece[] {
  const own = sentencesOf(anchor);
  const pieces: Piece[] = [];
  const start = own.length > 1 && random.chance(0.3) ? random.int(1, own.length - 1) : 0;
  const count = own.length - start > 1 && random.chance(0.6) ? 2 : 1;
  for (const sentence of own.slice(start, start + count)) pieces.push(pieceOf(anchor, sentence, random, o, lenders));
  const used = new Set<TextSource>([anchor]);
  for (let i = 0; i < extra; i++) {
    const other = random.pick(others);
    if (used.has(other)) continue;
    used.add(other);
    const sentences = sentencesOf(other);
    if (sentences.length === 0) continue;
    pieces.push(pieceOf(other, random.pick(sentences), random, o, lenders));
  }
  // The borrowed sentence goes first now and then, so the anchor's opening is not every text's opening.
  if (pieces.length > 1 && random.chance(0.3)) pieces.push(pieces.shift()!);
  return pieces;
}

/** Closing clauses the subchapter's texts can lend to a cut sentence (texts written without spaces lend none). */
export function lendersOf(sources: readonly TextSource[], o: ComposeOptions): Lender[] {
  if (o.sentenceGap === '') return [];
  return sources.flatMap((source) => tailsOf(sentencesOf(source)).map((t) => ({ source, ...t })));
}

/**
 * New texts for a record: the anchor exemplar text with the record's entities in its slots, whole or cut
 * after a clause (and then perhaps closed with another exemplar's last clauses), alone or with a sentence or
 * two of other exemplars of the same subchapter and language. The caller keeps the first one that is not an
 * exemplar in disguise and fits the field.
 */
export function* composeTexts(
  anchor: TextSource,
  others: readonly TextSource[],
  filler: SlotFiller,
  random: SeededRandom,
  options: ComposeOptions,
  attempts = 6,
  lenders: readonly Lender[] = [],
): Generator<string> {
  for (let i = 0; i < attempts; i++) {
    // Mostly the anchor alone or with one borrowed sentence: records of one subchapter must not all read alike.
    const extra = others.length === 0 ? 0 : random.weighted([0, 1, 2], [0.45, 0.45, 0.1]);
    const text = render(plan(anchor, others, extra, random, options, lenders), filler, options);
    if (text) yield text;
  }
}
