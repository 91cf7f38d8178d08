import { ENGINE_NAMES, JOB_MODES, JOB_STATUSES, TARGET_SURFACES } from '@vs/contracts';
import { z } from 'zod';

/** Response shapes, as zod, only so the OpenAPI document is generated rather than hand-written. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ field: z.string(), problem: z.string(), accepted: z.string().optional() })),
  }),
});

const count = z.number().int().nonnegative();
const stamp = z.string().nullable();

export const jobResultSchema = z.object({
  job_id: z.uuid(),
  status: z.enum(JOB_STATUSES),
  accepted_records: count,
  rejected_records: count,
  output_manifest: z.record(z.string(), z.unknown()).nullable(),
  lineage: z.object({
    job_id: z.uuid(),
    template_id: z.string(),
    template_revision: z.number().int(),
    chapter_key: z.string(),
    subchapter_key: z.string().nullable(),
    tenant_id: z.string(),
    locale: z.string(),
    engine: z.string(),
  }),
  tenant_id: z.string(),
  template_id: z.string(),
  template_revision: z.number().int(),
  chapter_key: z.string(),
  subchapter_key: z.string().nullable(),
  locale: z.string(),
  record_count: count,
  target_surface: z.enum(TARGET_SURFACES),
  mode: z.enum(JOB_MODES),
  engine: z.enum(ENGINE_NAMES),
  requested_by: z.string(),
  idempotency_key: z.string().nullable(),
  stages: z.object(
    Object.fromEntries(
      [
        'planned_packs',
        'expanded',
        'generated',
        'validated',
        'accepted',
        'rejected',
        'distributed',
        'dead_lettered',
      ].map((k) => [k, count]),
    ),
  ),
  tokens: z.object({ prompt_tokens: count, completion_tokens: count, token_budget: count.nullable() }),
  error: z.string().nullable(),
  notice: z.string().nullable(),
  reruns: count,
  timestamps: z.object(
    Object.fromEntries(
      [
        'created_at',
        'updated_at',
        'started_at',
        'cancel_requested_at',
        'cancelled_at',
        'completed_at',
        'failed_at',
        'rerun_at',
      ].map((k) => [k, stamp]),
    ),
  ),
});

export const revisionSummarySchema = z.object({
  revision: z.number().int(),
  status: z.enum(['draft', 'published', 'archived']),
  locales: z.array(z.string()),
  content_hash: z.string(),
  created_by: z.string(),
  created_at: z.string(),
  published_at: stamp,
  archived_at: stamp,
});

export const templateSummarySchema = z.object({
  template_id: z.string(),
  name: z.string(),
  domain: z.string(),
  description: z.string(),
  default_engine: z.enum(ENGINE_NAMES),
  revisions: z.array(revisionSummarySchema),
});
