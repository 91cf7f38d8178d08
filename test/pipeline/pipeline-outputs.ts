import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { expect } from 'vitest';
import type { Database } from '@vs/database';

/** One line of a surface's JSONL export (see outputLine in the distributor's staged-record). */
export interface OutputLine {
  record_id: string;
  record_index: number;
  fields: Record<string, unknown>;
  lineage: Record<string, unknown>;
  scores: Record<string, number>;
}

export interface ManifestOutputRow {
  location: string;
  format: string;
  record_count: number;
  bytes: number;
  sha256: string;
}

export const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

export function parseJsonl(content: Buffer | string): OutputLine[] {
  const text = content.toString();
  expect(text === '' || text.endsWith('\n'), 'JSONL ends with a newline').toBe(true);
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as OutputLine);
}

export function readFileBytes(path: string): Buffer {
  return readFileSync(path);
}

/** Every entry of a .tar.gz, by name. */
export async function readTarGz(archive: Buffer): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  const tar = extract();
  const done = new Promise<void>((resolve, reject) => {
    tar.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
      stream.on('end', () => {
        entries.set(header.name, Buffer.concat(chunks));
        next();
      });
      stream.on('error', reject);
    });
    tar.on('finish', resolve);
    tar.on('error', reject);
  });
  tar.end(gunzipSync(archive));
  await done;
  return entries;
}

export interface ExpectedLineage {
  job_id: string;
  tenant_id: string;
  template_id: string;
  template_revision: number;
  chapter_key: string;
  locale: string;
  /** The chapter's subchapters; a record's subchapter_key must be one of them. */
  subchapters: readonly string[];
}

/** Full lineage: taxonomy, exemplars, job, tenant, locale and engine, all present and matching the job. */
export function expectFullLineage(lineage: Record<string, unknown>, job: ExpectedLineage): void {
  expect(lineage).toMatchObject({
    template_id: job.template_id,
    template_revision: job.template_revision,
    chapter_key: job.chapter_key,
    job_id: job.job_id,
    tenant_id: job.tenant_id,
    locale: job.locale,
  });
  expect(job.subchapters).toContain(lineage.subchapter_key);
  expect(
    Array.isArray(lineage.exemplar_ids) && lineage.exemplar_ids.length > 0,
    `exemplar_ids ${JSON.stringify(lineage.exemplar_ids)}`,
  ).toBe(true);
  for (const id of lineage.exemplar_ids as unknown[]) expect(typeof id === 'string' && id.length > 0).toBe(true);
  expect(typeof lineage.engine === 'string' && lineage.engine.length > 0, `engine ${String(lineage.engine)}`).toBe(
    true,
  );
  expect(
    typeof lineage.engine_version === 'string' && lineage.engine_version.length > 0,
    `engine_version ${String(lineage.engine_version)}`,
  ).toBe(true);
}

export function expectNoDuplicates(values: readonly string[], what: string): void {
  const seen = new Set(values);
  expect(seen.size, `duplicate ${what}`).toBe(values.length);
}

/** Rejected records are kept on their job, each with named reasons and scores in [0, 1]. */
export async function expectRejectedKept(db: Database, jobId: string, rejected: number): Promise<void> {
  const rows = await db.query<{ record_id: string; reasons: string[]; scores: Record<string, number> }>(
    'SELECT record_id::text, reasons, scores FROM job_rejected_records WHERE job_id = $1',
    [jobId],
  );
  expect(rows).toHaveLength(rejected);
  expectNoDuplicates(
    rows.map((r) => r.record_id),
    'rejected record_id',
  );
  for (const row of rows) {
    expect(row.reasons.length).toBeGreaterThan(0);
    for (const reason of row.reasons) expect(reason.trim()).not.toBe('');
    for (const key of ['completeness', 'realism', 'chapter_coverage']) {
      expect(row.scores[key]).toBeGreaterThanOrEqual(0);
      expect(row.scores[key]).toBeLessThanOrEqual(1);
    }
  }
}
