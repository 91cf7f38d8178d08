import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRequestInput } from '@vs/contracts';
import { isQualityReportOutput, recordOutputs, toJsonl } from '@vs/domain';
// The surface's own export line, so the test reproduces exactly what the manifest hashed.
import { outputLine, type StagedRecord } from '../../libs/stages/src/distributor/surfaces/staged-record';
import { isTerminal, pipelineHarness, type JobRow, type PipelineHarness } from './pipeline.harness';
import {
  expectFullLineage,
  expectNoDuplicates,
  expectRejectedKept,
  parseJsonl,
  readFileBytes,
  readTarGz,
  sha256,
  type ExpectedLineage,
  type ManifestOutputRow,
} from './pipeline-outputs';

const SUBCHAPTERS: Record<string, string[]> = {
  disputes: ['unrecognised_charge', 'duplicate_charge'],
  new_patient_registration: ['primary_care_intake', 'specialist_referral'],
  returns_refunds: ['size_exchange', 'refund_request'],
  loyalty_promotions: ['coupon_redemption', 'member_perks'],
};

const JOBS = {
  sandbox: {
    template_id: 'fintech-card-support',
    template_revision: 1,
    chapter_key: 'disputes',
    tenant_id: 'acme',
    locale: 'de-DE',
    record_count: 400,
    target_surface: 'analytics_sandbox',
  },
  fixtures: {
    template_id: 'healthcare-appointment-intake',
    template_revision: 1,
    chapter_key: 'new_patient_registration',
    tenant_id: 'globex',
    locale: 'fr-FR',
    record_count: 350,
    target_surface: 'qa_fixtures',
  },
  bundle: {
    template_id: 'retail-customer-orders',
    template_revision: 1,
    chapter_key: 'returns_refunds',
    subchapter_key: 'refund_request',
    tenant_id: 'initech',
    locale: 'en-US',
    record_count: 300,
    target_surface: 'demo_bundle',
  },
  preview: {
    template_id: 'retail-customer-orders',
    template_revision: 2,
    chapter_key: 'loyalty_promotions',
    tenant_id: 'acme',
    locale: 'de-DE',
    record_count: 40,
    target_surface: 'qa_fixtures',
    mode: 'preview',
  },
} satisfies Record<string, JobRequestInput>;

type Manifest = { job_id: string; target_surface: string; outputs: ManifestOutputRow[] };

describe('target surfaces: one completed job per surface, full lineage, manifests that match the bytes', () => {
  let h: PipelineHarness;
  const ids: Record<keyof typeof JOBS, string> = { sandbox: '', fixtures: '', bundle: '', preview: '' };
  const rows: Partial<Record<keyof typeof JOBS, JobRow>> = {};

  beforeAll(async () => {
    h = await pipelineHarness('surfaces');
    await h.start();
    for (const name of Object.keys(JOBS) as (keyof typeof JOBS)[]) ids[name] = await h.trigger(JOBS[name]);
    for (const name of Object.keys(JOBS) as (keyof typeof JOBS)[])
      rows[name] = await h.waitForJob(ids[name], isTerminal, 240_000);
    console.log(
      JSON.stringify(
        Object.fromEntries(
          Object.entries(rows).map(([name, row]) => [
            name,
            {
              status: row!.status,
              accepted: row!.accepted_records,
              rejected: row!.rejected_records,
              seconds: seconds(row!),
            },
          ]),
        ),
      ),
    );
  }, 300_000);
  afterAll(async () => h?.close());

  const expected = (name: keyof typeof JOBS): ExpectedLineage => ({
    ...JOBS[name],
    job_id: ids[name],
    subchapters:
      'subchapter_key' in JOBS[name] ? [JOBS[name].subchapter_key as string] : SUBCHAPTERS[JOBS[name].chapter_key]!,
  });

  /** What every distributed job shares: completed, every planned record decided, rejects kept with reasons. */
  async function expectCompletedAndAccountedFor(name: keyof typeof JOBS): Promise<Manifest> {
    const row = rows[name]!;
    expect(row.status, String(row.error)).toBe('completed');
    expect(row.accepted_records + row.rejected_records).toBe(JOBS[name].record_count);
    expect(row.accepted_records).toBeGreaterThan(0);
    await expectRejectedKept(h.database.db, ids[name], row.rejected_records);
    const manifest = row.output_manifest as Manifest;
    expect(manifest).toMatchObject({ job_id: ids[name], target_surface: JOBS[name].target_surface });
    // File surfaces list the job's quality.html and quality.json too (test/pipeline/quality-report.test.ts).
    expect(manifest.outputs.filter(isQualityReportOutput)).toHaveLength(
      JOBS[name].target_surface === 'analytics_sandbox' ? 0 : 2,
    );
    const outputs = recordOutputs(manifest.outputs);
    expect(outputs).toHaveLength(1);
    expect(outputs[0]!.record_count).toBe(row.accepted_records);
    return { ...manifest, outputs };
  }

  it('analytics_sandbox: typed insert-only rows with full lineage, hashed as the canonical JSONL export', async () => {
    const manifest = await expectCompletedAndAccountedFor('sandbox');
    const [output] = manifest.outputs;
    expect(output!.format).toBe('postgresql_table+jsonl_sha256');
    const table = /^postgresql:(analytics_sandbox\.[a-z0-9_]+)\?job_id=(.+)$/.exec(output!.location);
    expect(table, output!.location).not.toBeNull();
    expect(table![1]).toBe('analytics_sandbox.fintech_card_support_r1');
    expect(table![2]).toBe(ids.sandbox);

    const sandboxRows = await h.database.db.query<{
      record_id: string;
      tenant_id: string;
      record_index: number;
      lineage: Record<string, unknown>;
      scores: Record<string, number>;
      row: Record<string, unknown>;
    }>(
      `SELECT record_id::text, tenant_id, record_index, lineage, scores, to_jsonb(t) AS row FROM ${table![1]} t WHERE job_id = $1 ORDER BY record_index`,
      [ids.sandbox],
    );
    expect(sandboxRows).toHaveLength(rows.sandbox!.accepted_records);
    expectNoDuplicates(
      sandboxRows.map((r) => r.record_id),
      'sandbox record_id',
    );
    expectNoDuplicates(
      sandboxRows.map((r) => String(r.record_index)),
      'sandbox record_index',
    );
    for (const r of sandboxRows) {
      expect(r.tenant_id).toBe(JOBS.sandbox.tenant_id);
      expectFullLineage(r.lineage, expected('sandbox'));
    }

    // The export the manifest describes, rebuilt from the staged records with the surface's own line format.
    const staged = await h.database.db.query<StagedRecord>(
      'SELECT record_id::text, record_index, fields, lineage, scores FROM job_accepted_records WHERE job_id = $1 ORDER BY record_index',
      [ids.sandbox],
    );
    const jsonl = toJsonl(staged.map(outputLine));
    expect(sha256(jsonl)).toBe(output!.sha256);
    expect(Buffer.byteLength(jsonl)).toBe(output!.bytes);

    // And the table holds exactly those records: same ids, same typed values, same lineage and scores.
    expect(sandboxRows.map((r) => r.record_id)).toEqual(staged.map((s) => s.record_id));
    staged.forEach((record, i) => {
      const row = sandboxRows[i]!;
      expect(row.lineage).toEqual(record.lineage);
      expect(row.scores).toEqual(record.scores);
      for (const [field, value] of Object.entries(record.fields))
        expect(normalise(row.row[field]), field).toEqual(normalise(value));
    });
    const [{ n }] = await h.database.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table![1]}`);
    expect(Number(n)).toBe(rows.sandbox!.accepted_records);
  });

  it('qa_fixtures: a JSONL file whose bytes match the manifest, every line with full lineage, no duplicates', async () => {
    const manifest = await expectCompletedAndAccountedFor('fixtures');
    const [output] = manifest.outputs;
    expect(output!.format).toBe('jsonl');
    expect(output!.location.startsWith(h.outputRoot)).toBe(true);
    const bytes = readFileBytes(output!.location);
    expect(bytes.length).toBe(output!.bytes);
    expect(sha256(bytes)).toBe(output!.sha256);
    const lines = parseJsonl(bytes);
    expect(lines).toHaveLength(output!.record_count);
    expectNoDuplicates(
      lines.map((l) => l.record_id),
      'JSONL record_id',
    );
    for (const line of lines) {
      expectFullLineage(line.lineage, expected('fixtures'));
      expect(Object.keys(line.fields).length).toBeGreaterThan(0);
    }
  });

  it('demo_bundle: a tar.gz matching the manifest, holding records.jsonl (full lineage), the quality report, manifest.json and README.md', async () => {
    const manifest = await expectCompletedAndAccountedFor('bundle');
    const [output] = manifest.outputs;
    expect(output!.format).toBe('tar+gzip');
    const archive = readFileBytes(output!.location);
    expect(archive.length).toBe(output!.bytes);
    expect(sha256(archive)).toBe(output!.sha256);

    const entries = await readTarGz(archive);
    expect([...entries.keys()].sort()).toEqual([
      'README.md',
      'manifest.json',
      'quality.html',
      'quality.json',
      'records.jsonl',
    ]);
    const recordsJsonl = entries.get('records.jsonl')!;
    const lines = parseJsonl(recordsJsonl);
    expect(lines).toHaveLength(output!.record_count);
    expectNoDuplicates(
      lines.map((l) => l.record_id),
      'bundle record_id',
    );
    for (const line of lines) {
      expectFullLineage(line.lineage, expected('bundle'));
      expect(line.lineage.subchapter_key).toBe('refund_request');
    }
    const inner = JSON.parse(entries.get('manifest.json')!.toString()) as {
      job_id: string;
      outputs: ManifestOutputRow[];
    };
    expect(inner.job_id).toBe(ids.bundle);
    expect(inner.outputs.filter(isQualityReportOutput).map((o) => o.location)).toEqual([
      'quality.html',
      'quality.json',
    ]);
    expect(recordOutputs(inner.outputs)).toEqual([
      {
        location: 'records.jsonl',
        format: 'jsonl',
        record_count: lines.length,
        bytes: recordsJsonl.length,
        sha256: sha256(recordsJsonl),
      },
    ]);
    expect(entries.get('README.md')!.toString()).toContain(ids.bundle);
  });

  it('a preview of draft revision 2 completes with an empty outputs list and is never distributed', async () => {
    const row = rows.preview!;
    expect(row.status, String(row.error)).toBe('completed');
    expect(row.accepted_records + row.rejected_records).toBe(JOBS.preview.record_count);
    expect((row.output_manifest as Manifest).outputs).toEqual([]);
    expect(Number(row.distributed_records)).toBe(0);
    expect(findPaths(h.outputRoot).filter((p) => p.includes(ids.preview))).toEqual([]);
    const [{ exists }] = await h.database.db.query<{ exists: boolean }>(
      `SELECT to_regclass('analytics_sandbox.retail_customer_orders_r2') IS NOT NULL AS exists`,
    );
    expect(exists).toBe(false);
    // The draft's own content was used: its new chapter is in the staged lineage.
    const staged = await h.database.db.query<{ lineage: Record<string, unknown> }>(
      'SELECT lineage FROM job_accepted_records WHERE job_id = $1',
      [ids.preview],
    );
    for (const s of staged) expectFullLineage(s.lineage, expected('preview'));
  });
});

function seconds(row: JobRow): number {
  return (
    (new Date(String(row.completed_at ?? row.updated_at)).getTime() - new Date(String(row.created_at)).getTime()) / 1000
  );
}

/** Compares values across JSON and PostgreSQL: timestamps as instants, everything else as is. */
function normalise(value: unknown): unknown {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return new Date(value).toISOString();
  return value;
}

function findPaths(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).map((p) => join(root, p));
}
