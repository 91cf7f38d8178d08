import { ConflictError, InvalidInputError } from '@vs/contracts';
import type { Database } from '@vs/database';
import type { PoolClient } from 'pg';
import type { Actor } from './actor';
import type { AuditLog } from './audit.log';
import { templateStorageName } from './seed.parser';
import { insertDraftRevision, moveRevision, replaceDraftContent, revisionContentHash } from './revision-content.store';
import type { RevisionContent, RevisionStatus, SeedFile, SeedRevision, SeedTemplate } from './seed.schema';

export interface SeedImportSummary {
  /** `template_id@revision` labels. */
  created: string[];
  unchanged: string[];
  /** Drafts whose content differed and was replaced. */
  replaced: string[];
  templates_created: string[];
  templates_updated: string[];
}

function contentOf(revision: SeedRevision): RevisionContent {
  const { locales, thresholds, notes, record_schema, chapters } = revision;
  return { locales, thresholds, notes, record_schema, chapters };
}

/**
 * Imports a parsed seed in one transaction, all or nothing. Identical revisions are left alone; a
 * differing draft is replaced; a differing published or archived revision is refused, since that is
 * operator-approved content and a seed must never overwrite it.
 */
export class SeedImporter {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {}

  async import(seed: SeedFile, actor: Actor): Promise<SeedImportSummary> {
    const summary: SeedImportSummary = {
      created: [],
      unchanged: [],
      replaced: [],
      templates_created: [],
      templates_updated: [],
    };
    await this.db.transaction(async (client) => {
      await this.refuseStorageNameCollisions(client, seed);
      for (const template of seed.templates) {
        await this.upsertTemplate(client, template, actor, summary);
        for (const revision of template.revisions)
          await this.importRevision(client, template.template_id, revision, actor, summary);
      }
      await this.audit.record(client, actor, {
        action: 'seed.import',
        target_type: 'seed',
        target_id: 'oracle_template_seed_db',
        details: { ...summary },
      });
    });
    return summary;
  }

  /** A new template whose Avro type and sandbox table would be a stored template's is refused, naming both. */
  private async refuseStorageNameCollisions(client: PoolClient, seed: SeedFile): Promise<void> {
    const stored = (await client.query<{ template_id: string }>('SELECT template_id FROM templates')).rows;
    const byName = new Map(stored.map((t) => [templateStorageName(t.template_id), t.template_id]));
    const issues = seed.templates.flatMap((t, i) => {
      const holder = byName.get(templateStorageName(t.template_id));
      return holder !== undefined && holder !== t.template_id
        ? [
            {
              field: `templates[${i}].template_id`,
              problem: `"${t.template_id}" would share the Avro record type and sandbox table "${templateStorageName(t.template_id)}" with the stored template "${holder}"`,
              accepted: 'a template id that differs from every stored one in more than "-" versus "_"',
            },
          ]
        : [];
    });
    if (issues.length > 0) throw new InvalidInputError(`seed file has ${issues.length} problem(s)`, issues);
  }

  private async upsertTemplate(
    client: PoolClient,
    t: SeedTemplate,
    actor: Actor,
    summary: SeedImportSummary,
  ): Promise<void> {
    const values = [t.template_id, t.name, t.domain, t.description, t.default_engine];
    const inserted = await client.query(
      `INSERT INTO templates (template_id, name, domain, description, default_engine) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (template_id) DO NOTHING`,
      values,
    );
    if (inserted.rowCount) {
      summary.templates_created.push(t.template_id);
      await this.audit.record(client, actor, {
        action: 'template.create',
        target_type: 'template',
        target_id: t.template_id,
      });
      return;
    }
    // Template metadata (name, description) is not versioned content; the seed's wording wins.
    const updated = await client.query(
      `UPDATE templates SET name = $2, domain = $3, description = $4, default_engine = $5
       WHERE template_id = $1 AND (name, domain, description, default_engine) IS DISTINCT FROM ($2, $3, $4, $5)`,
      values,
    );
    if (updated.rowCount) {
      summary.templates_updated.push(t.template_id);
      await this.audit.record(client, actor, {
        action: 'template.update',
        target_type: 'template',
        target_id: t.template_id,
      });
    }
  }

  private async importRevision(
    client: PoolClient,
    templateId: string,
    revision: SeedRevision,
    actor: Actor,
    summary: SeedImportSummary,
  ): Promise<void> {
    const label = `${templateId}@${revision.revision}`;
    const content = contentOf(revision);
    const hash = revisionContentHash(content);
    const { rows } = await client.query<{ status: RevisionStatus; content_hash: string }>(
      'SELECT status, content_hash FROM template_revisions WHERE template_id = $1 AND revision = $2 FOR UPDATE',
      [templateId, revision.revision],
    );
    const stored = rows[0];
    if (!stored) {
      await insertDraftRevision(client, templateId, revision.revision, content, actor.name);
      await moveRevision(client, templateId, revision.revision, revision.status);
      summary.created.push(label);
      await this.audit.record(client, actor, {
        action: 'seed.import_revision',
        target_type: 'template_revision',
        target_id: label,
        after_status: revision.status,
      });
      return;
    }
    if (stored.content_hash === hash) {
      // Same content: an operator's lifecycle move (e.g. archiving) wins over the seed's status, except
      // that a stored draft still follows the seed forward.
      if (stored.status === 'draft' && revision.status !== 'draft') {
        await moveRevision(client, templateId, revision.revision, revision.status);
        summary.replaced.push(label);
        await this.audit.record(client, actor, {
          action: 'seed.import_revision',
          target_type: 'template_revision',
          target_id: label,
          before_status: 'draft',
          after_status: revision.status,
        });
      } else {
        summary.unchanged.push(label);
      }
      return;
    }
    if (stored.status !== 'draft') {
      throw new ConflictError(
        `template revision ${label} is ${stored.status} and differs from the seed; published content is never overwritten — give the changed content a new revision number`,
        { template_id: templateId, revision: revision.revision, status: stored.status },
      );
    }
    await replaceDraftContent(client, templateId, revision.revision, content);
    await moveRevision(client, templateId, revision.revision, revision.status);
    summary.replaced.push(label);
    await this.audit.record(client, actor, {
      action: 'seed.import_revision',
      target_type: 'template_revision',
      target_id: label,
      before_status: 'draft',
      after_status: revision.status,
    });
  }
}
