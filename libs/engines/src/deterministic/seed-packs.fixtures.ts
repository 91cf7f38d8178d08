import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  recordSchemaSchema,
  type PromptPack,
  type RecordFields,
  type RecordSchema,
  type RevisionExemplarRef,
} from '@vs/contracts';
import { chapterPlanInput, planPromptPacks, recordId, revisionExemplarRefs } from '@vs/domain';
import type { PlannedRecord } from '../generation-engine';

/** The seeds in the repository: the sample and the showcase (other domains, non-Latin locales, every rule). */
export const SEEDS = ['oracle_template_seed_db.json', 'showcase_seed_db.json'];
export const REFERENCE_AT = '2025-04-01T09:30:00.000Z';

interface SeedRevision {
  revision: number;
  status: string;
  locales: string[];
  record_schema: unknown;
  chapters: Array<{
    chapter_key: string;
    title: string;
    subchapters: Array<{
      subchapter_key: string;
      title: string;
      intent: string;
      exemplars: Array<{ exemplar_id: string; locale: string; prompt: string; record: RecordFields }>;
    }>;
  }>;
}

export interface SeedJob {
  template_id: string;
  locale: string;
  schema: RecordSchema;
  revisionExemplars: RevisionExemplarRef[];
  packs: Array<{ pack: PromptPack; planned: PlannedRecord[] }>;
}

/** One job per published revision, chapter and locale of a seed, its packs planned as the expander plans them. */
export function seedJobs(seed: string, recordsPerJob: number): SeedJob[] {
  return seedFileJobs(join(__dirname, '../../../../seeds', seed), () => recordsPerJob, 'spec');
}

/**
 * The same for any seed file; `recordsPerJob` is told how many jobs the seed makes (a bench spreads a total
 * over them), and job ids start with `prefix`.
 */
export function seedFileJobs(path: string, recordsPerJob: (jobCount: number) => number, prefix: string): SeedJob[] {
  const file = JSON.parse(readFileSync(path, 'utf8')) as {
    templates: Array<{ template_id: string; revisions: SeedRevision[] }>;
  };
  const jobs = file.templates.flatMap((t) =>
    t.revisions
      .filter((r) => r.status === 'published')
      .flatMap((r) => r.chapters.flatMap((c) => r.locales.map((locale) => ({ t, r, c, locale })))),
  );
  const perJob = recordsPerJob(jobs.length);
  return jobs.map(({ t, r, c, locale }) => {
    const schema = recordSchemaSchema.parse(r.record_schema);
    const revisionExemplars = revisionExemplarRefs(r.chapters);
    const packs = planPromptPacks({
      job: {
        job_id: `${prefix}-${t.template_id}-${c.chapter_key}-${locale}`,
        tenant_id: 't',
        locale,
        record_count: perJob,
        engine: 'deterministic',
        token_budget: null,
        template_id: t.template_id,
        template_revision: r.revision,
        chapter_key: c.chapter_key,
        subchapter_key: null,
        reference_at: REFERENCE_AT,
      },
      chapter: chapterPlanInput(c),
      record_schema: schema,
      revision_exemplars: revisionExemplars,
    });
    return {
      template_id: t.template_id,
      locale,
      schema,
      revisionExemplars,
      packs: packs.map((pack) => ({
        pack,
        planned: Array.from({ length: pack.record_count }, (_, i) => {
          const index = pack.first_record_index + i;
          return { record_id: recordId(pack.job_id, pack.pack_index, index), record_index: index };
        }),
      })),
    };
  });
}
