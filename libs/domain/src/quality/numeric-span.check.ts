import { widenedRange, type NumericRange, type RevisionProfile } from '../exemplar-profile';
import { softFinding, type RecordCheck } from './record-check';

/** What a number outside its span costs: a little just outside, up to `max` far outside (in orders of the span). */
export const SPAN_PENALTIES = {
  revision: { base: 0.25, per_doubling: 0.35, max: 0.6 },
  subchapter: { base: 0.05, per_doubling: 0.15, max: 0.2 },
};

/** How far outside a range a value lies, in units of the range's scale (its span, or its magnitude if larger). */
export function excess(value: number, range: NumericRange): number {
  const scale = Math.max(range.max - range.min, Math.abs(range.max), Math.abs(range.min), 1);
  if (value > range.max) return (value - range.max) / scale;
  if (value < range.min) return (range.min - value) / scale;
  return 0;
}

function cost(over: number, p: { base: number; per_doubling: number; max: number }): number {
  return Math.min(p.max, p.base + p.per_doubling * Math.log2(1 + over));
}

const fmt = (n: number) => String(+n.toFixed(2));

/**
 * Numbers should look like the exemplars': outside the revision's widened exemplar range costs from 0.25
 * to 0.6 depending on how far (quantity 50 where exemplars order 1-10 costs the most); inside it but
 * outside the record's own subchapter's range costs up to 0.2.
 */
export function compileNumericSpanCheck(profile: RevisionProfile): RecordCheck {
  const fields = profile.schema.fields.filter((f) => f.type === 'integer' || f.type === 'number');
  const numbersOf = (exemplars: typeof profile.exemplars, name: string) =>
    exemplars.map((e) => e.record[name]).filter((v): v is number => typeof v === 'number');
  const revisionRanges = new Map<string, NumericRange>();
  for (const f of fields) {
    const range = widenedRange(numbersOf(profile.exemplars, f.name));
    if (range) revisionRanges.set(f.name, range);
  }
  const subchapterRanges = new Map<string, NumericRange | null>();
  function subchapterRange(key: string | null, name: string): NumericRange | null {
    if (key === null) return null;
    const id = `${key}\u0000${name}`;
    if (!subchapterRanges.has(id)) {
      const own = profile.exemplarsOf(key);
      const values = own === profile.exemplars ? [] : numbersOf(own, name);
      subchapterRanges.set(id, values.length >= 2 ? widenedRange(values) : null);
    }
    return subchapterRanges.get(id)!;
  }

  return ({ fields: values, subchapter_key }) => {
    const findings = [];
    for (const f of fields) {
      const value = values[f.name];
      if (typeof value !== 'number') continue;
      const range = revisionRanges.get(f.name);
      if (!range) continue;
      const over = excess(value, range);
      if (over > 0) {
        findings.push(
          softFinding(
            'implausible_value',
            f.name,
            cost(over, SPAN_PENALTIES.revision),
            `${fmt(value)} outside the exemplars' range ${fmt(range.min)}..${fmt(range.max)}`,
            value,
          ),
        );
        continue;
      }
      const own = subchapterRange(subchapter_key, f.name);
      const overOwn = own ? excess(value, own) : 0;
      if (own && overOwn > 0) {
        findings.push(
          softFinding(
            'implausible_value',
            f.name,
            cost(overOwn, SPAN_PENALTIES.subchapter),
            `${fmt(value)} outside its subchapter's range ${fmt(own.min)}..${fmt(own.max)}`,
            value,
          ),
        );
      }
    }
    return findings;
  };
}
