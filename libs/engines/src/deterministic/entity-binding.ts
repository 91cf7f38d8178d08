import type { RecordFields } from '@vs/contracts';
import type { EntityField, TextSource } from './text-template';

/**
 * Which of an exemplar's own things (its product, hotel, position…) its text talks about. "Two mugs have chips
 * on the rim" belongs to the order of a mug: borrowed into a bookshelf order it contradicts the record. A
 * sentence may only be borrowed by an anchor whose own values hold every thing the sentence names.
 */
const WORD = /\p{L}+/gu;

function wordsOf(text: string): string[] {
  return (text.toLocaleLowerCase().match(WORD) ?? []).filter((w) => w.length >= 3);
}

/** The same word, give or take an ending (mug, mugs; Vase, Vasen), never a mere shared start (the, thermos). */
function sameStem(textWord: string, valueWord: string): boolean {
  const [short, long] = textWord.length <= valueWord.length ? [textWord, valueWord] : [valueWord, textWord];
  return long.startsWith(short) && long.length - short.length <= 2 && (short === valueWord || short.length >= 4);
}

/** The words of a record's entity values: the fields the text learner treats as the record's own things. */
export function valueWordsOf(record: RecordFields, entities: readonly EntityField[]): Set<string> {
  const words = new Set<string>();
  for (const { field, kind } of entities) {
    const value = record[field];
    if ((kind === 'field' || kind === 'organisation') && typeof value === 'string')
      for (const w of wordsOf(value)) words.add(w);
  }
  return words;
}

/** The value words of its own exemplar that a source's text names outside its slots (a slot takes the record's own). */
export function boundWordsOf(source: TextSource, ownValueWords: ReadonlySet<string>): Set<string> {
  const bound = new Set<string>();
  if (ownValueWords.size === 0) return bound;
  for (const sentence of source.sentences)
    for (const clause of sentence.clauses)
      for (const part of clause.parts)
        if (typeof part === 'string')
          for (const w of wordsOf(part)) for (const v of ownValueWords) if (sameStem(w, v)) bound.add(v);
  return bound;
}

/** Whether the anchor's record may say what the borrowed source says: every thing it names is the anchor's too. */
export function mayBorrow(bound: ReadonlySet<string>, anchorValueWords: ReadonlySet<string>): boolean {
  for (const v of bound) if (!anchorValueWords.has(v)) return false;
  return true;
}
