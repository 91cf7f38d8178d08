import subjects from './data/off-topic-subjects.json';
import stopwords from './data/stopwords.json';
import { contentTokens, foldText } from './text';

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export const hasCjk = (text: string) => CJK.test(text);

/** This many of a subject's words in the revision's own texts make the subject the revision's. */
const SUBJECT_OF_REVISION = 3;

const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  Object.entries(stopwords)
    .filter(([k]) => !k.startsWith('$'))
    .flatMap(([, words]) => words as string[]),
);

/**
 * Content words cut to five letters: a crude stem that lets "refund", "refunded" and "refunds" (or
 * "Erstattung" and "erstatten") meet in any language without a stemmer per language.
 */
export function topicStems(text: string): string[] {
  return stemsOf(contentTokens(text));
}

/** The topic stems of a text's content words. */
export function stemsOf(contentWords: readonly string[]): string[] {
  return contentWords
    .flatMap((t) => t.split("'"))
    .filter((t) => t.length >= 3 && !FUNCTION_WORDS.has(t))
    .map((t) => Array.from(t).slice(0, 5).join(''));
}

/**
 * The words of the other subjects, found in a text's words: a listed word of five letters or more also
 * matches its inflections (everything but its last letter must match: "onions" meets "onion"), a shorter
 * one only itself, so "broth" stays out of "brother". CJK words are matched as substrings (no spaces).
 */
export class SubjectWords {
  private readonly exact = new Map<string, Set<string>>();
  private readonly prefixes = new Map<string, Array<{ prefix: string; subject: string }>>();
  private readonly cjk: Array<{ word: string; subject: string }> = [];

  constructor(vocabulary: ReadonlySet<string>, revisionText: string) {
    for (const [subject, byLanguage] of Object.entries(subjects)) {
      if (subject.startsWith('$')) continue;
      const words = Object.values(byLanguage as Record<string, string[]>)
        .flat()
        .map(foldText);
      const inRevision = (word: string) =>
        CJK.test(word) ? revisionText.includes(word) : topicStems(word).some((stem) => vocabulary.has(stem));
      // A revision that itself speaks of the subject (a sports shop, a restaurant, a weather service) is about it.
      if (words.filter(inRevision).length >= SUBJECT_OF_REVISION) continue;
      for (const word of words) {
        // A word the revision itself uses is its subject, not another one.
        if (inRevision(word)) continue;
        if (CJK.test(word)) {
          this.cjk.push({ word, subject });
          continue;
        }
        this.exact.set(word, (this.exact.get(word) ?? new Set()).add(subject));
        if (word.length >= 5) {
          const prefix = word.slice(0, -1);
          const key = prefix.slice(0, 4);
          this.prefixes.set(key, [...(this.prefixes.get(key) ?? []), { prefix, subject }]);
        }
      }
    }
  }

  /** The subject most of the words belong to, with how many distinct words it has. */
  best(words: readonly string[], foldedText: string): { name: string; hits: number } | null {
    const hits = new Map<string, Set<string>>();
    const add = (subject: string, word: string) => hits.set(subject, (hits.get(subject) ?? new Set()).add(word));
    for (const word of words) {
      for (const subject of this.exact.get(word) ?? []) add(subject, word);
      for (const { prefix, subject } of this.prefixes.get(word.slice(0, 4)) ?? []) {
        if (word.startsWith(prefix)) add(subject, word);
      }
    }
    if (hasCjk(foldedText)) for (const { word, subject } of this.cjk) if (foldedText.includes(word)) add(subject, word);
    let best: { name: string; hits: number } | null = null;
    for (const [name, found] of hits) if (best === null || found.size > best.hits) best = { name, hits: found.size };
    return best;
  }
}
