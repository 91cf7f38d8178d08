import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGE_NAMES } from '@vs/stages';
import { isTerminal, pipelineHarness, type JobRow, type PipelineHarness } from '../pipeline/pipeline.harness';
import { acceptedRecordIds } from '../pipeline/topic-reader';
import { ServiceProcess, serviceEnv } from './service-process';

const RECORDS = 20_000;

/**
 * Every service runs as its own process; each in turn is killed with SIGKILL in the middle of a 20,000-record
 * job and restarted. At-least-once delivery plus idempotent effects must leave exact counts and no duplicates.
 */
describe('SIGKILL of each service in the middle of a 20,000-record job', () => {
  let h: PipelineHarness;
  let services: ServiceProcess[];

  beforeAll(async () => {
    h = await pipelineHarness('fault');
    const env = serviceEnv(h);
    services = STAGE_NAMES.map((name) => new ServiceProcess(name, env));
    services.forEach((s) => s.start());
  });

  afterAll(async () => {
    for (const s of services)
      if (!s.running)
        console.log(
          `${s.name} not running (started ${s.starts}x, exit ${s.exitDescription}); last output:\n${s.output.slice(-5).join('')}`,
        );
    await Promise.all(services.map((s) => s.close()));
    await h?.close();
  });

  it('completes every job with exact counts and zero duplicate records on any surface', async () => {
    const sandboxJob = await h.trigger({
      template_id: 'fintech-card-support',
      template_revision: 1,
      chapter_key: 'disputes',
      tenant_id: 'fault-tenant',
      locale: 'en-US',
      record_count: RECORDS,
      target_surface: 'analytics_sandbox',
    });
    const fixturesJob = await h.trigger({
      template_id: 'retail-customer-orders',
      template_revision: 1,
      chapter_key: 'fulfilment_issues',
      tenant_id: 'fault-tenant',
      locale: 'de-DE',
      record_count: RECORDS,
      target_surface: 'qa_fixtures',
    });
    const killedAt: Record<string, number> = {};
    for (const service of services) {
      // Kill each service only once the jobs are visibly under way, so it dies holding uncommitted work.
      await h.waitForJob(sandboxJob, (row) => row.status !== 'queued', 180_000);
      const [progress] = await h.database.db.query<{ decided: string }>(
        'SELECT count(*)::text AS decided FROM job_record_decisions WHERE job_id = ANY($1::uuid[])',
        [[sandboxJob, fixturesJob]],
      );
      killedAt[service.name] = Number(progress!.decided);
      await service.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 1500));
      service.start();
      await new Promise((r) => setTimeout(r, 2500));
    }
    console.log(JSON.stringify({ records_decided_when_killed: killedAt }));

    const started = Date.now();
    const rows: JobRow[] = [];
    for (const jobId of [sandboxJob, fixturesJob]) rows.push(await h.waitForJob(jobId, isTerminal, 600_000));
    console.log(JSON.stringify({ finished_after_last_restart_ms: Date.now() - started }));
    for (const row of rows) {
      expect(row.status, `job ${row.job_id}: ${String(row.error)}`).toBe('completed');
      expect(row.accepted_records + row.rejected_records).toBe(RECORDS);
    }
    expect(services.every((s) => s.starts === 2)).toBe(true);

    const db = h.database.db;
    for (const jobId of [sandboxJob, fixturesJob]) {
      const [decisions] = await db.query<{ n: string; distinct_ids: string; distinct_indexes: string }>(
        `SELECT count(*)::text AS n, count(DISTINCT record_id)::text AS distinct_ids, count(DISTINCT record_index)::text AS distinct_indexes
           FROM job_record_decisions WHERE job_id = $1`,
        [jobId],
      );
      expect(decisions).toEqual({
        n: String(RECORDS),
        distinct_ids: String(RECORDS),
        distinct_indexes: String(RECORDS),
      });
    }

    const sandbox = rows.find((r) => r.job_id === sandboxJob)!;
    const [table] = await db.query<{ n: string; distinct_ids: string }>(
      `SELECT count(*)::text AS n, count(DISTINCT record_id)::text AS distinct_ids FROM analytics_sandbox.fintech_card_support_r1 WHERE job_id = $1`,
      [sandboxJob],
    );
    expect(table).toEqual({ n: String(sandbox.accepted_records), distinct_ids: String(sandbox.accepted_records) });

    const fixtures = rows.find((r) => r.job_id === fixturesJob)!;
    const manifest = fixtures.output_manifest as { outputs: { location: string; record_count: number }[] };
    const lines = readFileSync(manifest.outputs[0]!.location, 'utf8').trim().split('\n');
    const ids = lines.map((l) => (JSON.parse(l) as { record_id: string }).record_id);
    expect(lines.length).toBe(fixtures.accepted_records);
    expect(new Set(ids).size).toBe(lines.length);

    // The accepted topic is a surface too: downstream teams read it (read-committed) and must see each record once.
    const acceptedTotal = rows.reduce((sum, r) => sum + r.accepted_records, 0);
    const recordIds = await acceptedRecordIds(h.config, acceptedTotal);
    expect(new Set(recordIds).size).toBe(acceptedTotal);
    expect(recordIds.length).toBe(acceptedTotal);

    for (const row of rows) {
      const [rejected] = await db.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM job_rejected_records WHERE job_id = $1',
        [row.job_id],
      );
      expect(Number(rejected!.n)).toBe(row.rejected_records);
    }
  }, 900_000);
});
