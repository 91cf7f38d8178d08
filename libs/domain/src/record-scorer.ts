import type { GeneratedRecord, QualityScores, RecordSchema, ScoredRecord } from '@vs/contracts';
import { isTextField } from './exemplar-profile';
import { textFingerprint, type JobScoringContext } from './job-scoring.context';
import { compileRealismChecks, REALISM_PENALTIES, type ScoringExemplar } from './realism.checks';
import { compileRecordValidator } from './record-validator';

export type ScoringThresholds = QualityScores;

export const DEFAULT_SCORING_THRESHOLDS: Readonly<ScoringThresholds> = {
  completeness: 0.8,
  realism: 0.6,
  chapter_coverage: 1,
};

export interface RecordScorerOptions {
  record_schema: RecordSchema;
  /** Every exemplar of the revision: realism learns ranges, scripts and what counts as a copy from them. */
  exemplars: readonly ScoringExemplar[];
  /** Per template; missing thresholds take the defaults. */
  thresholds?: Partial<ScoringThresholds>;
}

export interface RecordScorer {
  score(record: GeneratedRecord, job: JobScoringContext): ScoredRecord;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Compiles a revision's scoring once (schema validator, exemplar profile) for all records of its jobs. */
export function createRecordScorer(options: RecordScorerOptions): RecordScorer {
  const { record_schema } = options;
  const thresholds = { ...DEFAULT_SCORING_THRESHOLDS, ...options.thresholds };
  const validator = compileRecordValidator(record_schema);
  const realismChecks = compileRealismChecks(record_schema, options.exemplars);
  const textFields = record_schema.fields.filter(isTextField);

  return {
    score(record, job) {
      const chapter_coverage = job.coverageContribution(record.lineage);
      if (record.generation_error !== null || record.fields === null) {
        const reason = `generation_error: ${record.generation_error ?? 'the engine returned no fields'}`;
        return {
          ...record,
          scores: { completeness: 0, realism: 0, chapter_coverage },
          reasons: [reason],
          accepted: false,
        };
      }
      const fields = record.fields;
      const reasons = validator.validate(fields).errors;
      const schemaValid = reasons.length === 0;

      const filled = record_schema.fields.filter((f) => {
        const value = fields[f.name];
        return value !== null && value !== undefined && !(typeof value === 'string' && value.trim() === '');
      });
      const completeness = filled.length / record_schema.fields.length;

      const findings = realismChecks(fields, record.lineage.locale);
      const fingerprint = textFingerprint(
        textFields.map((f) => fields[f.name]).filter((v): v is string => typeof v === 'string'),
      );
      const duplicateOf = fingerprint === null ? null : job.duplicateOf(fingerprint, record.record_id);
      if (duplicateOf !== null) {
        findings.push({
          penalty: REALISM_PENALTIES.near_duplicate,
          reason: `(record): near-duplicate of record ${duplicateOf}`,
        });
      }
      const realism = Math.max(0, 1 - findings.reduce((sum, f) => sum + f.penalty, 0));
      reasons.push(...findings.map((f) => f.reason));

      const scores: QualityScores = { completeness: round(completeness), realism: round(realism), chapter_coverage };
      for (const key of ['completeness', 'realism', 'chapter_coverage'] as const) {
        if (scores[key] < thresholds[key]) reasons.push(`${key}: ${scores[key]} below threshold ${thresholds[key]}`);
      }
      if (chapter_coverage === 0) {
        reasons.push(
          `lineage: subchapter ${record.lineage.subchapter_key ?? '(none)'} or its exemplars are not in the job plan`,
        );
      }
      const accepted =
        schemaValid && (Object.keys(thresholds) as Array<keyof QualityScores>).every((k) => scores[k] >= thresholds[k]);
      // Only accepted records count as "seen": a rejected one must not make its later twin a duplicate.
      if (accepted && fingerprint !== null) job.remember(fingerprint, record.record_id);
      return { ...record, scores, reasons, accepted };
    },
  };
}
