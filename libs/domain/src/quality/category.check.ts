import type { RevisionProfile } from '../exemplar-profile';
import { softFinding, type RecordCheck } from './record-check';

export const CATEGORY_PENALTIES = { unseen_in_subchapter: 0.2, unseen_in_revision: 0.3 } as const;

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
  const inSubchapter = new Map<string, ReadonlySet<unknown> | null>();
  function seenIn(key: string | null, name: string): ReadonlySet<unknown> | null {
    if (key === null) return null;
    const id = `${key}\u0000${name}`;
    if (!inSubchapter.has(id)) {
      const own = profile.exemplarsOf(key);
      const values = own === profile.exemplars ? [] : own.map((e) => e.record[name]).filter((v) => v !== null);
      inSubchapter.set(id, values.length > 0 ? new Set(values) : null);
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
      if (own && !own.has(value)) {
        const penalty = CATEGORY_PENALTIES.unseen_in_subchapter;
        findings.push(
          softFinding('implausible_value', f.name, penalty, "a value its subchapter's exemplars never use", value),
        );
      }
    }
    return findings;
  };
}
