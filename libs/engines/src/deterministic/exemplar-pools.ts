import type { PromptPack, RecordFields, RevisionExemplarRef } from '@vs/contracts';

/** An exemplar record with where it sits in the revision. */
export interface PooledExemplar {
  id: string;
  record: RecordFields;
  locale: string | null;
  chapter: string | null;
  subchapter: string | null;
}

/**
 * The exemplars a pack can learn from, nearest first: the pack's own (the subchapter's, of the job's
 * locale when it has any), the same locale elsewhere in the revision, the same language, everything.
 */
export interface ExemplarPools {
  /** The pack's exemplars: each record follows one of them. */
  anchors: PooledExemplar[];
  /** The pack's exemplars of the job's locale (all of them when the pack cannot tell locales apart). */
  subchapterLocal: PooledExemplar[];
  /** Every exemplar of the subchapter in the job's locale (the pack carries only a few of them). */
  subchapterLocalAll: PooledExemplar[];
  /** The subchapter's exemplars in every locale. */
  subchapterAll: PooledExemplar[];
  chapterLocal: PooledExemplar[];
  revisionLocal: PooledExemplar[];
  revisionLanguage: PooledExemplar[];
  revisionAll: PooledExemplar[];
}

const language = (locale: string) => locale.split(/[-_]/)[0]!.toLowerCase();

export function exemplarPools(pack: PromptPack): ExemplarPools {
  const revision: RevisionExemplarRef[] = pack.revision_exemplars ?? [];
  const byId = new Map(revision.map((e) => [e.exemplar_id, e]));
  const given: PooledExemplar[] = pack.exemplars.map((e) => {
    const known = byId.get(e.exemplar_id);
    return {
      id: e.exemplar_id,
      record: e.record,
      locale: known?.locale ?? null,
      chapter: known?.chapter_key ?? pack.chapter_key,
      subchapter: known?.subchapter_key ?? pack.subchapter_key,
    };
  });
  // A pack without exemplars still has one (empty) anchor: every field then falls back to the schema.
  const anchors: PooledExemplar[] =
    given.length > 0
      ? given
      : [{ id: '', record: {}, locale: pack.locale, chapter: pack.chapter_key, subchapter: pack.subchapter_key }];
  const all: PooledExemplar[] =
    revision.length > 0
      ? revision.map((e) => ({
          id: e.exemplar_id,
          record: e.record,
          locale: e.locale,
          chapter: e.chapter_key,
          subchapter: e.subchapter_key,
        }))
      : given;
  // Without revision exemplars the pack's own are taken to be of its locale (the expander prefers those).
  const isLocal = (e: PooledExemplar) => e.locale === null || e.locale === pack.locale;
  const local = all.filter(isLocal);
  const sameSubchapter = (e: PooledExemplar) => e.chapter === pack.chapter_key && e.subchapter === pack.subchapter_key;
  return {
    anchors,
    subchapterLocal: anchors.filter(isLocal),
    subchapterLocalAll: revision.length > 0 ? local.filter(sameSubchapter) : given.filter(isLocal),
    subchapterAll: all.filter(sameSubchapter).length > 0 ? all.filter(sameSubchapter) : anchors,
    chapterLocal: local.filter((e) => e.chapter === pack.chapter_key),
    revisionLocal: local,
    revisionLanguage: all.filter((e) => e.locale === null || language(e.locale) === language(pack.locale)),
    revisionAll: all,
  };
}

/** The first pool that has any value for the field, as that pool's values. */
export function nearestValues<T>(
  pools: ReadonlyArray<readonly PooledExemplar[]>,
  field: string,
  accept: (v: unknown) => v is T,
): T[] {
  for (const pool of pools) {
    const values: T[] = [];
    for (const e of pool) {
      const v: unknown = e.record[field];
      if (accept(v)) values.push(v);
    }
    if (values.length > 0) return values;
  }
  return [];
}

export const isString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
