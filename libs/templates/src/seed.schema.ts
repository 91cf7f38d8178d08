import { z } from 'zod';
import { ENGINE_NAMES, localeTagSchema, recordSchemaSchema } from '@vs/contracts';

// The same shapes the SQL CHECK constraints enforce, so a seed that parses also inserts.
const key = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, 'use lowercase letters, digits, "_" or "-" (max 100)');
const exemplarId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'use letters, digits, "_", "." or "-" (max 128)');
export const localeSchema = localeTagSchema;

export const REVISION_STATUSES = ['draft', 'published', 'archived'] as const;
export type RevisionStatus = (typeof REVISION_STATUSES)[number];

const score = z.number().min(0).max(1);
export const DEFAULT_THRESHOLDS = { completeness: 0.8, realism: 0.6, chapter_coverage: 1 };
export const thresholdsSchema = z
  .object({ completeness: score, realism: score, chapter_coverage: score })
  .strict()
  .default(DEFAULT_THRESHOLDS);

/**
 * Counts a revision may hold. Every trigger loads the whole revision and every prompt pack carries a
 * subchapter's intent and exemplars, so a seed past these is refused at import (by its path) rather than
 * slowing every job of the template; they sit orders of magnitude above any curated taxonomy.
 */
export const SEED_LIMITS = { chaptersPerRevision: 500, subchaptersPerChapter: 500, exemplarsPerSubchapter: 200 };
const atMost = (max: number, what: string) => `holds more than ${max} ${what}; split it (at most ${max})`;

export const exemplarSchema = z
  .object({
    exemplar_id: exemplarId,
    locale: localeSchema,
    prompt: z.string().min(1),
    record: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .strict();

export const subchapterSchema = z
  .object({
    subchapter_key: key,
    title: z.string().min(1),
    intent: z.string().min(1),
    exemplars: z
      .array(exemplarSchema)
      .min(1)
      .max(SEED_LIMITS.exemplarsPerSubchapter, atMost(SEED_LIMITS.exemplarsPerSubchapter, 'exemplars')),
  })
  .strict();

export const chapterSchema = z
  .object({
    chapter_key: key,
    title: z.string().min(1),
    description: z.string().default(''),
    subchapters: z
      .array(subchapterSchema)
      .min(1)
      .max(SEED_LIMITS.subchaptersPerChapter, atMost(SEED_LIMITS.subchaptersPerChapter, 'subchapters')),
  })
  .strict();

/** What makes up a revision's content: the part that is hashed and, once published, frozen. */
export const revisionContentSchema = z
  .object({
    locales: z.array(localeSchema).min(1),
    thresholds: thresholdsSchema,
    notes: z.string().default(''),
    record_schema: recordSchemaSchema,
    chapters: z
      .array(chapterSchema)
      .min(1)
      .max(SEED_LIMITS.chaptersPerRevision, atMost(SEED_LIMITS.chaptersPerRevision, 'chapters')),
  })
  .strict();

export const seedRevisionSchema = revisionContentSchema.extend({
  revision: z.number().int().positive(),
  status: z.enum(REVISION_STATUSES),
});

export const seedTemplateSchema = z
  .object({
    template_id: key,
    name: z.string().min(1),
    domain: z.string().min(1),
    description: z.string().default(''),
    default_engine: z.enum(ENGINE_NAMES).default('deterministic'),
    revisions: z.array(seedRevisionSchema).min(1),
  })
  .strict();

/** `oracle_template_seed_db.json`: the curated taxonomy an operator imports (format in seeds/README.md). */
export const seedFileSchema = z
  .object({
    format_version: z.literal(1),
    templates: z.array(seedTemplateSchema).min(1),
  })
  .strict();

export type SeedFile = z.infer<typeof seedFileSchema>;
export type SeedTemplate = z.infer<typeof seedTemplateSchema>;
export type SeedRevision = z.infer<typeof seedRevisionSchema>;
export type RevisionContent = z.infer<typeof revisionContentSchema>;
export type Chapter = z.infer<typeof chapterSchema>;
export type Subchapter = z.infer<typeof subchapterSchema>;
export type Exemplar = z.infer<typeof exemplarSchema>;
