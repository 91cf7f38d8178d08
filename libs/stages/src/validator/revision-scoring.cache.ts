import type { RecordSchema } from '@vs/contracts';
import { createRecordScorer, JobScoringContext, scorerOptionsFor, type RecordScorer } from '@vs/domain';
import type { TemplateRepository, TemplateRevision } from '@vs/templates';

export interface RevisionScoring {
  revision: TemplateRevision;
  record_schema: RecordSchema;
  scorer: RecordScorer;
}

/** Compiles each revision's scorer once (schema validator, exemplar profile) and keeps one context per job. */
export class RevisionScoringCache {
  private readonly revisions = new Map<string, Promise<RevisionScoring>>();
  private readonly jobs = new Map<string, JobScoringContext>();

  constructor(private readonly templates: TemplateRepository) {}

  forRevision(templateId: string, revision: number): Promise<RevisionScoring> {
    const key = `${templateId}\u0000${revision}`;
    let entry = this.revisions.get(key);
    if (!entry) {
      entry = this.load(templateId, revision);
      entry.catch(() => this.revisions.delete(key));
      this.revisions.set(key, entry);
    }
    return entry;
  }

  private async load(templateId: string, revisionNumber: number): Promise<RevisionScoring> {
    const revision = await this.templates.getRevision(templateId, revisionNumber);
    const scorer = createRecordScorer(scorerOptionsFor(revision));
    return { revision, record_schema: revision.record_schema, scorer };
  }

  /**
   * The job's planned subchapters come from its chapter (all subchapters, or the one it asked for); its
   * reference instant (the job row's reference_at) is what dates are judged around.
   */
  contextFor(
    jobId: string,
    scoring: RevisionScoring,
    chapterKey: string,
    subchapterKey: string | null,
    referenceAt: Date | string | null = null,
  ): JobScoringContext {
    let context = this.jobs.get(jobId);
    if (!context) {
      const chapter = scoring.revision.chapters.find((c) => c.chapter_key === chapterKey);
      const planned = (chapter?.subchapters ?? [])
        .filter((s) => subchapterKey === null || s.subchapter_key === subchapterKey)
        .map((s) => ({ subchapter_key: s.subchapter_key, exemplar_ids: s.exemplars.map((e) => e.exemplar_id) }));
      context = new JobScoringContext(planned, { reference_at: referenceAt });
      this.jobs.set(jobId, context);
      // Bounded: the oldest job's context goes first; a long-finished job needs none.
      if (this.jobs.size > 1000) this.jobs.delete(this.jobs.keys().next().value!);
    }
    return context;
  }
}
