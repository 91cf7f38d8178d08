import type { RecordFields, RevisionExemplarRef } from '@vs/contracts';
import type { PlanSubchapter } from './prompt-pack.expander';
import type { RecordScorerOptions } from './record-scorer';

/** The parts of a revision's taxonomy these views read, in the shape seeds and the template store share. */
export interface TaxonomyExemplar {
  exemplar_id: string;
  locale: string;
  prompt: string;
  record: RecordFields;
}
export interface TaxonomySubchapter {
  subchapter_key: string;
  title: string;
  intent: string;
  exemplars: readonly TaxonomyExemplar[];
}
export interface TaxonomyChapter {
  chapter_key: string;
  title: string;
  description?: string;
  subchapters: readonly TaxonomySubchapter[];
}

/** A chapter as planPromptPacks reads it. */
export function chapterPlanInput(chapter: TaxonomyChapter): {
  key: string;
  title: string;
  subchapters: PlanSubchapter[];
} {
  return {
    key: chapter.chapter_key,
    title: chapter.title,
    subchapters: chapter.subchapters.map((s) => ({
      key: s.subchapter_key,
      title: s.title,
      intent: s.intent,
      exemplars: [...s.exemplars],
    })),
  };
}

/** Every exemplar of a revision with the chapter and subchapter it belongs to. */
export function revisionExemplarRefs(chapters: readonly TaxonomyChapter[]): RevisionExemplarRef[] {
  return chapters.flatMap((c) =>
    c.subchapters.flatMap((s) =>
      s.exemplars.map((e) => ({ ...e, chapter_key: c.chapter_key, subchapter_key: s.subchapter_key })),
    ),
  );
}

/** A revision's scorer options: its schema, thresholds, every exemplar with its place, every subchapter's intent. */
export function scorerOptionsFor(revision: {
  record_schema: RecordScorerOptions['record_schema'];
  thresholds?: RecordScorerOptions['thresholds'];
  chapters: readonly TaxonomyChapter[];
}): RecordScorerOptions {
  return {
    record_schema: revision.record_schema,
    thresholds: revision.thresholds,
    exemplars: revisionExemplarRefs(revision.chapters).map((e) => ({
      exemplar_id: e.exemplar_id,
      record: e.record,
      locale: e.locale,
      subchapter_key: e.subchapter_key,
      prompt: e.prompt,
    })),
    // Titles and intents tell the topic check what each subchapter's records are about.
    subchapters: revision.chapters.flatMap((c) =>
      c.subchapters.map((s) => ({
        subchapter_key: s.subchapter_key,
        title: s.title,
        intent: s.intent,
        chapter_title: c.title,
        chapter_description: c.description ?? '',
      })),
    ),
  };
}
