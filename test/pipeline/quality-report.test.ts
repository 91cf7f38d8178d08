import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUALITY_CHECKS, type JobRequestInput, type ManifestOutput } from '@vs/contracts';
import { isQualityReportOutput, QUALITY_REPORT_FORMATS, recordOutputs, type JobQualityReport } from '@vs/domain';
import { createLogger } from '@vs/logging';
import {
  AuditLog,
  JobQualityReportRepository,
  parseSeedFile,
  SeedImporter,
  TokenService,
  type RejectedRecordView,
} from '@vs/templates';
import { FakeOpenAiServer } from '@vs/testing';
import { createAdminApp } from '../../apps/admin-api/src/admin-api.module';
import { qualitySummary } from '../../apps/cli/src/jobs.command';
import {
  isTerminal,
  operator,
  pipelineHarness,
  SEED_FILE,
  type JobRow,
  type PipelineHarness,
} from './pipeline.harness';
import { readFileBytes, readTarGz, sha256 } from './pipeline-outputs';

const STRICT_TEMPLATE = 'retail-strict-quality';

const JOBS = {
  // The LLM engine against a fake endpoint that answers a share of requests with a wrong-typed field; with no
  // correction round those records fail generation, so the job has rejections with a named check.
  llm: {
    template_id: 'retail-customer-orders',
    template_revision: 1,
    chapter_key: 'online_checkout',
    tenant_id: 'acme',
    locale: 'en-US',
    record_count: 120,
    target_surface: 'qa_fixtures',
    engine: 'openai-compatible',
  },
  fixtures: {
    template_id: 'healthcare-appointment-intake',
    template_revision: 1,
    chapter_key: 'new_patient_registration',
    tenant_id: 'globex',
    locale: 'fr-FR',
    record_count: 200,
    target_surface: 'qa_fixtures',
  },
  // The deterministic engine on a copy of the retail template with stricter thresholds than the sample's.
  bundle: {
    template_id: STRICT_TEMPLATE,
    template_revision: 1,
    chapter_key: 'returns_refunds',
    tenant_id: 'initech',
    locale: 'en-US',
    record_count: 300,
    target_surface: 'demo_bundle',
  },
} satisfies Record<string, JobRequestInput>;

type Reply = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- arbitrary JSON
type Manifest = { job_id: string; outputs: ManifestOutput[] };

/** The sample seed's retail template under another id, published, with completeness 1 and realism 0.9 required. */
function strictSeed() {
  const seed = JSON.parse(readFileSync(SEED_FILE, 'utf8')) as {
    templates: Array<{ template_id: string; revisions: Array<Record<string, unknown> & { revision: number }> }>;
  };
  const retail = seed.templates.find((t) => t.template_id === 'retail-customer-orders')!;
  const revision = retail.revisions.find((r) => r.revision === 1)!;
  return parseSeedFile(
    JSON.stringify({
      ...seed,
      templates: [
        {
          ...retail,
          template_id: STRICT_TEMPLATE,
          name: 'Retail orders, strict',
          revisions: [
            { ...revision, status: 'published', thresholds: { completeness: 1, realism: 0.9, chapter_coverage: 1 } },
          ],
        },
      ],
    }),
  );
}

describe('quality report of a real job: on the job, beside the output, and rejected records by check', () => {
  let fake: FakeOpenAiServer;
  let h: PipelineHarness;
  let app: INestApplication;
  let baseUrl: string;
  let viewer: string;
  let otherTenant: string;
  let beforeFinalised: Reply;
  const ids = { llm: '', fixtures: '', bundle: '' };
  const rows: Partial<Record<keyof typeof JOBS, JobRow>> = {};
  const reports: Partial<Record<keyof typeof JOBS, JobQualityReport>> = {};

  const get = async (path: string, token = viewer): Promise<Reply> => {
    const response = await fetch(baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    fake = await FakeOpenAiServer.start({ latencyMs: 5, apiKey: 'test-key', seed: 5 });
    fake.mix({ invalid: 0.3, seed: 17 });
    h = await pipelineHarness('quality-report', {
      LLM_BASE_URL: fake.baseUrl,
      LLM_API_KEY: 'test-key',
      LLM_MODEL: 'kimi-k2-0905-preview',
      LLM_MAX_CORRECTIONS: '0',
      LLM_RECORDS_PER_REQUEST: '5',
    });
    await new SeedImporter(h.database.db, new AuditLog(h.database.db)).import(strictSeed(), operator);
    const tokens = new TokenService(h.database.db);
    viewer = (await tokens.create({ name: 'quality-viewer', role: 'viewer' })).token;
    otherTenant = (await tokens.create({ name: 'globex-viewer', role: 'viewer', tenant_id: 'globex' })).token;
    app = await createAdminApp({ db: h.database.db, config: h.config, logger: createLogger('admin-api', 'silent') });
    await app.listen(0, '127.0.0.1');
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');

    for (const name of Object.keys(JOBS) as (keyof typeof JOBS)[]) ids[name] = await h.trigger(JOBS[name]);
    // No stage runs yet, so the job is certainly not finalised.
    beforeFinalised = await get(`/jobs/${ids.bundle}/quality`);
    await h.start();
    for (const name of Object.keys(JOBS) as (keyof typeof JOBS)[]) {
      rows[name] = await h.waitForJob(ids[name], isTerminal, 240_000);
      expect(rows[name]!.status, String(rows[name]!.error)).toBe('completed');
      const reply = await get(`/jobs/${ids[name]}/quality`);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      reports[name] = reply.body as JobQualityReport;
    }
    console.log(
      JSON.stringify(
        Object.fromEntries(
          (Object.keys(JOBS) as (keyof typeof JOBS)[]).map((name) => [
            name,
            {
              accepted: rows[name]!.accepted_records,
              rejected: rows[name]!.rejected_records,
              score: reports[name]!.score,
              by_check: reports[name]!.rejections.by_check.map((c) => [c.check, c.records]),
            },
          ]),
        ),
      ),
    );
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    await h?.close();
    await fake?.close();
  });

  it('answers 404 with a clear message before the job is finalised, and for another tenant’s job', async () => {
    expect(beforeFinalised.status).toBe(404);
    expect(beforeFinalised.body.error.message).toBe(
      `quality: job ${ids.bundle} is queued and not finalised yet; its quality report is written when the distributor finalises it`,
    );
    const hidden = await get(`/jobs/${ids.bundle}/quality`, otherTenant);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.message).toBe(`job_id: no job "${ids.bundle}"`);
  });

  it('reports records, coverage per subchapter against the plan, rejections by check and an overall score', async () => {
    for (const name of Object.keys(JOBS) as (keyof typeof JOBS)[]) {
      const report = reports[name]!;
      const row = rows[name]!;
      expect(report).toMatchObject({
        job_id: ids[name],
        template_id: JOBS[name].template_id,
        chapter_key: JOBS[name].chapter_key,
        records: { planned: JOBS[name].record_count, accepted: row.accepted_records, rejected: row.rejected_records },
      });
      expect(report).toEqual(await new JobQualityReportRepository(h.database.db).find(ids[name]));
      expect(report.score.overall).toBeGreaterThanOrEqual(0);
      expect(report.score.overall).toBeLessThanOrEqual(1);
      expect(report.score.components.acceptance).toBeCloseTo(row.accepted_records / JOBS[name].record_count, 3);

      // Coverage: the expander's plan, every decided record counted once under its subchapter.
      expect(report.subchapters.reduce((n, s) => n + s.planned_records!, 0)).toBe(JOBS[name].record_count);
      expect(report.subchapters.reduce((n, s) => n + s.accepted_records, 0)).toBe(row.accepted_records);
      expect(report.subchapters.reduce((n, s) => n + s.rejected_records, 0)).toBe(row.rejected_records);

      // Rejections: every rejected record under at least one check, no check counting more records than exist.
      expect(report.rejections.records).toBe(row.rejected_records);
      if (row.rejected_records > 0) expect(report.rejections.by_check.length).toBeGreaterThan(0);
      for (const c of report.rejections.by_check) expect(c.records).toBeLessThanOrEqual(row.rejected_records);
      expect(report.fields.map((f) => f.field)).toHaveLength(name === 'fixtures' ? 9 : 10);
      for (const f of report.fields) expect(f.records).toBe(row.accepted_records);
    }
    expect(reports.llm!.subchapters.map((s) => s.subchapter_key)).toEqual(['first_purchase', 'repeat_purchase']);
    expect(reports.fixtures!.subchapters.map((s) => s.subchapter_key)).toEqual([
      'primary_care_intake',
      'specialist_referral',
    ]);
    expect(reports.bundle!.subchapters.map((s) => s.subchapter_key)).toEqual(['refund_request', 'size_exchange']);
    // The LLM job's wrong-typed replies failed generation, a check every version of the reasons names.
    expect(reports.llm!.rejections.records).toBeGreaterThan(0);
    expect(reports.llm!.rejections.by_check.find((c) => c.check === 'generation_error')!.records).toBeGreaterThan(0);
    expect(qualitySummary(reports.llm!)).toContain('generation_error');
  });

  it('measures each field of the accepted records the way its type asks for', () => {
    for (const name of ['fixtures', 'bundle'] as const) {
      const report = reports[name]!;
      expect(report.records.accepted).toBeGreaterThan(0);
      expect(report.score.overall).toBeGreaterThan(0);
      expect(report.score.components.field_quality).not.toBeNull();
      for (const f of report.fields) {
        const kind = { enum: 'categorical', boolean: 'categorical', integer: 'numeric', number: 'numeric' }[
          f.type as string
        ];
        if (kind) expect(f.kind, f.field).toBe(kind);
        if (f.type === 'date' || f.type === 'datetime') expect(f.kind, f.field).toBe('datetime');
        if (f.kind === 'categorical') {
          expect(f.category_adherence, f.field).not.toBeNull();
          expect(f.distribution!.metric, f.field).toBe('tv_distance');
          expect(f.categories!.length, f.field).toBeGreaterThan(0);
        }
        if (f.kind === 'numeric' || f.kind === 'datetime') {
          expect(f.boundary_adherence, f.field).not.toBeNull();
          expect(f.distribution!.metric, f.field).toBe('ks_statistic');
          expect(
            f.histogram!.reduce((n, b) => n + b.record_share, 0),
            f.field,
          ).toBeCloseTo(1, 6);
        }
        expect(f.null_share).toBeGreaterThanOrEqual(0);
        expect(f.null_share).toBeLessThanOrEqual(1);
      }
    }
    const bundle = new Map(reports.bundle!.fields.map((f) => [f.field, f]));
    expect(bundle.get('order_status')!.category_adherence).toBe(1);
    expect(bundle.get('quantity')!.bounds!.source).toBe('schema+exemplars');
    expect(bundle.get('order_id')).toMatchObject({ kind: 'free', distinct_exact: true, null_share: 0 });
    expect(bundle.get('order_id')!.uniqueness_share).toBeGreaterThan(0.9);
    expect(bundle.get('customer_note')!.kind).toBe('free');
    const fixtures = new Map(reports.fixtures!.fields.map((f) => [f.field, f]));
    expect(fixtures.get('department')!.category_adherence).toBe(1);
    expect(fixtures.get('date_of_birth')!.bounds!.source).toBe('exemplars');
  });

  it('qa_fixtures: quality.html and quality.json beside the JSONL, listed with their sha256 in the manifest', () => {
    const manifest = rows.fixtures!.output_manifest as Manifest;
    // The records first, so outputs[0] is still where they are.
    expect(manifest.outputs.map((o) => [basename(o.location), o.format])).toEqual([
      ['records.jsonl', 'jsonl'],
      ['quality.html', QUALITY_REPORT_FORMATS.html],
      ['quality.json', QUALITY_REPORT_FORMATS.json],
    ]);
    expect(recordOutputs(manifest.outputs)).toHaveLength(1);
    // A job whose every record was rejected still gets its report beside its (empty) JSONL.
    expect((rows.llm!.output_manifest as Manifest).outputs.map((o) => basename(o.location))).toEqual([
      'records.jsonl',
      'quality.html',
      'quality.json',
    ]);
    for (const output of manifest.outputs) {
      const bytes = readFileBytes(output.location);
      expect(bytes.length).toBe(output.bytes);
      expect(sha256(bytes)).toBe(output.sha256);
      expect(output.record_count).toBe(rows.fixtures!.accepted_records);
    }
    const json = manifest.outputs.find((o) => o.format === QUALITY_REPORT_FORMATS.json)!;
    expect(JSON.parse(readFileSync(json.location, 'utf8'))).toEqual(reports.fixtures);
    const html = readFileSync(manifest.outputs.find((o) => o.format === QUALITY_REPORT_FORMATS.html)!.location, 'utf8');
    expect(html).toContain(ids.fixtures);
    expect(html).toContain('aria-label="records per subchapter"');
    expect(html).not.toContain('<script');
  });

  it('demo_bundle: the quality files inside the archive (in its manifest.json) and beside it (in the job manifest)', async () => {
    const manifest = rows.bundle!.output_manifest as Manifest;
    expect(manifest.outputs.map((o) => [basename(o.location), o.format])).toEqual([
      ['bundle.tar.gz', 'tar+gzip'],
      ['quality.html', QUALITY_REPORT_FORMATS.html],
      ['quality.json', QUALITY_REPORT_FORMATS.json],
    ]);
    for (const output of manifest.outputs) expect(sha256(readFileBytes(output.location))).toBe(output.sha256);
    const entries = await readTarGz(readFileBytes(manifest.outputs[0]!.location));
    expect([...entries.keys()].sort()).toEqual([
      'README.md',
      'manifest.json',
      'quality.html',
      'quality.json',
      'records.jsonl',
    ]);
    const inner = JSON.parse(entries.get('manifest.json')!.toString()) as Manifest;
    expect(inner.outputs.filter(isQualityReportOutput).map((o) => [o.location, o.sha256])).toEqual([
      ['quality.html', sha256(entries.get('quality.html')!)],
      ['quality.json', sha256(entries.get('quality.json')!)],
    ]);
    // The copy beside the archive is the one inside it.
    for (const output of manifest.outputs.filter(isQualityReportOutput))
      expect(sha256(entries.get(basename(output.location))!)).toBe(output.sha256);
    expect(JSON.parse(entries.get('quality.json')!.toString())).toEqual(reports.bundle);
  });

  it('lists rejected records by check: exactly the records the report counts for it', async () => {
    for (const name of Object.keys(JOBS) as (keyof typeof JOBS)[]) {
      const all = await get(`/jobs/${ids[name]}/rejected-records?limit=500`);
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(rows[name]!.rejected_records);
      const named = reports[name]!.rejections.by_check.filter((c) => c.check !== 'unnamed');
      for (const { check, records } of named) {
        const page = await get(`/jobs/${ids[name]}/rejected-records?check=${check}&limit=500`);
        expect(page.status, JSON.stringify(page.body)).toBe(200);
        expect(page.body.total, check).toBe(records);
        expect(page.body.records).toHaveLength(records);
        for (const record of page.body.records as RejectedRecordView[])
          expect(
            record.reasons.some((r) => r.startsWith(`${check}:`)),
            record.reasons.join(' | '),
          ).toBe(true);
      }
      // A check that rejected nothing lists nothing.
      const unused = QUALITY_CHECKS.find((c) => !reports[name]!.rejections.by_check.some((b) => b.check === c))!;
      const none = await get(`/jobs/${ids[name]}/rejected-records?check=${unused}`);
      expect([none.status, none.body.total, none.body.records]).toEqual([200, 0, []]);
    }
    // generation_error is the LLM job's named check in every version of the reasons.
    const failed = await get(`/jobs/${ids.llm}/rejected-records?check=generation_error&limit=1&offset=1`);
    expect(failed.body).toMatchObject({ limit: 1, offset: 1 });
    expect(failed.body.records).toHaveLength(1);
  });

  it('refuses ?check= naming no check, with the parameter and the accepted names', async () => {
    const reply = await get(`/jobs/${ids.llm}/rejected-records?check=completeness`);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_input');
    expect(reply.body.error.issues).toEqual([
      { field: 'check', problem: 'is not one of the accepted values', accepted: QUALITY_CHECKS.join(' | ') },
    ]);
  });
});
