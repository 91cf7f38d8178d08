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
export interface Placed {
  source: TextSource;
  clause: Clause;
  separator: string;
}

/** One sentence of a new text: the leading clauses of one exemplar sentence, closed with a mark. */
export interface Piece {
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

const MIN_CUT_WORDS = 5;
function wordsIn(clauses: readonly Clause[]): number {
  let n = 0;
  for (const c of clauses) n += c.words;
  return n;
}

function pieceOf(source: TextSource, sentence: Sentence, keep: number, o: ComposeOptions): Piece {
  const placed: Placed[] = sentence.clauses.slice(0, keep).map((clause, i) => ({
    source,
    clause,
    separator: i < keep - 1 ? clause.separator : '',
  }));
  const terminal =
    keep < sentence.clauses.length ? (sentence.terminal === '?' ? '.' : sentence.terminal) : sentence.terminal;
  return { clauses: placed, end: terminal || o.fullStop };
}

/**
 * A sentence of `source`, whole and cut after each of its clauses whose head can stand alone ("Die Vase war
 * in Scherben" of "Die Vase war in Scherben, Fotos habe ich gemacht."): cutting keeps grammar, a clause never
 * stands alone mid-way through another sentence.
 */
export function cutsOf(source: TextSource, sentence: Sentence, o: ComposeOptions): Piece[] {
  const pieces = [pieceOf(source, sentence, sentence.clauses.length, o)];
  // Japanese and Chinese clauses before a comma are mostly subordinate (…ですが、…ため、): only whole sentences there.
  if (o.sentenceGap === '') return pieces;
  for (let keep = 1; keep < sentence.clauses.length; keep++)
    // A head of fewer than five words rarely stands alone ("I am in Ohio.").
    if (wordsIn(sentence.clauses.slice(0, keep)) >= MIN_CUT_WORDS) pieces.push(pieceOf(source, sentence, keep, o));
  return pieces;
}

export function sentencesOf(source: TextSource): Sentence[] {
  return source.sentences.filter((s) => s.clauses.length > 0);
}

/** The pieces written one after another, their slots filled; null when a slot has no value for the record. */
export function render(pieces: readonly Piece[], filler: SlotFiller, o: ComposeOptions): string | null {
  let text = '';
  for (let i = 0; i < pieces.length; i++) {
    const filled = fill(pieces[i]!, filler, i > 0);
    if (filled === null) return null;
    // A sentence ending in a value that closes with the mark itself (… S.A.) takes no second one.
    const end = pieces[i]!.end;
    text += (i > 0 ? o.sentenceGap : '') + filled + (filled.endsWith(end) ? '' : end);
  }
  return text.includes('  ') ? text.replace(/\s{2,}/g, ' ').trim() : text.trim();
}
