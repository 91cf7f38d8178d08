import { foldText } from './text';

// Words for phrase matching: letters and digits runs of the folded text, each CJK character on its own.
const PHRASE_WORD =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}])+/gu;

export function phraseWords(text: string): string[] {
  return foldText(text).match(PHRASE_WORD) ?? [];
}

/**
 * Finds listed phrases in a text in one pass over its words: phrases are indexed by their first
 * word, so a text costs one map look-up per word however long the lists grow (hundreds of phrases
 * in a dozen languages), and matching on word boundaries keeps "as an ai" out of "as an aid".
 */
export class PhraseIndex<L extends string> {
  private readonly byFirstWord = new Map<string, Array<{ words: string[]; label: L; phrase: string }>>();

  constructor(phrases: Iterable<{ phrase: string; label: L }>) {
    for (const { phrase, label } of phrases) {
      const words = phraseWords(phrase);
      if (words.length === 0) continue;
      const list = this.byFirstWord.get(words[0]!) ?? [];
      list.push({ words, label, phrase });
      this.byFirstWord.set(words[0]!, list);
    }
  }

  /** The first listed phrase a folded text (foldText) contains, or null. */
  find(folded: string): { label: L; phrase: string } | null {
    const words = folded.match(PHRASE_WORD) ?? [];
    for (let i = 0; i < words.length; i++) {
      const candidates = this.byFirstWord.get(words[i]!);
      if (!candidates) continue;
      for (const c of candidates) {
        if (c.words.every((w, k) => words[i + k] === w)) return { label: c.label, phrase: c.phrase };
      }
    }
    return null;
  }
}
