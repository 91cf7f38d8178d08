/**
 * Text normalisation shared by the quality checks: one folding, so a phrase list, an exemplar and a
 * record compare alike whatever their case, accents, width or quote style.
 */

// Accents are folded off Latin and Greek letters only: kana keep their voicing marks (で is not て).
const ACCENTED = /([\p{Script=Latin}\p{Script=Greek}])\p{M}+/gu;
const QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g;

const PLAIN_ASCII = /^[\x20-\x7e]*$/;
const LATIN_1 = /^[\t\n\r\x20-\x7e\u00a0-\u00ff]*$/;
// Latin-1 letters folded once, ahead of time: most European text needs no Unicode normalisation per value.
const LATIN_1_FOLDED = Array.from({ length: 256 }, (_, code) =>
  String.fromCharCode(code).normalize('NFKD').replace(ACCENTED, '$1').normalize('NFC'),
);

function decompose(text: string): string {
  if (PLAIN_ASCII.test(text)) return text;
  if (!LATIN_1.test(text)) return text.normalize('NFKD').replace(ACCENTED, '$1').normalize('NFC');
  let out = '';
  for (let i = 0; i < text.length; i++) out += LATIN_1_FOLDED[text.charCodeAt(i)]!;
  return out;
}

/** Lower case, accents and width folded (NFKD), typographic quotes to ', whitespace collapsed. */
export function foldText(text: string): string {
  const decomposed = decompose(text);
  return decomposed.toLowerCase().replace(QUOTES, "'").replace(/\s+/g, ' ').trim();
}

// Han and kana are written without spaces: each character counts as a word, and never joins a run of other letters.
const WORD =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}])+(?:'\p{L}+)*/gu;

/** The words of a text already folded (foldText). */
export function foldedWords(folded: string): string[] {
  return folded.match(WORD) ?? [];
}

/** Digit runs all become "0", so a changed number leaves the words alike. */
export function numbersAsZero(words: readonly string[]): string[] {
  return words.map((w) => (/^\p{N}+$/u.test(w) ? '0' : w));
}

/** The words that carry content: no numbers and no words with digits in them (A1B2, the 104233 of ORD-104233). */
export function contentWords(words: readonly string[]): string[] {
  return words.filter((w) => !/\p{N}/u.test(w));
}

/** A text's words for comparing copies: folded, numbers as 0. */
export const wordTokens = (text: string) => numbersAsZero(foldedWords(foldText(text)));

export const contentTokens = (text: string) => contentWords(foldedWords(foldText(text)));

const NOT_LETTERS = /[^\p{L}]+/gu;

/** How many letters a text has (any script). */
export function letterCount(text: string): number {
  return text.replace(NOT_LETTERS, '').length;
}

/** Whether two token sequences are at most one token apart (one substituted, added or dropped). */
export function withinOneEdit(a: readonly string[], b: readonly string[]): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = a.length - 1;
  let k = b.length - 1;
  while (j >= i && k >= i && a[j] === b[k]) {
    j--;
    k--;
  }
  // What is left between the common prefix and suffix: at most one token on each side.
  return j - i < 1 && k - i < 1;
}
