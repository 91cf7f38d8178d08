import type { QualityScores, RecordFields, RecordSchema, TargetSurface } from '@vs/contracts';
import type { LineageValue } from '@vs/pipeline';

/** An accepted record as staged for its job, in record_index order. */
export interface StagedRecord {
  record_id: string;
  record_index: number;
  fields: RecordFields;
  lineage: LineageValue;
  scores: QualityScores;
}

export interface FinalizingJob {
  job_id: string;
  tenant_id: string;
  template_id: string;
  template_revision: number;
  chapter_key: string;
  subchapter_key: string | null;
  locale: string;
  engine: string;
  token_budget: number | null;
  /** The instant the job's dates were generated around (absent on rows from before migration 0009). */
  reference_at: Date | null;
  target_surface: TargetSurface;
  mode: 'production' | 'preview';
  record_count: number;
  accepted_records: number;
  rejected_records: number;
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
