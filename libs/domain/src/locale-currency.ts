/**
 * ISO 4217 currency of a region (ISO 3166-1 alpha-2), for the `currency_of_locale` rule. Covers the
 * regions locales usually name; a locale without a region, or with a region not listed, has no
 * known currency and the rule is not applied to it.
 */
// prettier-ignore
const CURRENCY_BY_REGION: Readonly<Record<string, string>> = {
  AT: 'EUR', BE: 'EUR', CY: 'EUR', DE: 'EUR', EE: 'EUR', ES: 'EUR', FI: 'EUR', FR: 'EUR', GR: 'EUR', HR: 'EUR',
  IE: 'EUR', IT: 'EUR', LT: 'EUR', LU: 'EUR', LV: 'EUR', MT: 'EUR', NL: 'EUR', PT: 'EUR', SI: 'EUR', SK: 'EUR',
  GB: 'GBP', CH: 'CHF', LI: 'CHF', NO: 'NOK', SE: 'SEK', DK: 'DKK', IS: 'ISK', PL: 'PLN', CZ: 'CZK', HU: 'HUF',
  RO: 'RON', BG: 'BGN', RS: 'RSD', UA: 'UAH', RU: 'RUB', BY: 'BYN', TR: 'TRY', GE: 'GEL', AM: 'AMD', AZ: 'AZN',
  US: 'USD', CA: 'CAD', MX: 'MXN', BR: 'BRL', AR: 'ARS', CL: 'CLP', CO: 'COP', PE: 'PEN', UY: 'UYU', VE: 'VES',
  EC: 'USD', PR: 'USD', CR: 'CRC', GT: 'GTQ', DO: 'DOP', PA: 'PAB', BO: 'BOB', PY: 'PYG', JP: 'JPY', CN: 'CNY',
  TW: 'TWD', HK: 'HKD', MO: 'MOP', KR: 'KRW', IN: 'INR', PK: 'PKR', BD: 'BDT', LK: 'LKR', NP: 'NPR', ID: 'IDR',
  MY: 'MYR', SG: 'SGD', TH: 'THB', VN: 'VND', PH: 'PHP', KH: 'KHR', MM: 'MMK', KZ: 'KZT', UZ: 'UZS', MN: 'MNT',
  AU: 'AUD', NZ: 'NZD', AE: 'AED', SA: 'SAR', QA: 'QAR', KW: 'KWD', BH: 'BHD', OM: 'OMR', JO: 'JOD', LB: 'LBP',
  IL: 'ILS', IR: 'IRR', IQ: 'IQD', EG: 'EGP', MA: 'MAD', DZ: 'DZD', TN: 'TND', NG: 'NGN', KE: 'KES', GH: 'GHS',
  ZA: 'ZAR', ET: 'ETB', TZ: 'TZS', UG: 'UGX', SN: 'XOF', CI: 'XOF', CM: 'XAF',
};

/**
 * Where a language tag carries no region, the region its speakers most often mean (zh → CN, ja → JP);
 * only for languages spoken in essentially one currency area.
 */
// prettier-ignore
const LIKELY_REGION: Readonly<Record<string, string>> = {
  ja: 'JP', ko: 'KR', zh: 'CN', he: 'IL', th: 'TH', vi: 'VN', pl: 'PL', cs: 'CZ', hu: 'HU', ro: 'RO', bg: 'BG',
  uk: 'UA', ru: 'RU', tr: 'TR', sv: 'SE', da: 'DK', nb: 'NO', nn: 'NO', is: 'IS', fi: 'FI', el: 'GR', et: 'EE',
  lv: 'LV', lt: 'LT', sk: 'SK', sl: 'SI', hr: 'HR', id: 'ID', ms: 'MY', fa: 'IR', hi: 'IN', bn: 'BD',
};

/** The region of a BCP 47 tag (de-DE → DE, zh-Hant-TW → TW, es-419 → null), or the language's likely region. */
export function regionOfLocale(locale: string): string | null {
  const parts = locale.split(/[-_]/);
  const region = parts.slice(1).find((p) => /^[A-Za-z]{2}$/.test(p));
  if (region) return region.toUpperCase();
  return LIKELY_REGION[parts[0]!.toLowerCase()] ?? null;
}

/** The ISO 4217 code a locale's prices are written in, or null when the locale does not say. */
export function currencyOfLocale(locale: string): string | null {
  const region = regionOfLocale(locale);
  return region === null ? null : (CURRENCY_BY_REGION[region] ?? null);
}
