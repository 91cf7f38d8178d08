import type { JobMode, JobResult, JobStatus, OutputManifest, TargetSurface } from '@vs/contracts';

/** The result contract plus what the admin surface shows about a job's progress. */
export interface JobView extends JobResult {
  tenant_id: string;
  template_id: string;
  template_revision: number;
  chapter_key: string;
  subchapter_key: string | null;
  locale: string;
  record_count: number;
  target_surface: TargetSurface;
  mode: JobMode;
  engine: string;
  requested_by: string;
  idempotency_key: string | null;
  stages: {
    planned_packs: number;
    expanded: number;
    generated: number;
    validated: number;
    accepted: number;
    rejected: number;
    distributed: number;
    dead_lettered: number;
  };
  tokens: {
    prompt_tokens: number;
    completion_tokens: number;
    token_budget: number | null;
    /** Some of the tokens were estimated by our tokenizer: the LLM endpoint reported no usage for them. */
    tokens_estimated: boolean;
  };
  error: string | null;
  /** What a running job is waiting on, e.g. a paused LLM endpoint. */
  notice: string | null;
  /** How often a failed job was run again under the same job_id. */
  reruns: number;
  timestamps: {
    created_at: string;
    updated_at: string;
    started_at: string | null;
    cancel_requested_at: string | null;
    cancelled_at: string | null;
    completed_at: string | null;
    failed_at: string | null;
    rerun_at: string | null;
  };
  output_manifest: OutputManifest | null;
}

/** Which job this is and what it draws on: stored as the job row's `lineage`, and the head of its event. */
export interface JobLineage {
  job_id: string;
  template_id: string;
  template_revision: number;
  chapter_key: string;
  subchapter_key: string | null;
  tenant_id: string;
  locale: string;
  engine: string;
}

/** What `job.requested` carries on the outbox: the full request the pipeline works from. */
export interface JobRequestedPayload extends JobLineage {
  record_count: number;
  target_surface: TargetSurface;
  mode: JobMode;
  token_budget: number | null;
  idempotency_key: string | null;
  requested_by: string;
  requested_at: string;
  /** 0 for the first run; n for the n-th rerun of a failed job. */
  rerun: number;
}

export interface JobCancelledPayload {
  job_id: string;
  tenant_id: string;
  previous_status: JobStatus;
  requested_by: string;
  requested_at: string;
}

export interface JobQueueFilter {
  status?: JobStatus;
  tenant_id?: string;
  template_id?: string;
  limit?: number;
  offset?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface RejectedRecordView {
  record_id: string;
  record_index: number;
  pack_id: string;
  payload: unknown;
  reasons: string[];
  scores: Record<string, number>;
  lineage: Record<string, unknown>;
  rejected_at: string;
}
