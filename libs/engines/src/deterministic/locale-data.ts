import { fakerLocales } from './faker-locales';
import { regionOfLocale } from '@vs/domain';
import { ENGLISH_FEMALE_NAMES, ENGLISH_MALE_NAMES, ENGLISH_SURNAMES } from './data/english-names';
import { JAPANESE_FAMILY_NAMES, JAPANESE_FEMALE_NAMES, JAPANESE_MALE_NAMES } from './data/japanese-names';
import { REAL_CITIES, type RealCity } from './data/real-cities';

/** Word lists a locale writes its people, places and companies with, read once from faker's data. */
export interface LocaleData {
  locale: string;
  language: string;
  region: string | null;
  givenNames: { female: readonly string[]; male: readonly string[] };
  familyNames: { female: readonly string[]; male: readonly string[] };
  /** Latin spellings of names whose script has no single reading (Japanese kanji). */
  latinNames: ReadonlyMap<string, string>;
  /** Family name first (ja, zh, ko, hu) per faker's name patterns. */
  familyFirst: boolean;
  /** '' where names are written without a space (zh, ko). */
  nameSeparator: string;
  honorifics: { female: readonly string[]; male: readonly string[] };
  companySuffixes: readonly string[];
  /** Colour words in the locale's language; empty when faker has none of its own for it. */
  colours: readonly string[];
  /** One-word colours of 3+ letters: the ones that can stand in for a colour word in a product name. */
  singleWordColours: readonly string[];
  /** City names without administrative suffixes (東京都渋谷区 → 渋谷, 横浜市 → 横浜), as names mention them. */
  shortCityNames: readonly string[];
  /** National phone number formats (# a digit, ! a digit 2-9), without extensions. */
  phoneFormats: readonly string[];
  cities: readonly RealCity[];
  countryName: string | null;
  timeZone: string | null;
}

// The main time zone of a region, for datetime offsets written as the locale's exemplars write them.
// prettier-ignore
const TIME_ZONES: Readonly<Record<string, string>> = {
  US: 'America/New_York', CA: 'America/Toronto', MX: 'America/Mexico_City', BR: 'America/Sao_Paulo',
  AR: 'America/Argentina/Buenos_Aires', GB: 'Europe/London', IE: 'Europe/Dublin', DE: 'Europe/Berlin',
  AT: 'Europe/Vienna', CH: 'Europe/Zurich', FR: 'Europe/Paris', BE: 'Europe/Brussels', NL: 'Europe/Amsterdam',
  ES: 'Europe/Madrid', PT: 'Europe/Lisbon', IT: 'Europe/Rome', PL: 'Europe/Warsaw', CZ: 'Europe/Prague',
  SE: 'Europe/Stockholm', NO: 'Europe/Oslo', DK: 'Europe/Copenhagen', FI: 'Europe/Helsinki', GR: 'Europe/Athens',
  TR: 'Europe/Istanbul', RU: 'Europe/Moscow', UA: 'Europe/Kyiv', JP: 'Asia/Tokyo', CN: 'Asia/Shanghai',
  TW: 'Asia/Taipei', HK: 'Asia/Hong_Kong', KR: 'Asia/Seoul', IN: 'Asia/Kolkata', SA: 'Asia/Riyadh',
  AE: 'Asia/Dubai', EG: 'Africa/Cairo', IL: 'Asia/Jerusalem', AU: 'Australia/Sydney', NZ: 'Pacific/Auckland',
  SG: 'Asia/Singapore', TH: 'Asia/Bangkok', VN: 'Asia/Ho_Chi_Minh', ID: 'Asia/Jakarta', ZA: 'Africa/Johannesburg',
};

/** Faker locale keys for a BCP 47 tag, most specific first (de-AT → de_AT, de); never the en/base fallbacks. */
export function fakerLocaleKeys(locale: string): string[] {
  const [language = '', region] = locale.split(/[-_]/);
  const candidates = [region ? `${language.toLowerCase()}_${region.toUpperCase()}` : '', language.toLowerCase()];
  return candidates.filter((key, i) => key !== '' && key in fakerLocales() && candidates.indexOf(key) === i);
}

type Definitions = Record<string, Record<string, unknown> | undefined>;

/** The first definition the locale chain has for module.key (the locale's own data before English). */
function definition(chain: readonly Definitions[], module: string, key: string): unknown {
  for (const locale of chain) {
    const value = locale[module]?.[key];
    if (value !== undefined) return value;
  }
  return undefined;
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A faker name list split by sex: {generic, female, male} or a bare array. */
function bySex(value: unknown): { female: string[]; male: string[] } {
  if (Array.isArray(value)) return { female: stringsOf(value), male: stringsOf(value) };
  const v = (value ?? {}) as Record<string, unknown>;
  const generic = stringsOf(v['generic']);
  const female = [...stringsOf(v['female']), ...generic];
  const male = [...stringsOf(v['male']), ...generic];
  return { female: female.length > 0 ? female : male, male: male.length > 0 ? male : female };
}

function namePatterns(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((p: unknown) =>
    typeof p === 'string' ? p : String((p as { value?: unknown } | null)?.value ?? ''),
  );
}

/** Real cities written the locale's way: its own list, a same-language list, else none. */
function citiesFor(locale: string, language: string, region: string | null): readonly RealCity[] {
  const exact = REAL_CITIES[`${language}-${region ?? ''}`];
  if (exact) return exact;
  const sameLanguage = Object.keys(REAL_CITIES).find((key) => key.startsWith(`${language}-`));
  return sameLanguage ? REAL_CITIES[sameLanguage]! : [];
}

function countryNameOf(locale: string, region: string | null): string | null {
  if (region === null) return null;
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(region) ?? null;
  } catch {
    return null;
  }
}

function withDerived(data: Omit<LocaleData, 'singleWordColours' | 'shortCityNames'>): LocaleData {
  return {
    ...data,
    singleWordColours: data.colours.filter((c) => !/\s/.test(c) && c.length >= 3),
    shortCityNames: data.cities
      .map((c) => c.city.replace(/^.+[都道府県]/u, '').replace(/[市区]$/u, ''))
      .filter((c) => c.length >= 2),
  };
}

function build(locale: string): Omit<LocaleData, 'singleWordColours' | 'shortCityNames'> {
  const language = locale.split(/[-_]/)[0]!.toLowerCase();
  const region = regionOfLocale(locale);
  const own = fakerLocaleKeys(locale).map((key) => fakerLocales()[key] as unknown as Definitions);
  if (language === 'ja') {
    const first = (list: ReadonlyArray<readonly [string, string]>) => list.map(([native]) => native);
    own.unshift({
      person: {
        first_name: { female: first(JAPANESE_FEMALE_NAMES), male: first(JAPANESE_MALE_NAMES) },
        last_name: first(JAPANESE_FAMILY_NAMES),
      },
    });
  }
  const chain = [...own, fakerLocales()['en'] as unknown as Definitions];
  const english = language === 'en' || own.every((d) => d['person']?.['first_name'] === undefined);
  const patterns = namePatterns(definition(chain, 'person', 'name'));
  const plain = patterns.find((p) => !p.includes('prefix') && !p.includes('suffix') && !p.includes('middle'));
  const phones = definition(chain, 'phone_number', 'format') as Record<string, unknown> | undefined;
  const phoneFormats = stringsOf(phones?.['national'] ?? phones?.['human']).filter((f) => !/x|ext/i.test(f));
  const prefixes = bySex(definition(chain, 'person', 'prefix'));
  return {
    locale,
    language,
    region,
    latinNames: new Map(
      language === 'ja' ? [...JAPANESE_FAMILY_NAMES, ...JAPANESE_FEMALE_NAMES, ...JAPANESE_MALE_NAMES] : [],
    ),
    givenNames: english
      ? { female: ENGLISH_FEMALE_NAMES, male: ENGLISH_MALE_NAMES }
      : bySex(definition(chain, 'person', 'first_name')),
    familyNames: english
      ? { female: ENGLISH_SURNAMES, male: ENGLISH_SURNAMES }
      : bySex(definition(chain, 'person', 'last_name')),
    familyFirst: plain !== undefined && plain.indexOf('lastName') < plain.indexOf('firstName'),
    nameSeparator: plain !== undefined && /Name\}\}\{\{/.test(plain) ? '' : ' ',
    honorifics: prefixes,
    companySuffixes: stringsOf(definition(chain, 'company', 'legal_entity_type')).concat(
      stringsOf(definition(chain, 'company', 'suffix')),
    ),
    colours:
      own.length > 0 ? stringsOf(definition(own, 'color', 'human')) : stringsOf(definition(chain, 'color', 'human')),
    phoneFormats: phoneFormats.length > 0 ? phoneFormats : ['### ### ####'],
    cities: citiesFor(locale, language, region),
    countryName: countryNameOf(locale, region),
    timeZone: region === null ? null : (TIME_ZONES[region] ?? null),
  };
}

const cache = new Map<string, LocaleData>();

/** The locale's data, built once per process. */
export function localeData(locale: string): LocaleData {
  let data = cache.get(locale);
  if (!data) {
    data = withDerived(build(locale));
    cache.set(locale, data);
  }
  return data;
}
