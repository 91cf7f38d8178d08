import type { RealCity } from './data/real-cities';
import type { LocaleData } from './locale-data';
import type { SeededRandom } from './seeded-random';

/** A phone number shape learnt from the locale's exemplars: fixed groups stay, the others get fresh digits. */
export interface PhoneShape {
  /** Per exemplar: its groups, each either kept text or a digit count to draw. */
  masks: ReadonlyArray<ReadonlyArray<string | number>>;
}

/**
 * Exemplar phone numbers as masks. The country code and groups every exemplar shares at the same place
 * (a fictional 555 exchange) stay as written; the area code is kept from its exemplar; the rest is drawn.
 */
export function learnPhoneShape(phones: readonly string[]): PhoneShape | null {
  if (phones.length === 0) return null;
  const split = phones.map((p) => p.split(/(\D+)/));
  const masks = split.map((groups) => {
    const international = groups.slice(0, 2).some((g) => g.includes('+'));
    let digitGroup = 0;
    return groups.map((group, i) => {
      if (!/^\d+$/.test(group)) return group;
      digitGroup++;
      const areaCode = international ? digitGroup <= 2 : digitGroup === 1;
      const sharedByAll = phones.length > 1 && split.every((other) => other[i] === group);
      return areaCode || sharedByAll ? group : group.length;
    });
  });
  return { masks };
}

function fillFormat(format: string, random: SeededRandom): string {
  let out = '';
  for (const c of format) out += c === '#' ? String(random.int(0, 9)) : c === '!' ? String(random.int(2, 9)) : c;
  return out;
}

export function drawPhone(shape: PhoneShape | null, data: LocaleData, random: SeededRandom): string {
  if (shape === null) return fillFormat(random.pick(data.phoneFormats), random);
  return random
    .pick(shape.masks)
    .map((g) => (typeof g === 'number' ? random.digits(g, true) : g))
    .join('');
}

/** Where the record's person or organisation is: one real city with its region and a fitting postcode. */
export interface Address {
  city: string;
  region: string;
  postcode: string;
  country: string;
}

function fillPostcode(pattern: string, random: SeededRandom): string {
  let out = '';
  for (const c of pattern)
    out += c === '#' ? String(random.int(0, 9)) : c === '?' ? String.fromCharCode(65 + random.int(0, 25)) : c;
  return out;
}

/** A city as written without its administrative suffix (横浜市 → 横浜, 東京都渋谷区 → 渋谷). */
export function shortCityName(city: string): string {
  const short = city.replace(/^.+[都道府県]/u, '').replace(/[市区]$/u, '');
  return short.length >= 2 ? short : city;
}

/**
 * The `turn`-th entry of a list of `n`: each block of n turns takes every entry once, and each block starts
 * one further along, so a text shape that comes back every k records (k a multiple of n, say) still meets
 * another town each time, which a plain `turn % n` would not give it.
 */
export function spreadIndex(turn: number, n: number): number {
  return (turn + Math.floor(turn / n)) % n;
}

/**
 * Where the record's person or organisation is. `shortNames`: the locale's exemplars write cities
 * without their suffix (京都, not 京都市), so the record does too. `turn` (the record's number among its
 * anchor's records) spreads a job's records over the towns instead of drawing each at random, where
 * a few towns come up again and again.
 */
export function drawAddress(
  cities: readonly RealCity[],
  exemplarCities: readonly string[],
  data: LocaleData,
  random: SeededRandom,
  shortNames = false,
  turn?: number,
): Address {
  if (cities.length === 0) {
    const city = exemplarCities.length > 0 ? random.pick(exemplarCities) : (data.countryName ?? data.locale);
    return { city, region: city, postcode: random.digits(5), country: data.countryName ?? '' };
  }
  // Drawn either way, so the record's later values come from the same place in its stream.
  const drawn = random.pick(cities);
  const chosen = turn === undefined ? drawn : cities[spreadIndex(turn, cities.length)]!;
  return {
    city: shortNames ? shortCityName(chosen.city) : chosen.city,
    region: chosen.region,
    postcode: fillPostcode(chosen.postcode, random),
    country: data.countryName ?? '',
  };
}

/**
 * Organisation names shaped like the locale's exemplars ("Nordlicht Versand GmbH"): the brand word
 * becomes a family name of the locale, the trade and legal form stay. Scripts written without spaces
 * put a family name before a legal form of the locale.
 */
export function drawOrganisation(
  exemplarNames: readonly string[],
  data: LocaleData,
  random: SeededRandom,
  avoid: ReadonlySet<string>,
  ownCity: string | null = null,
): string {
  const family = () => random.pick(random.chance(0.5) ? data.familyNames.male : data.familyNames.female);
  const cityNames = data.shortCityNames;
  // A record's own city counts too, where the real-city list does not have it.
  for (let attempt = 0; attempt < 4; attempt++) {
    const template = exemplarNames.length > 0 ? random.pick(exemplarNames) : '';
    const words = template.split(/\s+/).filter((w) => w.length > 0);
    // The brand is the first word that is not an article or a legal form ("The Harbourside Hotel" → Harbourside).
    const brandAt = words.findIndex((w) => /\p{L}{4,}/u.test(w) && !/^\p{Lu}+$/u.test(w));
    let name: string;
    const city = cityNames.find((c) => template.includes(c));
    if (city && cityNames.length > 1) {
      // A name that carries its city (杭州云衣服饰有限公司, ホテル京都四条) moves to the record's city, else another real one.
      const own = ownCity === null ? null : shortCityName(ownCity);
      name = template.replace(city, own && own !== city ? own : random.pick(cityNames.filter((c) => c !== city)));
    } else if (words.length >= 2 && brandAt >= 0 && brandAt < words.length - 1) {
      name = words.map((w, i) => (i === brandAt ? w.replace(/[\p{L}\p{M}'’-]+/u, family()) : w)).join(' ');
    } else if (attempt < 3 && exemplarNames.length > 1) {
      continue;
    } else if (data.companySuffixes.length > 0) {
      const spaced = /\s/.test(template) || data.nameSeparator === ' ';
      name = `${family()}${spaced ? ' ' : ''}${random.pick(data.companySuffixes)}`;
    } else name = family();
    if (!avoid.has(name)) return name;
  }
  return `${family()} ${family()}`;
}

const NUMBER_IN_NAME = /(\d+(?:[.,]\d+)?)/g;

/** A nearby round number for a size or capacity in a product name: 12 kg → 10 kg, 1200W → 1000W. */
function nearby(text: string, random: SeededRandom): string {
  const value = Number(text.replace(',', '.'));
  if (!Number.isFinite(value) || value === 0) return text;
  const scaled = value * Math.exp(random.normal() * 0.15);
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(scaled, 1))) - 1);
  const step = value < 10 ? 1 : magnitude * (value >= 100 ? 5 : 1);
  const rounded = Math.max(step, Math.round(scaled / step) * step);
  return String(rounded);
}

function matchCase(word: string, like: string): string {
  return /^\p{Lu}/u.test(like)
    ? word.charAt(0).toUpperCase() + word.slice(1)
    : word.charAt(0).toLowerCase() + word.slice(1);
}

const lowerColours = new WeakMap<readonly string[], ReadonlySet<string>>();

/** The product's colour word swapped for another colour of the locale ("XL Black Ink Cartridge" → "XL Cyan …"). */
function recoloured(name: string, colours: readonly string[], random: SeededRandom): string | null {
  if (colours.length < 2) return null;
  let lower = lowerColours.get(colours);
  if (!lower) lowerColours.set(colours, (lower = new Set(colours.map((c) => c.toLowerCase()))));
  const words = name.split(' ');
  const at = words.findIndex((w) => lower.has(w.toLowerCase()));
  if (at < 0) return null;
  const own = words[at]!.toLowerCase();
  let colour = random.pick(colours);
  // Another colour than the product's own: the next one in the list when the draw hit it.
  if (colour.toLowerCase() === own) colour = colours[(colours.indexOf(colour) + 1) % colours.length]!;
  words[at] = matchCase(colour, words[at]!);
  return words.join(' ');
}

/**
 * A product like the record's exemplar product, so a note about "the vase" still fits: its colour, sizes
 * and counts drawn anew, else a colour variant of the locale added; never an exemplar's name as it stands.
 */
export function drawProduct(
  anchorProduct: string | null,
  exemplarProducts: readonly string[],
  data: LocaleData,
  random: SeededRandom,
  avoid: ReadonlySet<string>,
): string {
  const base = anchorProduct ?? (exemplarProducts.length > 0 ? random.pick(exemplarProducts) : null);
  if (base === null) return random.pick(data.colours.length > 0 ? data.colours : ['Standard']);
  for (let attempt = 0; attempt < 4; attempt++) {
    let name: string = base.replace(NUMBER_IN_NAME, (n: string) => nearby(n, random));
    if (random.chance(0.5) || avoid.has(name)) name = recoloured(name, data.singleWordColours, random) ?? name;
    if (avoid.has(name) && data.colours.length > 0) {
      const colour = random.pick(data.colours);
      const spaced = /\s/.test(base) || /\p{Script=Latin}/u.test(base);
      name = spaced ? `${name} – ${matchCase(colour, base.split(/\s+/).pop() ?? base)}` : `${name}（${colour}）`;
    }
    if (!avoid.has(name)) return name;
  }
  return `${base} ${random.int(2, 9)}`;
}
