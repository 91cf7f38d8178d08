import type { RecordSchema } from '@vs/contracts';
import type { Chapter, RevisionStatus } from './seed.schema';

export interface RevisionSummary {
  revision: number;
  status: RevisionStatus;
  locales: string[];
  content_hash: string;
  created_by: string;
  created_at: Date;
  published_at: Date | null;
  archived_at: Date | null;
}

export interface TemplateSummary {
  template_id: string;
  name: string;
  domain: string;
  description: string;
  default_engine: string;
  revisions: RevisionSummary[];
}

/** A revision with everything a stage needs: record schema, chapters, subchapters and exemplars. */
export interface TemplateRevision extends RevisionSummary {
  template_id: string;
  name: string;
  domain: string;
  default_engine: string;
  thresholds: { completeness: number; realism: number; chapter_coverage: number };
  notes: string;
  record_schema: RecordSchema;
  chapters: Chapter[];
}
