import { ConflictError, InvalidInputError, NotFoundError } from '@vs/contracts';
import type { Database, Queryable } from '@vs/database';
import type { Actor } from './actor';
import type { AuditLog } from './audit.log';
import { insertDraftRevision, loadRevisionContent, moveRevision } from './revision-content.store';
import type { RevisionStatus } from './seed.schema';
import type { RevisionSummary, TemplateRevision, TemplateSummary } from './template.types';

const REVISION_COLUMNS = 'revision, status, locales, content_hash, created_by, created_at, published_at, archived_at';

/** Templates and their revisions: reading, drafting, and the one-way lifecycle draft → published → archived. */
export class TemplateRepository {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<TemplateSummary[]> {
    const templates = await this.db.query<Omit<TemplateSummary, 'revisions'>>(
      'SELECT template_id, name, domain, description, default_engine FROM templates ORDER BY template_id',
    );
    const revisions = await this.db.query<RevisionSummary & { template_id: string }>(
      `SELECT template_id, ${REVISION_COLUMNS} FROM template_revisions ORDER BY template_id, revision`,
    );
    return templates.map((t) => ({
      ...t,
      revisions: revisions.filter((r) => r.template_id === t.template_id).map(({ template_id: _, ...r }) => r),
    }));
  }

  async get(templateId: string): Promise<TemplateSummary> {
    const found = (await this.list()).find((t) => t.template_id === templateId);
    if (!found) throw new NotFoundError(`template_id: no template "${templateId}"`);
    return found;
  }

  /** Loads a revision with its record schema, chapters, subchapters and exemplars (pass a client inside a transaction). */
  async getRevision(templateId: string, revision: number, client: Queryable = this.db.pool): Promise<TemplateRevision> {
    const { rows } = await client.query(
      `SELECT t.template_id, t.name, t.domain, t.default_engine, r.thresholds, r.notes, ${REVISION_COLUMNS.split(', ')
        .map((c) => `r.${c}`)
        .join(', ')}
       FROM templates t JOIN template_revisions r USING (template_id) WHERE t.template_id = $1 AND r.revision = $2`,
      [templateId, revision],
    );
    if (!rows[0]) {
      await this.get(templateId); // names the template when that is what is missing
      throw new NotFoundError(`template_revision: template "${templateId}" has no revision ${revision}`);
    }
    return {
      ...(rows[0] as Omit<TemplateRevision, 'record_schema' | 'chapters'>),
      ...(await loadRevisionContent(client, templateId, revision)),
    };
  }

  /** Holds the revision FOR SHARE until the client's transaction ends: an archive racing a trigger waits for the job row. */
  async holdRevision(client: Queryable, templateId: string, revision: number): Promise<void> {
    await client.query('SELECT 1 FROM template_revisions WHERE template_id = $1 AND revision = $2 FOR SHARE', [
      templateId,
      revision,
    ]);
  }

  /** A new draft numbered after the highest revision, copying the given revision (default: the latest). */
  async createDraft(
    templateId: string,
    options: { from_revision?: number; notes?: string },
    actor: Actor,
  ): Promise<TemplateRevision> {
    return this.db.transaction(async (client) => {
      // Locking the template row serialises concurrent drafts, so each gets its own number.
      const locked = await client.query('SELECT 1 FROM templates WHERE template_id = $1 FOR UPDATE', [templateId]);
      if (!locked.rowCount) throw new NotFoundError(`template_id: no template "${templateId}"`);
      const { rows } = await client.query<{ max: number | null }>(
        'SELECT max(revision) AS max FROM template_revisions WHERE template_id = $1',
        [templateId],
      );
      const latest = rows[0]?.max ?? null;
      const from = options.from_revision ?? latest;
      if (from === null)
        throw new InvalidInputError('nothing to copy', [
          { field: 'from_revision', problem: 'the template has no revision to copy' },
        ]);
      const source = await this.getRevision(templateId, from, client);
      const next = (latest ?? 0) + 1;
      const content = {
        locales: source.locales,
        thresholds: source.thresholds,
        notes: options.notes ?? source.notes,
        record_schema: source.record_schema,
        chapters: source.chapters,
      };
      await insertDraftRevision(client, templateId, next, content, actor.name);
      await this.audit.record(client, actor, {
        action: 'revision.create_draft',
        target_type: 'template_revision',
        target_id: `${templateId}@${next}`,
        after_status: 'draft',
        details: { from_revision: from },
      });
      return this.getRevision(templateId, next, client);
    });
  }

  publish(templateId: string, revision: number, actor: Actor): Promise<TemplateRevision> {
    return this.transition(templateId, revision, 'published', ['draft'], actor);
  }

  archive(templateId: string, revision: number, actor: Actor): Promise<TemplateRevision> {
    return this.transition(templateId, revision, 'archived', ['draft', 'published'], actor);
  }

  private async transition(
    templateId: string,
    revision: number,
    to: RevisionStatus,
    from: RevisionStatus[],
    actor: Actor,
  ): Promise<TemplateRevision> {
    return this.db.transaction(async (client) => {
      const { rows } = await client.query<{ status: RevisionStatus }>(
        'SELECT status FROM template_revisions WHERE template_id = $1 AND revision = $2 FOR UPDATE',
        [templateId, revision],
      );
      if (!rows[0]) return this.getRevision(templateId, revision, client); // throws the precise 404
      const before = rows[0].status;
      if (!from.includes(before)) {
        throw new ConflictError(
          `template revision ${templateId}@${revision} is ${before}; only a ${from.join(' or ')} revision can be ${to}`,
          {
            status: before,
          },
        );
      }
      await moveRevision(client, templateId, revision, to);
      const action = to === 'published' ? 'revision.publish' : 'revision.archive';
      await this.audit.record(client, actor, {
        action,
        target_type: 'template_revision',
        target_id: `${templateId}@${revision}`,
        before_status: before,
        after_status: to,
      });
      return this.getRevision(templateId, revision, client);
    });
  }
}
