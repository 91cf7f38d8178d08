import type { OutboxRow } from './outbox.repository';

/** Maps an outbox payload (JSON written by the control plane) onto its topic's Avro record. */
export function toEventValue(row: OutboxRow): Record<string, unknown> {
  const p = row.payload as Record<string, string | number | null | undefined>;
  const base = {
    job_id: row.aggregate_id,
    tenant_id: String(p.tenant_id),
    requested_by: String(p.requested_by ?? 'unknown'),
    requested_at: String(p.requested_at ?? new Date(0).toISOString()),
  };
  if (row.event_type === 'job.cancelled') return base;
  return {
    ...base,
    template_id: String(p.template_id),
    template_revision: Number(p.template_revision),
    chapter_key: String(p.chapter_key),
    subchapter_key: p.subchapter_key == null ? null : String(p.subchapter_key),
    locale: String(p.locale),
    record_count: Number(p.record_count),
    target_surface: String(p.target_surface),
    mode: String(p.mode ?? 'production'),
    engine: String(p.engine ?? 'deterministic'),
    token_budget: p.token_budget == null ? null : Number(p.token_budget),
  };
}
