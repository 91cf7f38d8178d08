import type { RecordFields, RecordSchema } from '@vs/contracts';
import { planPromptPacks, type PlanSubchapter, type PromptPackPlanInput } from '../prompt-pack.expander';

export interface QualityPlanSubchapter {
  key: string;
  title: string;
  planned_records: number;
}

/** What a job's records are measured against: its plan and the exemplars generation was steered by. */
export interface QualityReportPlan {
  job_id: string;
  template_id: string;
  template_revision: number;
  chapter_key: string;
  locale: string;
  record_count: number;
  record_schema: RecordSchema;
  subchapters: QualityPlanSubchapter[];
  exemplars: RecordFields[];
  /**
   * The job's reference instant: generators place dates relative to it, so exemplar dates are moved to it
   * before they are compared (null: compared as written).
   */
  reference_at?: string | null;
}

/** The job's locale's exemplars when the subchapter has any, else all of them (the expander's rule). */
function exemplarPool(subchapter: PlanSubchapter, locale: string): RecordFields[] {
  const local = subchapter.exemplars.filter((e) => e.locale === locale);
  return (local.length > 0 ? local : subchapter.exemplars).map((e) => e.record);
}

/**
 * The plan the expander made, recomputed from the same input (planning is pure and deterministic): records
 * per subchapter, and the exemplars of the planned subchapters.
 */
export function qualityReportPlan(input: PromptPackPlanInput): QualityReportPlan {
  const { job, chapter } = input;
  // One pack per subchapter is enough to count: pack size does not change the per-subchapter shares.
  const packs = planPromptPacks({ ...input, max_pack_size: Math.max(1, job.record_count) });
  const planned = new Map<string, number>();
  for (const pack of packs)
    planned.set(pack.subchapter_key, (planned.get(pack.subchapter_key) ?? 0) + pack.record_count);
  const subchapters = chapter.subchapters.filter((s) => planned.has(s.key));
  return {
    job_id: job.job_id,
    template_id: job.template_id,
    template_revision: job.template_revision,
    chapter_key: chapter.key,
    locale: job.locale,
    record_count: job.record_count,
    record_schema: input.record_schema,
    subchapters: subchapters
      .map((s) => ({ key: s.key, title: s.title, planned_records: planned.get(s.key)! }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    exemplars: subchapters.flatMap((s) => exemplarPool(s, job.locale)),
    reference_at: job.reference_at ?? null,
  };
}
