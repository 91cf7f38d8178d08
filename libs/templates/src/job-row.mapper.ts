import type { JobView } from './job.types';

type Row = Record<string, unknown>;
const iso = (v: unknown): string | null =>
  v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v);
// bigint columns arrive as strings from pg; counts here stay far below 2^53.
const num = (v: unknown): number => Number(v ?? 0);

/** A jobs row as the admin surface and CLI show it. */
export function toJobView(row: Row): JobView {
  return {
    job_id: row.job_id as string,
    status: row.status as JobView['status'],
    accepted_records: num(row.accepted_records),
    rejected_records: num(row.rejected_records),
    output_manifest: (row.output_manifest as JobView['output_manifest']) ?? null,
    lineage: row.lineage as JobView['lineage'],
    tenant_id: row.tenant_id as string,
    template_id: row.template_id as string,
    template_revision: num(row.template_revision),
    chapter_key: row.chapter_key as string,
    subchapter_key: (row.subchapter_key as string | null) ?? null,
    locale: row.locale as string,
    record_count: num(row.record_count),
    target_surface: row.target_surface as JobView['target_surface'],
    mode: row.mode as JobView['mode'],
    engine: row.engine as string,
    requested_by: row.requested_by as string,
    idempotency_key: (row.idempotency_key as string | null) ?? null,
    stages: {
      planned_packs: num(row.planned_packs),
      expanded: num(row.expanded_records),
      generated: num(row.generated_records),
      validated: num(row.validated_records),
      accepted: num(row.accepted_records),
      rejected: num(row.rejected_records),
      distributed: num(row.distributed_records),
      dead_lettered: num(row.dead_lettered),
    },
    tokens: {
      prompt_tokens: num(row.prompt_tokens),
      completion_tokens: num(row.completion_tokens),
      token_budget: row.token_budget === null ? null : num(row.token_budget),
      tokens_estimated: row.tokens_estimated === true,
    },
    error: (row.error as string | null) ?? null,
    notice: (row.notice as string | null) ?? null,
    reruns: num(row.reruns ?? 0),
    timestamps: {
      created_at: iso(row.created_at)!,
      updated_at: iso(row.updated_at)!,
      started_at: iso(row.started_at),
      cancel_requested_at: iso(row.cancel_requested_at),
      cancelled_at: iso(row.cancelled_at),
      completed_at: iso(row.completed_at),
      failed_at: iso(row.failed_at),
      rerun_at: iso(row.rerun_at),
    },
  };
}
