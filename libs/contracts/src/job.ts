import { z } from 'zod';
import { catalogKeySchema, idempotencyKeySchema, localeTagSchema, tenantIdSchema } from './identifiers';

export const TARGET_SURFACES = ['analytics_sandbox', 'qa_fixtures', 'demo_bundle'] as const;
export type TargetSurface = (typeof TARGET_SURFACES)[number];

export const JOB_STATUSES = [
  'pending',
  'queued',
  'expanding',
  'generating',
  'validating',
  'distributing',
  'completed',
  'failed',
  'cancelling',
  'cancelled',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const TERMINAL_JOB_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];

export const JOB_MODES = ['production', 'preview'] as const;
export type JobMode = (typeof JOB_MODES)[number];

export const ENGINE_NAMES = ['deterministic', 'openai-compatible'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** The trigger request: the seed plan's contract, exactly these names, plus optional controls. */
export const jobRequestSchema = z
  .object({
    template_id: catalogKeySchema,
    template_revision: z.number().int().positive(),
    chapter_key: catalogKeySchema,
    subchapter_key: catalogKeySchema.nullish(),
    tenant_id: tenantIdSchema,
    locale: localeTagSchema,
    record_count: z.number().int().positive(),
    target_surface: z.enum(TARGET_SURFACES),
    idempotency_key: idempotencyKeySchema.optional(),
    mode: z.enum(JOB_MODES).default('production'),
    engine: z.enum(ENGINE_NAMES).optional(),
    token_budget: z.number().int().positive().optional(),
  })
  .strict();
export type JobRequest = z.infer<typeof jobRequestSchema>;
export type JobRequestInput = z.input<typeof jobRequestSchema>;

/** A rerun of a failed job: optionally with a new token budget (required when the old one is what ran out). */
export const jobRerunRequestSchema = z
  .object({
    token_budget: z.number().int().positive().nullable().optional(),
  })
  .strict();
export type JobRerunRequest = z.infer<typeof jobRerunRequestSchema>;

export interface Lineage {
  template_id: string;
  template_revision: number;
  chapter_key: string;
  subchapter_key: string | null;
  exemplar_ids: string[];
  job_id: string;
  tenant_id: string;
  locale: string;
  engine: string;
  engine_version: string;
}

export interface ManifestOutput {
  location: string;
  format: string;
  record_count: number;
  bytes: number;
  sha256: string;
}

export interface OutputManifest {
  job_id: string;
  target_surface: TargetSurface;
  outputs: ManifestOutput[];
  generated_at: string;
}

/** The result contract the admin surface answers with. */
export interface JobResult {
  job_id: string;
  status: JobStatus;
  accepted_records: number;
  rejected_records: number;
  output_manifest: OutputManifest | null;
  lineage: Omit<Lineage, 'exemplar_ids' | 'engine_version'> & { engine: string };
}
