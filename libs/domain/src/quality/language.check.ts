// tinyld identifies the language of short texts: a CommonJS build that loads under this CommonJS project, good
// accuracy on the one-sentence notes records carry (where trigram libraries guess), 60+ languages, pure JS
// with its model bundled, so scoring never goes to the network.
import { detectAll } from 'tinyld';
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

/** Long enough for language identification to be trusted at all: four words and twenty letters. */
export function judgeableText(text: string): boolean {
  return text.length >= 20 && text.trim().split(/\s+/).length >= 4 && letterCount(text) >= 20;
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

/**
 * The language a folded text is clearly written in when that is not `expected`, else null. Fast path: a
 * text using more of the expected language's function words than of any other listed language's is
 * that language, without asking tinyld (about 0.2 ms a text). Otherwise tinyld's best guess must beat the
 * expected language threefold, and on a short text the guessed language's function words must outnumber
 * the expected one's (tinyld hears Esperanto in "Langzeit-EKG empfohlen").
 */
export function otherLanguage(folded: string, expected: string): string | null {
  const hits = stopwordHits(folded);
  const own = hits.get(expected) ?? 0;
  let rival = 0;
  for (const [lang, n] of hits) if (lang !== expected && n > rival) rival = n;
  if (own >= 1 && own > rival) return null;
  const guesses = detectAll(folded);
  const best = guesses[0];
  if (!best || canonical(best.lang) === canonical(expected)) return null;
  const ownAccuracy = guesses.find((g) => canonical(g.lang) === canonical(expected))?.accuracy ?? 0;
  if (best.accuracy < 3 * ownAccuracy) return null;
  const words = folded.split(' ').length;
  if (words < TRUSTED_WORDS && (hits.get(best.lang) ?? 0) <= own) return null;
  return best.lang;
}

/**
 * Free text in a Latin-script locale must be in the locale's language, as its exemplars are: an
 * English note in a de-DE record is rejected. The expected language is the one most of the locale's
 * exemplars are identified as (usually the locale's own); text too short to identify is not judged.
 */
export function compileLanguageCheck(profile: RevisionProfile): RecordCheck {
  const expectedByLocale = new Map<string, string | null>();
  const freeText = [...profile.roles.freeText];
  // Generators repeat phrases; a verdict per distinct text saves tinyld most of its work. Cleared when full.
  const verdicts = new Map<string, string | null>();

  function expectedFor(locale: string): string | null {
    if (expectedByLocale.has(locale)) return expectedByLocale.get(locale)!;
    const language = languageOf(locale);
    let expected: string | null = LATIN_SCRIPT_LANGUAGES.has(language) ? language : null;
    const samples = profile.exemplars
      .filter((e) => e.locale === locale)
      .flatMap((e) => freeText.map((f) => e.record[f]))
      .filter((v): v is string => typeof v === 'string' && judgeableText(v));
    // Exemplars written in another language than the locale's name (a de-CH revision written in French) win.
    if (expected !== null && samples.length >= 2) {
      const foreign = samples.map((s) => otherLanguage(foldText(s), expected!)).filter((l): l is string => l !== null);
      const top = mostCommon(foreign);
      if (top !== null && foreign.filter((l) => l === top).length > samples.length / 2) expected = top;
    }
    expectedByLocale.set(locale, expected);
    return expected;
  }

  function verdict(folded: string, expected: string): string | null {
    const key = `${expected}\u0000${folded}`;
    if (verdicts.has(key)) return verdicts.get(key)!;
    if (verdicts.size >= 10_000) verdicts.clear();
    const heard = otherLanguage(folded, expected);
    verdicts.set(key, heard);
    return heard;
  }

  return ({ fields, folded, locale }) => {
    const expected = expectedFor(locale);
    if (expected === null) return [];
    const findings = [];
    for (const name of freeText) {
      const value = fields[name];
      if (typeof value !== 'string' || !judgeableText(value) || dominantScript(value) !== 'latin') continue;
      const heard = verdict(folded[name]!, expected);
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
