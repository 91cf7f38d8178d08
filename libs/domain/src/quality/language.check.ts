// tinyld identifies the language of short texts: a CommonJS build that loads under this CommonJS project, good
// accuracy on the one-sentence notes records carry (where trigram libraries guess), 60+ languages, pure JS
// with its model bundled, so scoring never goes to the network.
import type * as Tinyld from 'tinyld';
import stopwords from './data/stopwords.json';
import { dominantScript, LATIN_SCRIPT_LANGUAGES, languageOf, type RevisionProfile } from '../exemplar-profile';
import { hardFinding, type RecordCheck } from './record-check';
import { foldText, letterCount } from './text';

const STOPWORDS = new Map<string, ReadonlySet<string>>(
  Object.entries(stopwords)
    .filter(([lang]) => !lang.startsWith('$'))
    .map(([lang, words]) => [lang, new Set(words as string[])]),
);
// Languages tinyld (or people) use interchangeably: one is not "wrong" for the other.
const SAME_LANGUAGE: Readonly<Record<string, string>> = { no: 'nb', nn: 'nb', nb: 'nb', ms: 'id', bs: 'hr', sr: 'hr' };
const canonical = (lang: string) => SAME_LANGUAGE[lang] ?? lang;
/** Below this many words a guess needs the other language's own function words to back it. */
const TRUSTED_WORDS = 8;
/** Non-Latin languages tinyld tells apart from their script neighbours, and those neighbours. */
const SCRIPT_NEIGHBOURS: Readonly<Record<string, readonly string[]>> = {
  ru: ['ru', 'uk', 'bg', 'be', 'mk', 'sr', 'kk'],
  uk: ['uk', 'ru', 'bg', 'be'],
  bg: ['bg', 'ru', 'uk', 'mk', 'sr'],
  ja: ['ja', 'zh'],
  zh: ['zh', 'ja'],
};
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Long enough for language identification to be trusted at all: four words (or CJK characters) and twenty letters. */
export function judgeableText(text: string): boolean {
  if (text.length < 10) return false;
  const letters = letterCount(text);
  return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)
    ? letters >= 10
    : letters >= 20 && text.trim().split(/\s+/).length >= 4;
}

function stopwordHits(folded: string): Map<string, number> {
  const words = folded.split(/[^\p{L}]+/u);
  const hits = new Map<string, number>();
  for (const [lang, set] of STOPWORDS)
    hits.set(
      lang,
      words.reduce((n, w) => (set.has(w) ? n + 1 : n), 0),
    );
  return hits;
}

let tinyld: typeof Tinyld | undefined;

/**
 * tinyld, loaded on the first text that needs it: its model takes ~44 MB, which a service that never checks a
 * record's language (the status consumer, the relay, the admin API) should not hold.
 */
function detectAll(text: string, options?: { only: string[] }): ReturnType<typeof Tinyld.detectAll> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  tinyld ??= require('tinyld') as typeof Tinyld;
  return tinyld.detectAll(text, options);
}

/** tinyld's best guess when it beats the expected language threefold, else null. Accents are signal: it hears the original. */
function clearGuess(text: string, expected: string, only?: readonly string[]): string | null {
  const guesses = detectAll(text, only ? { only: [...only] } : undefined);
  const best = guesses[0];
  if (!best || canonical(best.lang) === canonical(expected)) return null;
  const ownAccuracy = guesses.find((g) => canonical(g.lang) === canonical(expected))?.accuracy ?? 0;
  return best.accuracy >= 3 * ownAccuracy ? best.lang : null;
}

/**
 * The language a Latin-script text is clearly written in when that is not `expected`, else null. Fast
 * path: a text using more of the expected language's function words than of any other listed
 * language's is that language, without asking tinyld (about 0.2 ms a text). On a short text tinyld's
 * guess must be backed by the guessed language's own function words (it hears Esperanto in
 * "Langzeit-EKG empfohlen").
 */
export function otherLatinLanguage(text: string, expected: string): string | null {
  const folded = foldText(text);
  const hits = stopwordHits(folded);
  const own = hits.get(expected) ?? 0;
  let rival = 0;
  for (const [lang, n] of hits) if (lang !== expected && n > rival) rival = n;
  if (own >= 1 && own > rival) return null;
  const guess = clearGuess(text, expected);
  if (guess === null) return null;
  if (folded.split(' ').length < TRUSTED_WORDS && (hits.get(guess) ?? 0) <= own) return null;
  return guess;
}

/**
 * The same for a language of another script, among that script's languages. Fast paths: Japanese is the
 * CJK text with kana (Chinese never has any); a Cyrillic text using only letters its locale's exemplars
 * use is taken as their language (Ukrainian gives itself away with і, ї, є, ґ).
 */
function otherScriptLanguage(text: string, expected: string, exemplarLetters: ReadonlySet<string>): string | null {
  const neighbours = SCRIPT_NEIGHBOURS[expected];
  if (!neighbours) return null;
  if (expected === 'ja' && KANA.test(text)) return null;
  if (expected === 'zh' && !KANA.test(text)) return null;
  if (expected !== 'ja' && expected !== 'zh') {
    const letters = text.toLowerCase().match(/\p{L}/gu) ?? [];
    if (exemplarLetters.size > 0 && letters.every((l) => exemplarLetters.has(l) || /[a-z]/.test(l))) return null;
  }
  return clearGuess(text, expected, neighbours);
}

/**
 * Free text must be in its locale's language, as the locale's exemplars are: an English note in a de-DE
 * record, Portuguese in fr-FR, Ukrainian in ru-RU or Chinese in ja-JP is rejected. The expected language
 * is the one most of the locale's exemplars are identified as (usually the locale's own); text too short
 * to identify is not judged.
 */
export function compileLanguageCheck(profile: RevisionProfile): RecordCheck {
  const expectedByLocale = new Map<string, string | null>();
  const lettersByLocale = new Map<string, ReadonlySet<string>>();
  const freeText = [...profile.roles.freeText];
  // Generators repeat phrases; a verdict per distinct text saves tinyld most of its work. Cleared when full.
  const verdicts = new Map<string, string | null>();
  const exemplarTexts = (locale: string) =>
    profile.exemplars
      .filter((e) => e.locale === locale)
      .flatMap((e) => freeText.map((f) => e.record[f]))
      .filter((v): v is string => typeof v === 'string');

  function expectedFor(locale: string): string | null {
    if (expectedByLocale.has(locale)) return expectedByLocale.get(locale)!;
    const language = languageOf(locale);
    let expected: string | null = LATIN_SCRIPT_LANGUAGES.has(language) || SCRIPT_NEIGHBOURS[language] ? language : null;
    const samples = exemplarTexts(locale).filter(judgeableText);
    // Exemplars written in another language than the locale's name (a de-CH revision written in French) win.
    if (expected !== null && LATIN_SCRIPT_LANGUAGES.has(expected) && samples.length >= 2) {
      const foreign = samples.map((s) => otherLatinLanguage(s, expected!)).filter((l): l is string => l !== null);
      const top = mostCommon(foreign);
      if (top !== null && foreign.filter((l) => l === top).length > samples.length / 2) expected = top;
    }
    expectedByLocale.set(locale, expected);
    lettersByLocale.set(locale, new Set(exemplarTexts(locale).join('').toLowerCase().match(/\p{L}/gu) ?? []));
    return expected;
  }

  function verdict(text: string, expected: string, locale: string): string | null {
    const key = `${locale}\u0000${text}`;
    if (verdicts.has(key)) return verdicts.get(key)!;
    if (verdicts.size >= 10_000) verdicts.clear();
    const script = dominantScript(text);
    const heard =
      script === 'latin'
        ? LATIN_SCRIPT_LANGUAGES.has(expected)
          ? otherLatinLanguage(text, expected)
          : null
        : otherScriptLanguage(text, expected, lettersByLocale.get(locale)!);
    verdicts.set(key, heard);
    return heard;
  }

  return ({ fields, locale }) => {
    const expected = expectedFor(locale);
    if (expected === null) return [];
    const findings = [];
    for (const name of freeText) {
      const value = fields[name];
      if (typeof value !== 'string' || !judgeableText(value)) continue;
      const heard = verdict(value, expected, locale);
      if (heard !== null) {
        findings.push(hardFinding('wrong_language', name, `written in ${heard}, ${locale} expects ${expected}`, value));
      }
    }
    return findings;
  };
}

function mostCommon(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, n] of counts) if (best === null || n > counts.get(best)!) best = v;
  return best;
}
