import type { Lineage, RecordFields, RecordSchema } from './index';

/** One exemplar as the expander hands it on: provenance (id) plus what the operator wrote. */
export interface ExemplarRef {
  exemplar_id: string;
  prompt: string;
  record: RecordFields;
}

/** An exemplar anywhere in the revision, with where it sits: engines learn fallback distributions from these. */
export interface RevisionExemplarRef extends ExemplarRef {
  locale: string;
  chapter_key: string;
  subchapter_key: string;
}

/**
 * A unit of generation work: a slice of a job's records bound to one subchapter and its exemplars.
 * Record indexes are job-wide, so record ids derived from (job, pack, index) never collide.
 */
export interface PromptPack {
  pack_id: string;
  job_id: string;
  pack_index: number;
  tenant_id: string;
  locale: string;
  template_id: string;
  template_revision: number;
  chapter_key: string;
  chapter_title: string;
  subchapter_key: string;
  subchapter_title: string;
  subchapter_intent: string;
  exemplars: ExemplarRef[];
  record_schema: RecordSchema;
  first_record_index: number;
  record_count: number;
  engine: string;
  token_budget: number | null;
  /**
   * The job's reference instant (ISO 8601, stored on the job row): generated dates fall relative to it, so a
   * rerun yields the same records. Absent on packs written before it existed.
   */
  reference_at?: string | null;
  /** Every exemplar of the revision (all chapters, subchapters and locales); absent on older packs. */
  revision_exemplars?: RevisionExemplarRef[];
}

export interface TokenUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

/** What a generator emits for each planned record: fields, or the reason there are none. */
export interface GeneratedRecord {
  record_id: string;
  job_id: string;
  pack_id: string;
  record_index: number;
  lineage: Lineage;
  fields: RecordFields | null;
  generation_error: string | null;
  usage: TokenUsage;
}

/** The optional LLM judge's verdict on a record's text, with what it cost. */
export interface LlmJudgeScore {
  topicality: number;
  plausibility: number;
  accepted: boolean;
  reason: string;
  model: string;
  prompt_tokens: number;
  completion_tokens: number;
}

export interface QualityScores {
  completeness: number;
  realism: number;
  chapter_coverage: number;
  /** Present only when the validator runs the LLM judge (LLM_JUDGE) and it gave a verdict. */
  llm_judge?: LlmJudgeScore | null;
}

export interface ScoredRecord extends GeneratedRecord {
  scores: QualityScores;
  reasons: string[];
  accepted: boolean;
}
