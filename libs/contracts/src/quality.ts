/**
 * The checks the validator runs, by name. Every rejection reason starts with its check's name, so
 * rejected records can be listed and counted by check (`GET /jobs/:id/rejected-records?check=…`).
 * Hard checks reject a record on their own; soft ones lower its realism score.
 */
export const QUALITY_CHECKS = [
  'generation_error',
  'refusal',
  'schema',
  'empty_text',
  'wrong_script',
  'wrong_language',
  'placeholder_text',
  'llm_meta_text',
  'exemplar_copy',
  'rule_violation',
  'date_window',
  'near_duplicate',
  'implausible_value',
  'off_topic',
  'llm_judge',
  'threshold',
  'lineage',
] as const;
export type QualityCheck = (typeof QUALITY_CHECKS)[number];

export interface QualityFinding {
  check: QualityCheck;
  /** The field the finding is about, or null for the whole record. */
  field: string | null;
  /** A hard finding rejects the record by itself; a soft one costs `penalty` of its realism score. */
  hard: boolean;
  penalty: number;
  message: string;
  /** A short excerpt of the offending value, for a reviewer. */
  excerpt?: string;
}

const EXCERPT_LENGTH = 60;

export function excerptOf(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const chars = Array.from(text ?? '');
  return chars.length > EXCERPT_LENGTH ? `${chars.slice(0, EXCERPT_LENGTH).join('')}…` : chars.join('');
}

/** `check: field: message ("excerpt")`, the one written form of a finding. */
export function formatFinding(finding: QualityFinding): string {
  const excerpt = finding.excerpt === undefined ? '' : ` ("${finding.excerpt}")`;
  return `${finding.check}: ${finding.field ?? '(record)'}: ${finding.message}${excerpt}`;
}

/** The check a written reason names, or null for a reason written before checks had names. */
export function reasonCheck(reason: string): QualityCheck | null {
  const name = reason.slice(0, reason.indexOf(':'));
  return (QUALITY_CHECKS as readonly string[]).includes(name) ? (name as QualityCheck) : null;
}
