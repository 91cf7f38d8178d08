import { fakerLocales } from './faker-locales';

/**
 * Counts written as words ("two days", "sechs Wochen", "三天"), two to twelve, in languages whose count words
 * do not change with the noun they count. Languages that inflect them (ru, pl: два года / пять лет) or give
 * two a gender (pt: dois / duas) are left out, so a text there keeps its counts as written.
 */
const WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'],
  de: ['zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwölf'],
  fr: ['deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze'],
  es: ['dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce'],
  it: ['due', 'tre', 'quattro', 'cinque', 'sei', 'sette', 'otto', 'nove', 'dieci', 'undici', 'dodici'],
  nl: ['twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen', 'tien', 'elf', 'twaalf'],
  ja: ['二', '三', '四', '五', '六', '七', '八', '九', '十'],
  zh: ['两', '三', '四', '五', '六', '七', '八', '九', '十'],
};

// In scripts without spaces a numeral is a count only before a counter (三天, 二人); 三月 is March, 十分 is "enough".
const COUNTERS = '天日人年个個件次周週歳岁晚泊名箱台枚';

/** The count words of a locale, two first; null for a language without a list. */
export interface CountWords {
  words: readonly string[];
  spaceless: boolean;
}

export function countWordsOf(locale: string): CountWords | null {
  const language = locale.split(/[-_]/)[0]!.toLowerCase();
  const words = WORDS[language];
  if (!words) return null;
  return { words, spaceless: language === 'ja' || language === 'zh' };
}

export interface FoundCount {
  start: number;
  end: number;
  value: number;
  capital: boolean;
}

const spacedPatterns = new Map<readonly string[], RegExp>();

/** Counts written as words in a text; none when the text also has digits (two children aged 6 and 9 stay as written). */
export function countsIn(text: string, counts: CountWords): FoundCount[] {
  if (/\p{Nd}/u.test(text)) return [];
  const found: FoundCount[] = [];
  if (counts.spaceless) {
    for (const m of text.matchAll(
      new RegExp(`(?<![一二两三四五六七八九十百千])([二两三四五六七八九十])(?=[${COUNTERS}])`, 'gu'),
    )) {
      const value = m[1] === '两' || m[1] === '二' ? 2 : counts.words.indexOf(m[1]!) + 2;
      found.push({ start: m.index, end: m.index + 1, value, capital: false });
    }
    return found;
  }
  let pattern = spacedPatterns.get(counts.words);
  if (!pattern)
    spacedPatterns.set(
      counts.words,
      (pattern = new RegExp(`(?<![\\p{L}\\p{N}'’-])(${counts.words.join('|')})(?![\\p{L}\\p{N}'’-])`, 'giu')),
    );
  for (const m of text.matchAll(pattern)) {
    const value = counts.words.indexOf(m[1]!.toLowerCase()) + 2;
    if (value >= 2) found.push({ start: m.index, end: m.index + m[1]!.length, value, capital: /^\p{Lu}/u.test(m[1]!) });
  }
  return found;
}

// A count word that is also filler Latin (es "tres") reads as lorem ipsum to a reader checking for it: skipped.
let lorem: Set<string> | undefined;

/** Faker's English lorem words, which a number word must never land on. */
function loremWords(): Set<string> {
  lorem ??= new Set<string>((fakerLocales().en?.lorem?.word as string[] | undefined) ?? []);
  return lorem;
}

/** A count written as the locale writes it (two is 两 in Chinese before a counter). */
export function countWord(value: number, counts: CountWords, capital: boolean): string {
  const max = counts.words.length + 1;
  let at = Math.min(Math.max(value, 2), max) - 2;
  if (loremWords().has(counts.words[at]!)) at = at + 1 < counts.words.length ? at + 1 : at - 1;
  const word = counts.words[at]!;
  return capital ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}

/** Han numerals, which the copy guard reads as digits: 晚两天 and 晚四天 are the same words. */
export const HAN_NUMERALS = /[一二两三四五六七八九十百千]+/gu;
