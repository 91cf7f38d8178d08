import { excerptOf, type QualityCheck, type QualityFinding, type RecordFields } from '@vs/contracts';
import type { RecordText } from './record-text';

/** What every check sees of a record: its fields and the few facts of its job that judge them. */
export interface CheckedRecord {
  fields: RecordFields;
  locale: string;
  subchapter_key: string | null;
  /** The job's reference instant in epoch milliseconds; null for a job written before it had one. */
  reference_ms: number | null;
  /** Its text values folded and cut into words once, for all checks. */
  text: RecordText;
}

/** One quality check, compiled once per revision: the findings it has about a record (none when it passes). */
export type RecordCheck = (record: CheckedRecord) => QualityFinding[];

/** A finding that rejects the record by itself. */
export function hardFinding(
  check: QualityCheck,
  field: string | null,
  message: string,
  value?: unknown,
): QualityFinding {
  return {
    check,
    field,
    hard: true,
    penalty: 0,
    message,
    ...(value === undefined ? {} : { excerpt: excerptOf(value) }),
  };
}

/** A finding that costs `penalty` of the record's realism. */
export function softFinding(
  check: QualityCheck,
  field: string | null,
  penalty: number,
  message: string,
  value?: unknown,
): QualityFinding {
  return {
    check,
    field,
    hard: false,
    penalty: Math.round(penalty * 1000) / 1000,
    message,
    ...(value === undefined ? {} : { excerpt: excerptOf(value) }),
  };
}
