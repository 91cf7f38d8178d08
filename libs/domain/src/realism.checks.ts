import type { RecordField } from '@vs/contracts';
import type { RevisionProfile } from './exemplar-profile';
import { compileCategoryCheck } from './quality/category.check';
import { compileContactCheck } from './quality/contact.check';
import { compileNumericSpanCheck } from './quality/numeric-span.check';
import { softFinding, type RecordCheck } from './quality/record-check';
import { compileTopicCheck } from './quality/topic.check';

/** What an implausible email, URL or phone costs (a field the schema types loosely, e.g. a string with an email semantic). */
export const FORMAT_PENALTY = 0.4;

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@.]{2,}$/;
const PHONE = /^\+?[0-9 ()./-]{6,24}(\s*(x|ext\.?)\s*\d{1,6})?$/i;

function plausibleUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && /\.[a-z]{2,}$/i.test(url.hostname);
  } catch {
    return false;
  }
}

function formatOf(field: RecordField): 'email' | 'url' | 'phone' | null {
  for (const format of ['email', 'url', 'phone'] as const) {
    if (field.type === format || field.semantic?.toLowerCase().includes(format)) return format;
  }
  return null;
}

function plausible(format: 'email' | 'url' | 'phone', value: string): boolean {
  if (format === 'email') return EMAIL.test(value) && value.length <= 254;
  if (format === 'url') return plausibleUrl(value);
  const digits = value.replace(/\D/g, '').length;
  return PHONE.test(value) && digits >= 6 && digits <= 20;
}

function compileFormatCheck(profile: RevisionProfile): RecordCheck {
  const formatted = profile.schema.fields.flatMap((f) => {
    const format = formatOf(f);
    return format ? [{ name: f.name, format }] : [];
  });
  return ({ fields }) =>
    formatted.flatMap(({ name, format }) => {
      const value = fields[name];
      return typeof value === 'string' && value.trim() !== '' && !plausible(format, value)
        ? [softFinding('implausible_value', name, FORMAT_PENALTY, `not a plausible ${format}`, value)]
        : [];
    });
}

/**
 * The soft checks, compiled once per revision: what is implausible rather than wrong (formats, numbers
 * outside the exemplars' span, categories the subchapter never shows, an address not built from the
 * name, a currency foreign to the locale, text about something else). Each costs realism.
 */
export function compileRealismChecks(profile: RevisionProfile): RecordCheck {
  const checks = [
    compileFormatCheck(profile),
    compileNumericSpanCheck(profile),
    compileCategoryCheck(profile),
    compileContactCheck(profile),
    compileTopicCheck(profile),
  ];
  return (record) => checks.flatMap((check) => check(record));
}
