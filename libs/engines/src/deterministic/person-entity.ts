import { asciiNameTokens } from '@vs/domain';
import type { LocaleData } from './locale-data';
import type { SeededRandom } from './seeded-random';

/** The one person a record is about: every name, email and user name field of the record is theirs. */
export interface Person {
  given: string;
  family: string;
  /** The name in Latin letters, given name first, as a passport writes it. */
  latin: string;
  /** As the locale writes it, with an honorific only where the exemplars use them. */
  full: string;
}

/** What the exemplars teach about how people are named and addressed in this locale. */
export interface PersonStyle {
  honorificShare: number;
  separator: string;
  familyFirst: boolean;
  /** Local-part shapes of exemplar emails, e.g. "given.family", "g.family", "given". */
  emailShapes: readonly string[];
  emailDomains: readonly string[];
  /** Exemplar emails end their local part with digits this often. */
  digitShare: number;
}

const SHAPES = [
  'given.family',
  'given_family',
  'givenfamily',
  'g.family',
  'gfamily',
  'given.f',
  'given',
  'family.given',
  'family',
];

function shapeOf(local: string, given: string[], family: string[]): string | null {
  const g = given.join('');
  const f = family.join('');
  if (!g || !f) return null;
  const plain = local.toLowerCase().replace(/\d+$/, '');
  const forms: Record<string, string> = {
    'given.family': `${g}.${f}`,
    given_family: `${g}_${f}`,
    givenfamily: `${g}${f}`,
    'g.family': `${g[0]}.${f}`,
    gfamily: `${g[0]}${f}`,
    'given.f': `${g}.${f[0]}`,
    given: g,
    'family.given': `${f}.${g}`,
    family: f,
  };
  return SHAPES.find((s) => forms[s] === plain) ?? (plain.includes('.') ? 'given.family' : null);
}

/** Splits an exemplar's full name into given and family parts, honorifics dropped. */
function splitName(full: string, familyFirst: boolean, honorifics: ReadonlySet<string>): [string, string] | null {
  const words = full.split(/\s+/).filter((w) => !honorifics.has(w.toLowerCase().replace(/\.$/, '')));
  if (words.length < 2) return null;
  return familyFirst ? [words.slice(1).join(' '), words[0]!] : [words.slice(0, -1).join(' '), words[words.length - 1]!];
}

export function learnPersonStyle(
  data: LocaleData,
  names: readonly string[],
  emails: ReadonlyArray<{ name: string; email: string }>,
): PersonStyle {
  const honorifics = new Set(
    [...data.honorifics.female, ...data.honorifics.male].map((h) => h.toLowerCase().replace(/\.$/, '')),
  );
  const withHonorific = names.filter((n) => honorifics.has(n.split(/\s+/)[0]!.toLowerCase().replace(/\.$/, '')));
  const shapes: string[] = [];
  const domains: string[] = [];
  let digits = 0;
  for (const { name, email } of emails) {
    const [local = '', domain = ''] = email.split('@');
    // A name in Latin letters is written given name first even where the locale's script puts the family first.
    const parts = splitName(name, data.familyFirst && !/\p{Script=Latin}/u.test(name), honorifics);
    const personal = asciiNameTokens(name).some((t) => t.length >= 3 && domain.toLowerCase().includes(t));
    if (parts && !personal) {
      const shape = shapeOf(local, asciiNameTokens(parts[0]), asciiNameTokens(parts[1]));
      if (shape) shapes.push(shape);
    }
    // A domain made of the person's own name (priya@raman-design.example) is theirs, not a shared provider.
    const nameTokens = asciiNameTokens(name);
    if (domain && !nameTokens.some((t) => t.length >= 3 && domain.toLowerCase().includes(t)))
      domains.push(domain.toLowerCase());
    if (/\d$/.test(local)) digits++;
  }
  const spaceless = names.length > 0 && names.every((n) => !/\s/.test(n.trim()));
  return {
    honorificShare: names.length === 0 ? 0 : withHonorific.length / names.length,
    separator: spaceless ? '' : names.length > 0 ? ' ' : data.nameSeparator,
    familyFirst: data.familyFirst,
    emailShapes: shapes.length > 0 ? shapes : ['given.family'],
    emailDomains: domains.length > 0 ? domains : ['example.com'],
    digitShare: emails.length === 0 ? 0 : digits / emails.length,
  };
}

/** Whether an exemplar's person is a woman or a man, by their given name in the locale's lists; null when unknown. */
export function sexOf(name: string, data: LocaleData, familyFirst: boolean): 'female' | 'male' | null {
  const words = name.split(/\s+/);
  const given = familyFirst ? words.slice(1) : words.slice(0, -1);
  const female = given.some((w) => data.givenNames.female.includes(w));
  const male = given.some((w) => data.givenNames.male.includes(w));
  return female === male ? null : female ? 'female' : 'male';
}

export function drawPerson(
  data: LocaleData,
  style: PersonStyle,
  random: SeededRandom,
  sex: 'female' | 'male' | null = null,
): Person {
  const female = sex === null ? random.chance(0.5) : sex === 'female';
  const given = random.pick(female ? data.givenNames.female : data.givenNames.male);
  const family = random.pick(female ? data.familyNames.female : data.familyNames.male);
  let full = style.familyFirst ? `${family}${style.separator}${given}` : `${given}${style.separator}${family}`;
  const honorifics = female ? data.honorifics.female : data.honorifics.male;
  if (honorifics.length > 0 && random.chance(style.honorificShare)) full = `${random.pick(honorifics)} ${full}`;
  const g = latinWord(given, data);
  const f = latinWord(family, data);
  const latin = g && f ? `${g} ${f}` : g || f;
  return { given, family, full, latin };
}

// Names come from finite lists: each one's Latin spelling is worked out once per language.
const latinCache = new Map<string, Map<string, string>>();

function cacheFor(caches: Map<string, Map<string, string>>, language: string): Map<string, string> {
  let cache = caches.get(language);
  if (!cache) caches.set(language, (cache = new Map()));
  else if (cache.size > 100_000) cache.clear();
  return cache;
}

function latinWord(word: string, data: LocaleData): string {
  const known = data.latinNames.get(word);
  if (known) return known;
  const cache = cacheFor(latinCache, data.language);
  let latin = cache.get(word);
  if (latin === undefined) cache.set(word, (latin = transliterated(word, data)));
  return latin;
}

function transliterated(word: string, data: LocaleData): string {
  const ascii = asciiNameTokens(data.language === 'de' ? word.replace(/[äöüÄÖÜß]/g, (c) => DIGRAPHS[c]!) : word);
  return ascii
    .map((t) => t.charAt(0).toUpperCase() + t.slice(1))
    .join(data.language === 'zh' || data.language === 'ko' ? '' : '-');
}

// How German writers spell umlauts in an address: Krüger → krueger (any-ascii alone gives kruger).
const DIGRAPHS: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };

const asciiCache = new Map<string, Map<string, string>>();

function asciiWord(word: string, language: string): string {
  const cache = cacheFor(asciiCache, language);
  let ascii = cache.get(word);
  if (ascii === undefined) {
    const spelled = language === 'de' ? word.replace(/[äöüÄÖÜß]/g, (c) => DIGRAPHS[c]!) : word;
    cache.set(word, (ascii = asciiNameTokens(spelled).join('')));
  }
  return ascii;
}

const SPACE_HAN_OR_LATIN = /\s|\p{Script=Han}|\p{Script=Latin}/u;

/** The person's email local part in one of the exemplars' shapes, transliterated to ASCII. */
export function localPart(person: Person, shape: string, language: string): string {
  // A name written without spaces in a script with one reading (Hangul) reads as one word to the rule checker
  // (류현서 → ryuhyeonseo): the address is that word, as Korean addresses often are.
  if (!SPACE_HAN_OR_LATIN.test(person.full)) return asciiWord(person.full, language) || 'user';
  const [givenLatin = '', familyLatin = ''] = person.latin.split(' ');
  const g = asciiWord(givenLatin || person.given, language) || 'user';
  const f = asciiWord(familyLatin || person.family, language) || 'mail';
  switch (shape) {
    case 'given_family':
      return `${g}_${f}`;
    case 'givenfamily':
      return `${g}${f}`;
    case 'g.family':
      return `${g[0]}.${f}`;
    case 'gfamily':
      return `${g[0]}${f}`;
    case 'given.f':
      return `${g}.${f[0]}`;
    case 'given':
      return g;
    case 'family.given':
      return `${f}.${g}`;
    case 'family':
      return f;
    default:
      return `${g}.${f}`;
  }
}

export function drawEmail(person: Person, style: PersonStyle, language: string, random: SeededRandom): string {
  let local = localPart(person, random.pick(style.emailShapes), language);
  if (random.chance(style.digitShare)) local += String(random.int(1, 99));
  return `${local}@${random.pick(style.emailDomains)}`;
}
