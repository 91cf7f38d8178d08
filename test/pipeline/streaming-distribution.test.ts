import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRequestInput } from '@vs/contracts';
import { recordOutputs, toJsonl } from '@vs/domain';
// The surface's own export line, so the test rebuilds the whole-file output the finaliser wrote before streaming.
import { outputLine, type StagedRecord } from '../../libs/stages/src/distributor/surfaces/staged-record';
import { isTerminal, pipelineHarness, type JobRow, type PipelineHarness } from './pipeline.harness';
import {
  expectNoDuplicates,
  parseJsonl,
  readFileBytes,
  readTarGz,
  sha256,
  type ManifestOutputRow,
} from './pipeline-outputs';

// More records than one cursor batch (1,000), so the files are written in several pieces.
const FIXTURES_JOB = {
  template_id: 'healthcare-appointment-intake',
  template_revision: 1,
  chapter_key: 'new_patient_registration',
  tenant_id: 'globex',
  locale: 'fr-FR',
  record_count: 2_500,
  target_surface: 'qa_fixtures',
} satisfies JobRequestInput;
const BUNDLE_JOB = {
  template_id: 'retail-customer-orders',
  template_revision: 1,
  chapter_key: 'returns_refunds',
  tenant_id: 'initech',
  locale: 'en-US',
  record_count: 1_200,
  target_surface: 'demo_bundle',
} satisfies JobRequestInput;

type Manifest = { outputs: ManifestOutputRow[] };

/**
 * The finaliser writes outputs a batch at a time from a cursor, and is woken when a job's last record is
 * decided: with its fallback sweep an hour apart, jobs still complete, and the streamed files are the bytes the
 * whole-file writer produced.
 */
describe('streaming distribution, woken by completion', () => {
  let h: PipelineHarness;
  const rows: { fixtures?: JobRow; bundle?: JobRow } = {};
  const ids = { fixtures: '', bundle: '' };

  beforeAll(async () => {
    h = await pipelineHarness('streaming', { FINALIZER_SWEEP_INTERVAL_MS: '3600000' });
    await h.start();
    ids.fixtures = await h.trigger(FIXTURES_JOB);
    ids.bundle = await h.trigger(BUNDLE_JOB);
    // Well under the sweep interval: only a wake-up can have finalised them.
    [rows.fixtures, rows.bundle] = await Promise.all([
      h.waitForJob(ids.fixtures, isTerminal, 240_000),
      h.waitForJob(ids.bundle, isTerminal, 240_000),
    ]);
  }, 300_000);
  afterAll(async () => h?.close());

  const staged = (jobId: string) =>
    h.database.db.query<StagedRecord>(
      'SELECT record_id::text, record_index, fields, lineage, scores FROM job_accepted_records WHERE job_id = $1 ORDER BY record_index',
      [jobId],
    );

  it('completes both jobs without waiting for the sweep', () => {
    for (const row of [rows.fixtures!, rows.bundle!]) {
      expect(row.status, String(row.error)).toBe('completed');
      expect(row.accepted_records + row.rejected_records).toBe(row.record_count);
      expect(row.accepted_records).toBeGreaterThan(1_000);
    }
  });

  it('qa_fixtures: the streamed JSONL is byte-identical to the whole-file export and matches its manifest entry', async () => {
    const [output] = recordOutputs((rows.fixtures!.output_manifest as Manifest).outputs);
    const bytes = readFileBytes(output!.location);
    expect(bytes.length).toBe(output!.bytes);
    expect(sha256(bytes)).toBe(output!.sha256);
    expect(bytes.toString('utf8')).toBe(toJsonl((await staged(ids.fixtures)).map(outputLine)));
    const lines = parseJsonl(bytes);
    expect(lines).toHaveLength(rows.fixtures!.accepted_records);
    expect(output!.record_count).toBe(rows.fixtures!.accepted_records);
    expectNoDuplicates(
      lines.map((l) => l.record_id),
      'JSONL record_id',
    );
    expect(Number(rows.fixtures!.distributed_records)).toBe(rows.fixtures!.accepted_records);
    // No temporary file is left beside the published ones.
    expect(readdirSync(dirname(output!.location)).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('demo_bundle: the streamed archive is byte-identical to the one built in memory from the same entries', async () => {
    const [output] = recordOutputs((rows.bundle!.output_manifest as Manifest).outputs);
    const archive = readFileBytes(output!.location);
    expect(archive.length).toBe(output!.bytes);
    expect(sha256(archive)).toBe(output!.sha256);
    const entries = await readTarGz(archive);
    expect([...entries.keys()]).toEqual([
      'records.jsonl',
      'quality.html',
      'quality.json',
      'manifest.json',
      'README.md',
    ]);
    const jsonl = toJsonl((await staged(ids.bundle)).map(outputLine));
    expect(entries.get('records.jsonl')!.toString('utf8')).toBe(jsonl);
    const inner = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as Manifest;
    expect(inner.outputs[0]).toMatchObject({
      location: 'records.jsonl',
      record_count: rows.bundle!.accepted_records,
      bytes: Buffer.byteLength(jsonl),
      sha256: sha256(jsonl),
    });
    expect(await wholeTarGz([...entries])).toEqual(archive);
    expect(readdirSync(dirname(output!.location)).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('listens again after its connection is terminated: a job decided afterwards still completes without the sweep', async () => {
    const listeners = () =>
      h.database.db.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'velocity-synth-finalizer' AND query LIKE 'LISTEN%'`,
      );
    const [before] = await listeners();
    expect(before, 'the finaliser listens on a connection of its own').toBeDefined();
    await h.database.db.query('SELECT pg_terminate_backend($1)', [before!.pid]);
    for (;;) {
      const now = await listeners();
      if (now.length === 1 && now[0]!.pid !== before!.pid) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const jobId = await h.trigger({ ...FIXTURES_JOB, record_count: 50 });
    const row = await h.waitForJob(jobId, isTerminal, 120_000);
    expect(row.status, String(row.error)).toBe('completed');
  });
});

/** The archive as the finaliser built it before streaming: every entry in memory, one gzip pass. */
async function wholeTarGz(files: [string, Buffer][]): Promise<Buffer> {
  const tar = pack();
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    gzip.on('end', resolve);
    gzip.on('error', reject);
  });
  tar.pipe(gzip);
  for (const [name, content] of files) tar.entry({ name, mtime: new Date(0), mode: 0o644 }, content);
  tar.finalize();
  await done;
  return Buffer.concat(chunks);
}
