import type { Queryable } from '@vs/database';
import type { RecordRule, RecordSchema } from '@vs/contracts';
import type { RevisionContent, RevisionStatus } from './seed.schema';
import { contentHash } from './content-hash';

/** The hash that decides whether two revisions carry the same content (import idempotency). */
export function revisionContentHash(content: RevisionContent): string {
  return contentHash(content);
}

function recordRulesJson(content: RevisionContent): string | null {
  return content.record_schema.rules === undefined ? null : JSON.stringify(content.record_schema.rules);
}

/** Inserts a revision as a draft with all its children; callers then move it to its intended status. */
export async function insertDraftRevision(
  client: Queryable,
  templateId: string,
  revision: number,
  content: RevisionContent,
  createdBy: string,
): Promise<void> {
  await client.query(
    `INSERT INTO template_revisions (template_id, revision, status, locales, thresholds, notes, content_hash, created_by, record_rules)
     VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $8)`,
    [
      templateId,
      revision,
      content.locales,
      JSON.stringify(content.thresholds),
      content.notes,
      revisionContentHash(content),
      createdBy,
      recordRulesJson(content),
    ],
  );
  await insertRevisionChildren(client, templateId, revision, content);
}

/** Replaces a draft's content in place (a draft may have preview jobs pointing at it, so it is not deleted). */
export async function replaceDraftContent(
  client: Queryable,
  templateId: string,
  revision: number,
  content: RevisionContent,
): Promise<void> {
  await client.query('DELETE FROM template_record_fields WHERE template_id = $1 AND revision = $2', [
    templateId,
    revision,
  ]);
  await client.query('DELETE FROM template_chapters WHERE template_id = $1 AND revision = $2', [templateId, revision]);
  await client.query(
    `UPDATE template_revisions SET locales = $3, thresholds = $4, notes = $5, content_hash = $6, record_rules = $7
     WHERE template_id = $1 AND revision = $2 AND status = 'draft'`,
    [
      templateId,
      revision,
      content.locales,
      JSON.stringify(content.thresholds),
      content.notes,
      revisionContentHash(content),
      recordRulesJson(content),
    ],
  );
  await insertRevisionChildren(client, templateId, revision, content);
}

async function insertRevisionChildren(
  client: Queryable,
  templateId: string,
  revision: number,
  content: RevisionContent,
): Promise<void> {
  const fields = content.record_schema.fields.map((f, position) => ({
    ...f,
    position,
    semantic: f.semantic ?? null,
    description: f.description ?? '',
    varies_freely: f.varies_freely ?? null,
  }));
  const chapters = content.chapters.map((c, position) => ({
    chapter_key: c.chapter_key,
    position,
    title: c.title,
    description: c.description,
  }));
  const subchapters = content.chapters.flatMap((c) =>
    c.subchapters.map((s, position) => ({
      chapter_key: c.chapter_key,
      subchapter_key: s.subchapter_key,
      position,
      title: s.title,
      intent: s.intent,
    })),
  );
  const exemplars = content.chapters.flatMap((c) =>
    c.subchapters.flatMap((s) =>
      s.exemplars.map((e, position) => ({
        chapter_key: c.chapter_key,
        subchapter_key: s.subchapter_key,
        position,
        ...e,
      })),
    ),
  );
  // One statement per table keeps a large seed fast and the transaction short.
  await client.query(
    `INSERT INTO template_record_fields (template_id, revision, position, name, type, required, semantic, description, constraints, varies_freely)
     SELECT $1, $2, x.position, x.name, x.type, x.required, x.semantic, x.description, x.constraints, x.varies_freely
     FROM jsonb_to_recordset($3::jsonb) AS x(position int, name text, type text, required boolean, semantic text, description text, constraints jsonb, varies_freely boolean)`,
    [templateId, revision, JSON.stringify(fields)],
  );
  await client.query(
    `INSERT INTO template_chapters (template_id, revision, chapter_key, position, title, description)
     SELECT $1, $2, x.chapter_key, x.position, x.title, x.description
     FROM jsonb_to_recordset($3::jsonb) AS x(chapter_key text, position int, title text, description text)`,
    [templateId, revision, JSON.stringify(chapters)],
  );
  await client.query(
    `INSERT INTO template_subchapters (template_id, revision, chapter_key, subchapter_key, position, title, intent)
     SELECT $1, $2, x.chapter_key, x.subchapter_key, x.position, x.title, x.intent
     FROM jsonb_to_recordset($3::jsonb) AS x(chapter_key text, subchapter_key text, position int, title text, intent text)`,
    [templateId, revision, JSON.stringify(subchapters)],
  );
  await client.query(
    `INSERT INTO template_exemplars (template_id, revision, chapter_key, subchapter_key, exemplar_id, position, locale, prompt, record)
     SELECT $1, $2, x.chapter_key, x.subchapter_key, x.exemplar_id, x.position, x.locale, x.prompt, x.record
     FROM jsonb_to_recordset($3::jsonb) AS x(chapter_key text, subchapter_key text, exemplar_id text, position int, locale text, prompt text, record jsonb)`,
    [templateId, revision, JSON.stringify(exemplars)],
  );
}

/** Moves a revision along its lifecycle; the SQL triggers refuse anything but draft→published→archived. */
export async function moveRevision(
  client: Queryable,
  templateId: string,
  revision: number,
  status: RevisionStatus,
): Promise<void> {
  if (status === 'draft') return;
  const sql =
    status === 'published'
      ? `UPDATE template_revisions SET status = 'published', published_at = now() WHERE template_id = $1 AND revision = $2`
      : `UPDATE template_revisions SET status = 'archived', archived_at = now() WHERE template_id = $1 AND revision = $2`;
  await client.query(sql, [templateId, revision]);
}

/** Reads a revision's content back in the seed's shape, in the order it was written. */
export async function loadRevisionContent(
  client: Queryable,
  templateId: string,
  revision: number,
): Promise<Omit<RevisionContent, 'locales' | 'thresholds' | 'notes'>> {
  const args = [templateId, revision];
  const where = 'WHERE template_id = $1 AND revision = $2';
  // Sequential on purpose: a transaction's client runs one query at a time.
  const fields = await client.query(
    `SELECT name, type, required, semantic, description, constraints, varies_freely FROM template_record_fields ${where} ORDER BY position`,
    args,
  );
  const [revisionRow] = (
    await client.query<{ record_rules: RecordRule[] | null }>(
      `SELECT record_rules FROM template_revisions ${where}`,
      args,
    )
  ).rows;
  const chapters = await client.query(
    `SELECT chapter_key, title, description FROM template_chapters ${where} ORDER BY position`,
    args,
  );
  const subchapters = await client.query(
    `SELECT chapter_key, subchapter_key, title, intent FROM template_subchapters ${where} ORDER BY chapter_key, position`,
    args,
  );
  const exemplars = await client.query(
    `SELECT chapter_key, subchapter_key, exemplar_id, locale, prompt, record FROM template_exemplars ${where} ORDER BY position`,
    args,
  );
  const record_schema = {
    fields: fields.rows.map((f) => ({
      name: f.name,
      type: f.type,
      required: f.required,
      constraints: f.constraints,
      ...(f.semantic !== null ? { semantic: f.semantic } : {}),
      ...(f.description !== '' ? { description: f.description } : {}),
      ...(f.varies_freely !== null ? { varies_freely: f.varies_freely } : {}),
    })),
    ...(revisionRow?.record_rules ? { rules: revisionRow.record_rules } : {}),
  } as RecordSchema;
  return {
    record_schema,
    chapters: chapters.rows.map((c) => ({
      chapter_key: c.chapter_key,
      title: c.title,
      description: c.description,
      subchapters: subchapters.rows
        .filter((s) => s.chapter_key === c.chapter_key)
        .map((s) => ({
          subchapter_key: s.subchapter_key,
          title: s.title,
          intent: s.intent,
          exemplars: exemplars.rows
            .filter((e) => e.chapter_key === c.chapter_key && e.subchapter_key === s.subchapter_key)
            .map((e) => ({ exemplar_id: e.exemplar_id, locale: e.locale, prompt: e.prompt, record: e.record })),
        })),
    })),
  };
}
