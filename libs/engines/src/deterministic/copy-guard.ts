import { HAN_NUMERALS } from './number-words';

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(locale: string): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (!s) {
    s = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, s);
  }
  return s;
}

/**
 * A text's words with case, punctuation, digits and spacing gone: two texts with the same words read
 * as the same text. Scripts written without spaces (ja, zh, th) are cut into words by Intl.Segmenter.
 */
export function normalisedWords(text: string, locale: string): string[] {
  const plain = text.toLowerCase().replace(/\p{N}+/gu, ' ');
  // Scripts without spaces go to the segmenter even when a digit or a Latin word put a space in them.
  if (!/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u.test(plain))
    return plain.split(/[^\p{L}\p{M}]+/u).filter((w) => w.length > 0);
  const words: string[] = [];
  for (const s of segmenter(locale).segment(plain.replace(HAN_NUMERALS, ' '))) if (s.isWordLike) words.push(s.segment);
  return words;
}

/** Whether two word lists differ by at most one word added, removed or replaced. */
export function withinOneWord(a: readonly string[], b: readonly string[]): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

// Records of a subchapter are rebuilt from the same few sentences, so the same candidate comes back often.
const VERDICTS = 4096;

/** Tells whether a generated text is an exemplar in disguise (same words, give or take one). */
export class CopyGuard {
  private readonly exemplarWords: string[][];
  private readonly lengths: ReadonlySet<number>;
  private readonly verdicts = new Map<string, boolean>();

  constructor(
    exemplarTexts: readonly string[],
    private readonly locale: string,
  ) {
    // Generated texts are made of exemplar pieces, so both sides share one Unicode form; NFKC once here is enough.
    this.exemplarWords = exemplarTexts.map((t) => normalisedWords(t.normalize('NFKC'), locale));
    this.lengths = new Set(this.exemplarWords.map((w) => w.length));
  }

  isCopy(text: string): boolean {
    let verdict = this.verdicts.get(text);
    if (verdict === undefined) {
      verdict = this.judge(text);
      if (this.verdicts.size >= VERDICTS) this.verdicts.clear();
      this.verdicts.set(text, verdict);
    }
    return verdict;
  }

  private judge(text: string): boolean {
    const words = normalisedWords(text, this.locale);
    const n = words.length;
    // Only an exemplar within one word of the same length can be a copy.
    if (!this.lengths.has(n) && !this.lengths.has(n - 1) && !this.lengths.has(n + 1)) return false;
    return this.exemplarWords.some((e) => withinOneWord(words, e));
  }
}
