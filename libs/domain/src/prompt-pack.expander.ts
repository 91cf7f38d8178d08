import {
  VelocityError,
  type ExemplarRef,
  type PromptPack,
  type RecordFields,
  type RecordSchema,
  type RevisionExemplarRef,
} from '@vs/contracts';
import { packId } from './record-ids';

export interface PlanExemplar {
  exemplar_id: string;
  prompt: string;
  record: RecordFields;
  locale: string;
}

export interface PlanSubchapter {
  key: string;
  title: string;
  intent: string;
  exemplars: PlanExemplar[];
}

export interface PromptPackPlanInput {
  job: {
    job_id: string;
    tenant_id: string;
    locale: string;
    record_count: number;
    engine: string;
    token_budget: number | null;
    template_id: string;
    template_revision: number;
    chapter_key: string;
    subchapter_key: string | null;
    /** The job's reference instant (ISO 8601), stored on its row. */
    reference_at?: string | null;
  };
  chapter: { key: string; title: string; subchapters: PlanSubchapter[] };
  record_schema: RecordSchema;
  /** Every exemplar of the revision: engines fall back to the revision's distributions where a subchapter is thin. */
  revision_exemplars?: readonly RevisionExemplarRef[];
  max_pack_size?: number;
}

export type PromptPackPlanErrorCode = 'unknown_subchapter' | 'no_exemplars' | 'invalid_plan_input';

const HTTP_STATUS: Record<PromptPackPlanErrorCode, number> = {
  unknown_subchapter: 404,
  no_exemplars: 422,
  invalid_plan_input: 400,
};

/** A plan that can never succeed for this input: not retriable, so the job fails instead of looping. */
export class PromptPackPlanError extends VelocityError {
  constructor(
    readonly code: PromptPackPlanErrorCode,
    message: string,
  ) {
    super(message, false, HTTP_STATUS[code], { code });
  }
}

export const DEFAULT_MAX_PACK_SIZE = 50;
const EXEMPLARS_PER_PACK = 3;

/** Splits `total` into `parts` counts differing by at most 1, the remainder going to the first parts. */
function balancedSplit(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, i) => base + (i < total % parts ? 1 : 0));
}

function chosenSubchapters(input: PromptPackPlanInput): PlanSubchapter[] {
  const { job, chapter } = input;
  // Key order, not storage order, so the plan does not depend on how the database returned rows.
  const sorted = [...chapter.subchapters].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const chosen = job.subchapter_key === null ? sorted : sorted.filter((s) => s.key === job.subchapter_key);
  if (chosen.length === 0) {
    const which = job.subchapter_key === null ? 'any subchapter' : `subchapter "${job.subchapter_key}"`;
    throw new PromptPackPlanError('unknown_subchapter', `chapter "${chapter.key}" has no ${which}`);
  }
  const empty = chosen.find((s) => s.exemplars.length === 0);
  if (empty) throw new PromptPackPlanError('no_exemplars', `subchapter "${empty.key}" has no exemplars`);
  return chosen;
}

/** Exemplars of the job's locale when there are any, else all of them; sorted by id for determinism. */
function exemplarPool(subchapter: PlanSubchapter, locale: string): ExemplarRef[] {
  const local = subchapter.exemplars.filter((e) => e.locale === locale);
  const pool = local.length > 0 ? local : subchapter.exemplars;
  return [...pool]
    .sort((a, b) => (a.exemplar_id < b.exemplar_id ? -1 : a.exemplar_id > b.exemplar_id ? 1 : 0))
    .map(({ exemplar_id, prompt, record }) => ({ exemplar_id, prompt, record }));
}

/** Rotates through the pool so successive packs of a subchapter show different exemplars. */
function exemplarsForPack(pool: ExemplarRef[], ordinal: number): ExemplarRef[] {
  const take = Math.min(EXEMPLARS_PER_PACK, pool.length);
  const start = (ordinal * take) % pool.length;
  return Array.from({ length: take }, (_, i) => pool[(start + i) % pool.length]!);
}

/**
 * How much of the revision's exemplars (as JSON) one pack carries: every pack travels as one Kafka
 * message (1 MB by default), beside its own exemplars and the record schema.
 */
export const MAX_REVISION_EXEMPLAR_BYTES = 256 * 1024;

/** The revision's exemplars a pack carries: the job's chapter first, then the rest, by id, within the byte budget. */
function boundedRevisionExemplars(all: readonly RevisionExemplarRef[], chapterKey: string): RevisionExemplarRef[] {
  const byId = (a: RevisionExemplarRef, b: RevisionExemplarRef) =>
    a.exemplar_id < b.exemplar_id ? -1 : a.exemplar_id > b.exemplar_id ? 1 : 0;
  const ordered = [
    ...all.filter((e) => e.chapter_key === chapterKey).sort(byId),
    ...all.filter((e) => e.chapter_key !== chapterKey).sort(byId),
  ];
  const kept: RevisionExemplarRef[] = [];
  let bytes = 0;
  for (const exemplar of ordered) {
    bytes += Buffer.byteLength(JSON.stringify(exemplar.record)) + exemplar.prompt.length;
    if (bytes > MAX_REVISION_EXEMPLAR_BYTES) break;
    kept.push(exemplar);
  }
  return kept.sort(byId);
}

/**
 * Plans a job's prompt packs: record_count balanced across the chosen subchapters, then each
 * subchapter's share cut into near-equal packs of at most max_pack_size. Pure and deterministic.
 */
export function planPromptPacks(input: PromptPackPlanInput): PromptPack[] {
  const { job, chapter, record_schema } = input;
  const maxPackSize = input.max_pack_size ?? DEFAULT_MAX_PACK_SIZE;
  if (!Number.isInteger(job.record_count) || job.record_count < 1) {
    throw new PromptPackPlanError(
      'invalid_plan_input',
      `record_count must be a positive integer, got ${job.record_count}`,
    );
  }
  if (!Number.isInteger(maxPackSize) || maxPackSize < 1) {
    throw new PromptPackPlanError('invalid_plan_input', `max_pack_size must be a positive integer, got ${maxPackSize}`);
  }
  if (chapter.key !== job.chapter_key) {
    throw new PromptPackPlanError(
      'invalid_plan_input',
      `job asks for chapter "${job.chapter_key}", got "${chapter.key}"`,
    );
  }
  const subchapters = chosenSubchapters(input);
  const revisionExemplars = boundedRevisionExemplars(input.revision_exemplars ?? [], chapter.key);
  const shares = balancedSplit(job.record_count, subchapters.length);
  const packs: PromptPack[] = [];
  let nextRecordIndex = 0;
  subchapters.forEach((subchapter, s) => {
    const share = shares[s]!;
    if (share === 0) return;
    const pool = exemplarPool(subchapter, job.locale);
    balancedSplit(share, Math.ceil(share / maxPackSize)).forEach((count, ordinal) => {
      const packIndex = packs.length;
      packs.push({
        pack_id: packId(job.job_id, packIndex),
        job_id: job.job_id,
        pack_index: packIndex,
        tenant_id: job.tenant_id,
        locale: job.locale,
        template_id: job.template_id,
        template_revision: job.template_revision,
        chapter_key: chapter.key,
        chapter_title: chapter.title,
        subchapter_key: subchapter.key,
        subchapter_title: subchapter.title,
        subchapter_intent: subchapter.intent,
        exemplars: exemplarsForPack(pool, ordinal),
        record_schema,
        first_record_index: nextRecordIndex,
        record_count: count,
        engine: job.engine,
        token_budget: job.token_budget,
        reference_at: job.reference_at ?? null,
        revision_exemplars: revisionExemplars,
      });
      nextRecordIndex += count;
    });
  });
  return packs;
}
