import type { RevisionProfile } from '../exemplar-profile';
import { checkRecordRules } from '../record-rules';
import { hardFinding, type RecordCheck } from './record-check';

/** The revision's declared cross-field rules (record_schema.rules), each broken one a rejection. */
export function compileRuleCheck(profile: RevisionProfile): RecordCheck {
  const rules = profile.schema.rules ?? [];
  if (rules.length === 0) return () => [];
  return ({ fields, locale }) =>
    checkRecordRules(rules, fields, locale).map((v) =>
      hardFinding('rule_violation', v.field, `${v.rule.rule}: ${v.message}`, fields[v.field]),
    );
}
