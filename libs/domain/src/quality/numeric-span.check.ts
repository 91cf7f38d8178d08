import { widenedRange, type NumericRange, type RevisionProfile, type ScoringExemplar } from '../exemplar-profile';
import { softFinding, type RecordCheck } from './record-check';

/**
 * What a number outside its span costs, by how far outside it lies (in units of the span's scale):
 * half a scale beyond costs about a quarter, two scales beyond reaches the most.
 */
export const SPAN_PENALTIES = {
  span: { per_doubling: 0.5, max: 0.6 },
  subchapter: { per_doubling: 0.15, max: 0.2 },
} as const;
/** A quarter of the scale beyond the widened range is free: a few exemplars only hint where a range ends. */
const FREE_EXCESS = 0.25;
/** A locale's own exemplars set the span once it has this many values (prices in JPY are not prices in GBP). */
const MIN_LOCALE_VALUES = 3;

/** How far outside a range a value lies, in units of the range's scale (its span, or its magnitude if larger). */
export function excess(value: number, range: NumericRange): number {
  const scale = Math.max(range.max - range.min, Math.abs(range.max), Math.abs(range.min), 1);
  if (value > range.max) return (value - range.max) / scale;
  if (value < range.min) return (range.min - value) / scale;
  return 0;
}

function cost(over: number, p: { per_doubling: number; max: number }): number {
  return Math.min(p.max, p.per_doubling * Math.log2(1 + Math.max(0, over - FREE_EXCESS)));
}

const fmt = (n: number) => String(+n.toFixed(2));

/**
 * Numbers should look like the exemplars': outside the widened range of the record's locale's exemplars
 * (of the whole revision where the locale has too few) costs up to 0.6 by how far (quantity 50 where
 * exemplars order 1-10 costs the most); inside it but outside its own subchapter's range up to 0.2. (Spans
 * per category value, such as guests per room type, were tried: a few exemplars per value made them
 * reject good records.)
 */
export function compileNumericSpanCheck(profile: RevisionProfile): RecordCheck {
  const fields = profile.schema.fields.filter((f) => f.type === 'integer' || f.type === 'number');
  const numbersOf = (exemplars: readonly ScoringExemplar[], name: string) =>
    exemplars.map((e) => e.record[name]).filter((v): v is number => typeof v === 'number');
  const memo = new Map<string, NumericRange | null>();
  function range(kind: string, name: string, exemplars: () => readonly ScoringExemplar[], min: number) {
    const id = `${kind}\u0000${name}`;
    if (!memo.has(id)) {
      const values = numbersOf(exemplars(), name);
      memo.set(id, values.length >= min ? widenedRange(values) : null);
    }
    return memo.get(id)!;
  }
  const spanOf = (name: string, locale: string) =>
    range(`locale:${locale}`, name, () => profile.exemplars.filter((e) => e.locale === locale), MIN_LOCALE_VALUES) ??
    range('revision', name, () => profile.exemplars, 1);
  const subchapterSpanOf = (name: string, key: string | null) => {
    if (key === null) return null;
    const own = profile.exemplarsOf(key);
    return own === profile.exemplars ? null : range(`subchapter:${key}`, name, () => own, 2);
  };

  return ({ fields: values, locale, subchapter_key }) => {
    const findings = [];
    for (const f of fields) {
      const value = values[f.name];
      if (typeof value !== 'number') continue;
      const span = spanOf(f.name, locale);
      if (!span) continue;
      const over = excess(value, span);
      if (over > 0) {
        const penalty = cost(over, SPAN_PENALTIES.span);
        const message = `${fmt(value)} outside the exemplars' range ${fmt(span.min)}..${fmt(span.max)}`;
        findings.push(softFinding('implausible_value', f.name, penalty, message, value));
        continue;
      }
      const own = subchapterSpanOf(f.name, subchapter_key);
      const overOwn = own ? excess(value, own) : 0;
      if (own && overOwn > 0) {
        const penalty = cost(overOwn, SPAN_PENALTIES.subchapter);
        const message = `${fmt(value)} outside its subchapter's range ${fmt(own.min)}..${fmt(own.max)}`;
        findings.push(softFinding('implausible_value', f.name, penalty, message, value));
      }
    }
    return findings;
  };
}
