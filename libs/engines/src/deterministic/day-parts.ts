/**
 * Times of day a text may name ("this morning", "seit heute Morgen", "depuis hier soir"), each list made of
 * phrases that stand in one another's place after "since" or a verb of the past. A language without a list
 * keeps its texts' times of day as written.
 */
const DAY_PARTS: Readonly<Record<string, readonly string[]>> = {
  en: ['this morning', 'this afternoon', 'last night', 'yesterday evening', 'yesterday afternoon', 'yesterday morning'],
  de: ['heute Morgen', 'heute Vormittag', 'heute Mittag', 'gestern Abend', 'gestern Nachmittag', 'heute Nacht'],
  fr: ['ce matin', 'cet après-midi', 'hier soir', 'cette nuit', 'hier matin', 'hier après-midi'],
  es: ['esta mañana', 'esta tarde', 'anoche', 'ayer por la tarde', 'ayer por la mañana'],
  it: ['stamattina', 'oggi pomeriggio', 'ieri sera', 'stanotte', 'ieri mattina'],
  nl: ['vanochtend', 'vanmiddag', 'gisteravond', 'vannacht', 'gisterochtend'],
  ja: ['今朝', '昨夜', '昨日の夕方', '今日の午後'],
  zh: ['今天早上', '昨天晚上', '今天下午', '昨天下午'],
};

export function dayPartsOf(locale: string): readonly string[] {
  return DAY_PARTS[locale.split(/[-_]/)[0]!.toLowerCase()] ?? [];
}

/** A 12-hour clock time as English writes it (3am, 9 pm): the hour, and how the rest was written. */
export interface TwelveHour {
  start: number;
  end: number;
  hour: number;
  suffix: string;
  space: string;
}

const TWELVE_HOUR = /(?<![\p{L}\p{N}:.])(1[0-2]|[1-9])(\s?)(am|pm|a\.m\.|p\.m\.)(?![\p{L}\p{N}])/giu;

export function twelveHoursIn(text: string): TwelveHour[] {
  return [...text.matchAll(TWELVE_HOUR)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    hour: Number(m[1]),
    suffix: m[3]!,
    space: m[2]!,
  }));
}

/** A day of the month written as an English ordinal (the 15th, on the 1st). */
export interface OrdinalDay {
  start: number;
  end: number;
  day: number;
}

const ORDINAL_DAY = /(?<![\p{L}\p{N}])([1-9]|[12]\d|3[01])(st|nd|rd|th)(?![\p{L}\p{N}])/gu;
const ENGLISH_ORDINALS = new Intl.PluralRules('en', { type: 'ordinal' });
const SUFFIX: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };

/** Ordinal days of an English text; none in other languages, whose ordinals this does not know. */
export function ordinalDaysIn(text: string, locale: string): OrdinalDay[] {
  if (locale.split(/[-_]/)[0]!.toLowerCase() !== 'en') return [];
  return [...text.matchAll(ORDINAL_DAY)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    day: Number(m[1]),
  }));
}

export function ordinalDay(day: number): string {
  return `${day}${SUFFIX[ENGLISH_ORDINALS.select(day)] ?? 'th'}`;
}
