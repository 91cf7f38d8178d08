import type { RevisionProfile } from '../exemplar-profile';
import { hardFinding, type RecordCheck } from './record-check';

const YEAR_MS = 365.25 * 24 * 3600 * 1000;
const ISO = /^(\d{4,})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Epoch milliseconds of a date or datetime, or null. Years are taken as written: Date.UTC would read
 * year 0-99 as 1900-1999, so the year is set on its own.
 */
export function instantOf(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = ISO.exec(value.trim());
  if (!m) return null;
  const date = new Date(
    Date.UTC(2000, Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)),
  );
  date.setUTCFullYear(Number(m[1]));
  let ms = date.getTime();
  const zone = m[7];
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Number.isFinite(ms) ? ms : null;
}

export const DATE_WINDOW = { years_before: 5, years_after: 2, birth_years_before: 120 } as const;

interface Window {
  from: number;
  to: number;
}

const yearOf = (ms: number) => new Date(ms).getUTCFullYear();

/**
 * Dates must fall in a plausible window around the job's reference instant: events from 5 years before
 * to 2 after, births from 120 years before up to it, widened to cover the field's exemplar dates (a
 * "founded on" field whose exemplars span decades). A birth after another date of the record is wrong
 * too. A job without a reference instant is judged around the latest exemplar date.
 */
export function compileDateWindowCheck(profile: RevisionProfile): RecordCheck {
  const { schema, roles } = profile;
  const dateFields = schema.fields.filter((f) => f.type === 'date' || f.type === 'datetime');
  if (dateFields.length === 0) return () => [];
  const spans = new Map<string, Window>();
  let latest: number | null = null;
  for (const field of dateFields) {
    const seen = profile.exemplars.map((e) => instantOf(e.record[field.name])).filter((t): t is number => t !== null);
    if (seen.length === 0) continue;
    const [min, max] = [Math.min(...seen), Math.max(...seen)];
    const pad = Math.max((max - min) * 0.25, YEAR_MS);
    spans.set(field.name, { from: min - pad, to: max + pad });
    if (!roles.birthDates.has(field.name)) latest = Math.max(latest ?? max, max);
  }

  function windowOf(name: string, reference: number): Window {
    const birth = roles.birthDates.has(name);
    const from = reference - (birth ? DATE_WINDOW.birth_years_before : DATE_WINDOW.years_before) * YEAR_MS;
    const to = birth ? reference : reference + DATE_WINDOW.years_after * YEAR_MS;
    const span = spans.get(name);
    // Exemplars widen an event window; a birth can never be after the reference, whatever they show.
    if (!span) return { from, to };
    return { from: Math.min(from, span.from), to: birth ? to : Math.max(to, span.to) };
  }

  return ({ fields, reference_ms }) => {
    const reference = reference_ms ?? latest;
    const findings = [];
    const instants = new Map<string, number>();
    for (const field of dateFields) {
      const t = instantOf(fields[field.name]);
      if (t === null) continue;
      instants.set(field.name, t);
      if (reference === null) continue;
      const w = windowOf(field.name, reference);
      if (t < w.from || t > w.to) {
        findings.push(
          hardFinding(
            'date_window',
            field.name,
            `outside the plausible window ${yearOf(w.from)}..${yearOf(w.to)} around the job's reference instant`,
            fields[field.name],
          ),
        );
      }
    }
    for (const birth of roles.birthDates) {
      const born = instants.get(birth);
      if (born === undefined) continue;
      for (const [name, t] of instants) {
        if (name !== birth && !roles.birthDates.has(name) && t < born) {
          findings.push(
            hardFinding('date_window', birth, `birth date after ${name} (${String(fields[name])})`, fields[birth]),
          );
        }
      }
    }
    return findings;
  };
}
