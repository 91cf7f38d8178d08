import {
  ENGINE_NAMES,
  FIELD_TYPES,
  JOB_MODES,
  JOB_STATUSES,
  QUALITY_CHECKS,
  TARGET_SURFACES,
  TERMINAL_JOB_STATUSES,
} from '@vs/contracts';
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
  // x-terminal: the statuses a job never leaves, so clients (the console) need no copy of them.
  status: z.enum(JOB_STATUSES).meta({ 'x-terminal': [...TERMINAL_JOB_STATUSES] }),
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
  tokens: z.object({
    prompt_tokens: count,
    completion_tokens: count,
    token_budget: count.nullable(),
    tokens_estimated: z
      .boolean()
      .describe('some tokens were estimated by a tokenizer because the LLM endpoint reported no usage for them'),
  }),
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

const share = z.number().min(0).max(1);
const reasonCheck = z.enum([...QUALITY_CHECKS, 'unnamed']);

/** GET /jobs/:id/quality: JobQualityReport (libs/domain/src/quality-report/quality-report.types.ts). */
export const jobQualityReportSchema = z.object({
  report_version: z.literal(1),
  job_id: z.uuid(),
  template_id: z.string(),
  template_revision: z.number().int(),
  chapter_key: z.string(),
  locale: z.string(),
  generated_at: z.string(),
  records: z.object({ planned: count, accepted: count, rejected: count }),
  mean_scores: z.object({ completeness: share.nullable(), realism: share.nullable() }),
  score: z.object({
    overall: share,
    components: z.object({ field_quality: share.nullable(), coverage: share.nullable(), acceptance: share.nullable() }),
    weights: z.object({ field_quality: z.number(), coverage: z.number(), acceptance: z.number() }),
    composition: z.string(),
  }),
  fields: z.array(
    z.object({
      field: z.string(),
      type: z.enum(FIELD_TYPES),
      kind: z.enum(['categorical', 'numeric', 'datetime', 'free']),
      records: count,
      nulls: count,
      null_share: share,
      distinct_values: count,
      distinct_exact: z.boolean(),
      uniqueness_share: share.nullable(),
      category_adherence: share.nullable(),
      boundary_adherence: share.nullable(),
      bounds: z
        .object({
          min: z.union([z.number(), z.string()]),
          max: z.union([z.number(), z.string()]),
          source: z.enum(['schema', 'exemplars', 'schema+exemplars']),
        })
        .nullable(),
      distribution: z
        .object({
          metric: z.enum(['tv_distance', 'ks_statistic']),
          distance: share,
          exemplar_values: count,
          record_values: count,
        })
        .nullable(),
      categories: z
        .array(z.object({ value: z.string(), record_share: share, exemplar_share: share, in_category: z.boolean() }))
        .nullable(),
      other_categories_share: share.nullable(),
      histogram: z
        .array(z.object({ from: z.number(), to: z.number(), record_share: share, exemplar_share: share }))
        .nullable(),
      score: share.nullable(),
    }),
  ),
  subchapters: z.array(
    z.object({
      subchapter_key: z.string(),
      title: z.string(),
      planned_records: count.nullable(),
      accepted_records: count,
      rejected_records: count,
      coverage: share.nullable(),
    }),
  ),
  rejections: z.object({
    records: count,
    reasons: count,
    by_check: z.array(z.object({ check: reasonCheck, records: count, reasons: count, examples: z.array(z.string()) })),
    by_check_and_field: z.array(z.object({ check: reasonCheck, field: z.string(), reasons: count })),
  }),
  method: z.object({
    reservoir_size: count,
    distinct_sketch_size: count,
    category_cap: count,
    notes: z.array(z.string()),
  }),
});
