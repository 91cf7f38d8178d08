import type { TemplateRevision } from '@vs/templates';

/**
 * Whether a revision may still feed a job: production jobs need a published revision, or one archived
 * after the job was accepted (archiving does not disturb jobs already running); preview jobs may use a draft.
 */
export function revisionUnusableReason(
  revision: Pick<TemplateRevision, 'template_id' | 'revision' | 'status' | 'archived_at'>,
  job: { mode: 'production' | 'preview'; created_at: Date },
): string | null {
  const name = `template ${revision.template_id} revision ${revision.revision}`;
  switch (revision.status) {
    case 'published':
      return null;
    case 'draft':
      return job.mode === 'preview' ? null : `${name} is a draft; only published revisions feed production jobs`;
    case 'archived':
      return revision.archived_at && revision.archived_at > job.created_at
        ? null
        : `${name} was archived before the job was accepted`;
  }
}
