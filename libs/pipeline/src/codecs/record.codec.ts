import type { GeneratedRecord, QualityScores, RecordFields } from '@vs/contracts';
import { fromLineageValue, toLineageValue, type LineageValue } from './lineage.codec';

export interface GeneratedRecordValue {
  record_id: string;
  job_id: string;
  pack_id: string;
  record_index: number;
  lineage: LineageValue;
  fields_json: string | null;
  generation_error: string | null;
}

export function toGeneratedRecordValue(
  record: GeneratedRecord,
  parameters: Record<string, string> = {},
): GeneratedRecordValue {
  return {
    record_id: record.record_id,
    job_id: record.job_id,
    pack_id: record.pack_id,
    record_index: record.record_index,
    lineage: toLineageValue(record.lineage, record.usage, parameters),
    fields_json: record.fields === null ? null : JSON.stringify(record.fields),
    generation_error: record.generation_error,
  };
}

export function fromGeneratedRecordValue(
  value: GeneratedRecordValue,
): GeneratedRecord & { parameters: Record<string, string> } {
  const { lineage, usage, parameters } = fromLineageValue(value.lineage);
  return {
    record_id: value.record_id,
    job_id: value.job_id,
    pack_id: value.pack_id,
    record_index: value.record_index,
    lineage,
    usage,
    parameters,
    fields: value.fields_json === null ? null : (JSON.parse(value.fields_json) as RecordFields),
    generation_error: value.generation_error,
  };
}

export interface RejectedRecordValue {
  record_id: string;
  job_id: string;
  pack_id: string;
  record_index: number;
  lineage: LineageValue;
  fields_json: string | null;
  reasons: string[];
  scores: QualityScores;
}
