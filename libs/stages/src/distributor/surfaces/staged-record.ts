import type { QualityScores, RecordFields, RecordSchema } from '@vs/contracts';
import type { JobForOutput, LineageValue } from '@vs/pipeline';

/** An accepted record as staged for its job, in record_index order. */
export interface StagedRecord {
  record_id: string;
  record_index: number;
  fields: RecordFields;
  lineage: LineageValue;
  scores: QualityScores;
}

/** The job row the finaliser locked, with its revision's record schema. */
export interface FinalizingJob extends JobForOutput {
  record_schema: RecordSchema;
}

/** One JSONL line per record: id, index, the fields, full lineage and scores. */
export function outputLine(record: StagedRecord): Record<string, unknown> {
  return {
    record_id: record.record_id,
    record_index: record.record_index,
    fields: record.fields,
    lineage: record.lineage,
    scores: record.scores,
  };
}
