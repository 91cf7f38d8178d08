import { InvalidInputError } from '@vs/contracts';
import type { z } from 'zod';

export interface InputIssue {
  field: string;
  problem: string;
  accepted?: string;
}

/** `['templates', 1, 'name']` → `templates[1].name`: the path an operator can find in their file. */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

type Issue = z.core.$ZodIssue;

function describe(issue: Issue): { problem: string; accepted?: string } {
  switch (issue.code) {
    case 'invalid_type':
      // zod reports a missing key as "received undefined"; say it the way an operator thinks of it.
      return issue.message.includes('received undefined')
        ? { problem: 'is required', accepted: issue.expected }
        : { problem: issue.message, accepted: issue.expected };
    case 'invalid_value':
      return { problem: 'is not one of the accepted values', accepted: issue.values.map(String).join(' | ') };
    case 'too_small':
      return { problem: issue.message, accepted: `${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}` };
    case 'too_big':
      return { problem: issue.message, accepted: `${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}` };
    default:
      return { problem: issue.message };
  }
}

/** Turns zod issues into `{field, problem, accepted}`: one entry per field, unknown keys each named. */
export function zodIssuesToInputIssues(error: z.ZodError, prefix = ''): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ field: formatPath([...issue.path, key], prefix), problem: 'is not a known field; remove it' });
      }
      continue;
    }
    const { problem, accepted } = describe(issue);
    issues.push({ field: formatPath(issue.path, prefix), problem, ...(accepted ? { accepted } : {}) });
  }
  return issues;
}

/** One line an operator can read: `field: problem (accepted: …)`. */
export function issueLine(issue: InputIssue): string {
  return `${issue.field}: ${issue.problem}${issue.accepted ? ` (accepted: ${issue.accepted})` : ''}`;
}

/** More than this many problems in one request are summed up, so 2,000 unknown query keys cannot buy a 70 kB answer. */
export const MAX_LISTED_ISSUES = 20;

/** The 400 for a request: each problem named, up to MAX_LISTED_ISSUES, then how many more there are. */
export function inputRefused(what: string, issues: InputIssue[]): InvalidInputError {
  const listed = issues.slice(0, MAX_LISTED_ISSUES);
  const more = issues.length - listed.length;
  const fields = listed.map((i) => i.field).join(', ') + (more > 0 ? ` and ${more} more` : '');
  if (more > 0) {
    listed.push({
      field: '(request)',
      problem: `${more} more problems not listed`,
      accepted: 'fix those above and send again',
    });
  }
  return new InvalidInputError(`${what} refused: ${fields}`, listed);
}

/** Parses a body or query with zod; failures become a 400 naming each field, its problem and what is accepted. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw inputRefused(what, zodIssuesToInputIssues(parsed.error));
}
