import type { RevisionProfile } from '../exemplar-profile';
import { compileDateWindowCheck } from './date-window.check';
import { compileEmptyTextCheck } from './empty-text.check';
import { compileExemplarCopyCheck } from './exemplar-copy.check';
import { compileLanguageCheck } from './language.check';
import { compileLlmMetaTextCheck } from './llm-meta-text.check';
import { compilePlaceholderTextCheck } from './placeholder-text.check';
import type { RecordCheck } from './record-check';
import { compileRuleCheck } from './rule.check';
import { compileScriptCheck } from './script.check';

/**
 * The checks whose findings reject a record by themselves, compiled once per revision. Cheap ones run
 * first; language identification (the costliest) only sees text that passed the rest.
 */
export function compileHardChecks(profile: RevisionProfile): RecordCheck {
  const cheap = [
    compileEmptyTextCheck(profile),
    compilePlaceholderTextCheck(profile),
    compileLlmMetaTextCheck(profile),
    compileScriptCheck(profile),
    compileExemplarCopyCheck(profile),
    compileRuleCheck(profile),
    compileDateWindowCheck(profile),
  ];
  const language = compileLanguageCheck(profile);
  return (record) => {
    const findings = cheap.flatMap((check) => check(record));
    return findings.length > 0 ? findings : language(record);
  };
}
