import type { RevisionProfile } from '../exemplar-profile';
import { softFinding, type RecordCheck } from './record-check';

/**
 * A value the subchapter's exemplars never show is what a status contradicting its subchapter looks like
 * (a delayed shipment "delivered"): on its own it costs enough to reject at the usual threshold. A
 * subchapter with fewer than three exemplars showing the field says less, and costs less.
 */
export const CATEGORY_PENALTIES = { unseen_in_subchapter: 0.45, unseen_in_revision: 0.5, thinly_shown: 0.25 } as const;
const WELL_SHOWN = 3;

/**
 * Categorical values should be ones the subchapter shows: a "delivered" order in a subchapter about
 * cancellations is implausible. Fields marked varies_freely are exempt; a value no exemplar of the
 * revision uses costs more than one another subchapter uses.
 */
export function compileCategoryCheck(profile: RevisionProfile): RecordCheck {
  const fields = profile.schema.fields.filter((f) => f.type === 'enum' && f.varies_freely !== true);
  const inRevision = new Map(
    fields.map((f) => [f.name, new Set(profile.exemplars.map((e) => e.record[f.name]).filter((v) => v !== null))]),
  );
  const inSubchapter = new Map<string, { values: ReadonlySet<unknown>; shown: number } | null>();
  function seenIn(key: string | null, name: string) {
    if (key === null) return null;
    const id = `${key}\u0000${name}`;
    if (!inSubchapter.has(id)) {
      const own = profile.exemplarsOf(key);
      const values = own === profile.exemplars ? [] : own.map((e) => e.record[name]).filter((v) => v !== null);
      inSubchapter.set(id, values.length > 0 ? { values: new Set(values), shown: values.length } : null);
    }
    return inSubchapter.get(id)!;
  }

  return ({ fields: values, subchapter_key }) => {
    const findings = [];
    for (const f of fields) {
      const value = values[f.name];
      if (value === null || value === undefined) continue;
      const revision = inRevision.get(f.name)!;
      if (revision.size > 0 && !revision.has(value)) {
        const penalty = CATEGORY_PENALTIES.unseen_in_revision;
        findings.push(softFinding('implausible_value', f.name, penalty, 'a value no exemplar uses', value));
        continue;
      }
      const own = seenIn(subchapter_key, f.name);
      if (own && !own.values.has(value)) {
        const penalty =
          own.shown >= WELL_SHOWN ? CATEGORY_PENALTIES.unseen_in_subchapter : CATEGORY_PENALTIES.thinly_shown;
        findings.push(
          softFinding('implausible_value', f.name, penalty, "a value its subchapter's exemplars never use", value),
        );
      }
    }
    return findings;
  };
}
