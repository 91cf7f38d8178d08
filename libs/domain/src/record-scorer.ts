import {
  formatFinding,
  type GeneratedRecord,
  type QualityFinding,
  type QualityScores,
  type RecordSchema,
  type ScoredRecord,
} from '@vs/contracts';
import { revisionProfile, type ScoringExemplar, type ScoringSubchapter } from './exemplar-profile';
import type { JobScoringContext } from './job-scoring.context';
import { compileHardChecks } from './quality/hard.checks';
import { minhashOfHashes } from './quality/minhash';
import { compileDuplicateTokens } from './quality/duplicate-tokens';
import { hardFinding } from './quality/record-check';
import { refusalOfGenerationError } from './quality/refusal';
import { RecordText } from './quality/record-text';
import { compileRealismChecks } from './realism.checks';
import { compileRecordValidator } from './record-validator';

export type ScoringThresholds = QualityScores;

export const DEFAULT_SCORING_THRESHOLDS: Readonly<ScoringThresholds> = {
  completeness: 0.8,
  realism: 0.6,
  chapter_coverage: 1,
};

/** Fewer content words than this and a record has too little text to call it a near-duplicate of another. */
const MIN_DUPLICATE_TOKENS = 4;

export interface RecordScorerOptions {
  record_schema: RecordSchema;
  /**
   * Every exemplar of the revision, each with its locale and subchapter where known: checks learn
   * ranges, categories, scripts, languages, topics and what counts as a copy from them.
   */
  exemplars: readonly ScoringExemplar[];
  /** The revision's subchapters with their titles and intents: what each subchapter's records are about. */
  subchapters?: readonly ScoringSubchapter[];
  /** Per template; missing thresholds take the defaults. */
  thresholds?: Partial<ScoringThresholds>;
}

export interface RecordScorer {
  score(record: GeneratedRecord, job: JobScoringContext): ScoredRecord;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Compiles a revision's scoring once (schema validator, field roles, exemplar profiles) for all records
 * of its jobs. A record is accepted when no hard check finds anything and every score reaches its
 * threshold; realism is 1 minus the soft findings' penalties. Every reason is a formatted finding.
 */
export function createRecordScorer(options: RecordScorerOptions): RecordScorer {
  const { record_schema } = options;
  const thresholds = { ...DEFAULT_SCORING_THRESHOLDS, ...options.thresholds };
  const validator = compileRecordValidator(record_schema);
  const profile = revisionProfile(record_schema, options.exemplars, options.subchapters);
  const hardChecks = compileHardChecks(profile);
  const realismChecks = compileRealismChecks(profile);
  const duplicateTokens = compileDuplicateTokens(profile);

  return {
    score(record, job) {
      const chapter_coverage = job.coverageContribution(record.lineage);
      if (record.generation_error !== null || record.fields === null) {
        const message = record.generation_error ?? 'the engine returned no fields';
        // A refusal is the model's decision, not a failure to generate: it is counted and listed on its own.
        const refusal = refusalOfGenerationError(message);
        const finding = refusal
          ? hardFinding('refusal', null, refusal)
          : hardFinding('generation_error', null, message);
        return {
          ...record,
          scores: { completeness: 0, realism: 0, chapter_coverage },
          reasons: [formatFinding(finding)],
          accepted: false,
        };
      }
      const fields = record.fields;
      const findings: QualityFinding[] = validator
        .validate(fields)
        .issues.map((i) => hardFinding('schema', i.field, i.message, i.field === null ? undefined : fields[i.field]));

      // An optional field left null is "not applicable", not missing: only fields that should be there count.
      const expected = record_schema.fields.filter((f) => f.required || (fields[f.name] ?? null) !== null);
      const filled = expected.filter((f) => {
        const value = fields[f.name];
        return value !== null && value !== undefined && !(typeof value === 'string' && value.trim() === '');
      });
      const completeness = expected.length === 0 ? 1 : filled.length / expected.length;

      const text = new RecordText(fields);
      const checked = {
        fields,
        text,
        locale: record.lineage.locale,
        subchapter_key: record.lineage.subchapter_key,
        reference_ms: job.reference_ms,
      };
      findings.push(...hardChecks(checked));
      const soft = realismChecks(checked);
      findings.push(...soft);

      const tokens = duplicateTokens(fields, text);
      const signature = tokens.length >= MIN_DUPLICATE_TOKENS ? minhashOfHashes(tokens) : null;
      const duplicateOf = signature === null ? null : job.duplicateOf(signature, record.record_id);
      if (duplicateOf !== null) {
        findings.push(hardFinding('near_duplicate', null, `nearly the same text as accepted record ${duplicateOf}`));
      }

      const realism = Math.max(0, 1 - soft.reduce((sum, f) => sum + f.penalty, 0));
      const scores: QualityScores = { completeness: round(completeness), realism: round(realism), chapter_coverage };
      for (const key of ['completeness', 'realism', 'chapter_coverage'] as const) {
        if (scores[key] < thresholds[key]) {
          findings.push(hardFinding('threshold', null, `${key} ${scores[key]} below threshold ${thresholds[key]}`));
        }
      }
      if (chapter_coverage === 0) {
        const subchapter = record.lineage.subchapter_key ?? '(none)';
        findings.push(
          hardFinding('lineage', null, `subchapter ${subchapter} or its exemplars are not in the job plan`),
        );
      }
      const accepted = !findings.some((f) => f.hard);
      // Only accepted records count as "seen": a rejected one must not make its later twin a duplicate.
      if (accepted && signature !== null) job.remember(signature, record.record_id);
      return { ...record, scores, reasons: findings.map(formatFinding), accepted };
    },
  };
}
