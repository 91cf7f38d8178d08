import { RE2JS } from 're2js';

/**
 * Field patterns run against every generated record and every exemplar, so they are evaluated by
 * RE2 (re2js): linear time in the input, whatever the pattern. A backtracking engine takes exponential
 * time on `^(a+)+$` against a near miss, which hung the importer. RE2 syntax is JavaScript's minus
 * backreferences and lookaround, which is what makes the guarantee possible.
 */
const MAX_PATTERN_LENGTH = 500;
const compiled = new Map<string, RE2JS>();

/** Why a pattern cannot be used, or null when it can. */
export function patternProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `pattern is longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern);
  } catch (error) {
    return `pattern is not a valid regular expression: ${(error as Error).message}`;
  }
  try {
    RE2JS.compile(pattern);
  } catch (error) {
    return `pattern uses syntax a linear-time matcher cannot run (${(error as Error).message.replace(/^error parsing regexp: /, '')}); write it without backreferences or lookaround`;
  }
  return null;
}

/** Whether `value` matches `pattern` somewhere (like RegExp.test), in linear time. */
export function patternMatches(pattern: string, value: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    re = RE2JS.compile(pattern);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re.matcher(value).find();
}
