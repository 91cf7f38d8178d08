import { reasonCheck } from '@vs/contracts';
import type { CheckFieldRejections, CheckRejections, ReasonCheck } from './quality-report.types';

export const RECORD_FIELD = '(record)';
const EXAMPLES_PER_CHECK = 3;
const EXAMPLE_LENGTH = 200;

export interface ParsedReason {
  check: ReasonCheck;
  /** A schema field, or `(record)`. */
  field: string;
}

/**
 * Reads `check: field: message ("excerpt")`; a reason from before checks had names (`field: message`)
 * counts as `unnamed`. Only a name the schema declares counts as a field, so a message that happens to
 * contain ": " is never mistaken for one.
 */
export function parseReason(reason: string, fieldNames: ReadonlySet<string>): ParsedReason {
  const parts = reason.split(': ');
  const check = reasonCheck(reason);
  const candidate = check === null ? parts[0] : parts.length >= 3 ? parts[1] : undefined;
  const field = candidate !== undefined && fieldNames.has(candidate) ? candidate : RECORD_FIELD;
  return { check: check ?? 'unnamed', field };
}

/** Rejection tallies by check and by (check, field); bounded by the number of checks times fields. */
export class RejectionTally {
  private records = 0;
  private reasons = 0;
  private readonly byCheck = new Map<ReasonCheck, { records: number; reasons: number; examples: string[] }>();
  private readonly byCheckField = new Map<string, CheckFieldRejections>();

  constructor(private readonly fieldNames: ReadonlySet<string>) {}

  add(reasons: readonly string[]): void {
    this.records++;
    const checksOfRecord = new Set<ReasonCheck>();
    for (const reason of reasons) {
      this.reasons++;
      const { check, field } = parseReason(reason, this.fieldNames);
      const entry = this.byCheck.get(check) ?? { records: 0, reasons: 0, examples: [] };
      entry.reasons++;
      if (!checksOfRecord.has(check)) entry.records++;
      checksOfRecord.add(check);
      if (entry.examples.length < EXAMPLES_PER_CHECK)
        entry.examples.push(Array.from(reason).slice(0, EXAMPLE_LENGTH).join(''));
      this.byCheck.set(check, entry);
      const key = `${check}\u0000${field}`;
      const pair = this.byCheckField.get(key) ?? { check, field, reasons: 0 };
      pair.reasons++;
      this.byCheckField.set(key, pair);
    }
  }

  finish(): {
    records: number;
    reasons: number;
    by_check: CheckRejections[];
    by_check_and_field: CheckFieldRejections[];
  } {
    return {
      records: this.records,
      reasons: this.reasons,
      by_check: [...this.byCheck.entries()]
        .map(([check, e]) => ({ check, records: e.records, reasons: e.reasons, examples: e.examples }))
        .sort((a, b) => b.records - a.records || b.reasons - a.reasons || cmp(a.check, b.check)),
      by_check_and_field: [...this.byCheckField.values()].sort(
        (a, b) => b.reasons - a.reasons || cmp(a.check, b.check) || cmp(a.field, b.field),
      ),
    };
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
