import { foldedWords, foldText } from './text';

/**
 * Finds listed phrases in a text in one pass over its words: phrases are indexed by their first
 * word, so a text costs one map look-up per word however long the lists grow (hundreds of phrases
 * in a dozen languages), and matching on word boundaries keeps "as an ai" out of "as an aid".
 */
export class PhraseIndex<L extends string> {
  private readonly byFirstWord = new Map<string, Array<{ words: string[]; label: L; phrase: string }>>();

  constructor(phrases: Iterable<{ phrase: string; label: L }>) {
    for (const { phrase, label } of phrases) {
      const words = foldedWords(foldText(phrase));
      if (words.length === 0) continue;
      const list = this.byFirstWord.get(words[0]!) ?? [];
      list.push({ words, label, phrase });
      this.byFirstWord.set(words[0]!, list);
    }
  }

  /** Every listed phrase a text's folded words contain, in text order. */
  findAll(words: readonly string[]): Array<{ label: L; phrase: string }> {
    const hits: Array<{ label: L; phrase: string }> = [];
    for (let i = 0; i < words.length; i++) {
      for (const c of this.byFirstWord.get(words[i]!) ?? []) {
        if (c.words.every((w, k) => words[i + k] === w)) hits.push({ label: c.label, phrase: c.phrase });
      }
    }
    return hits;
  }

  /** The first listed phrase a text's folded words (foldedWords) contain, or null. */
  find(words: readonly string[]): { label: L; phrase: string } | null {
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
