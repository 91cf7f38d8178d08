// Pipeline throughput: every stage in one process on the local broker, registry and PostgreSQL, one job per
// surface. Prints records/s end to end (trigger → manifest written) and peak RSS. Run: npx tsx bench/pipeline-throughput.bench.ts [records]
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@vs/config';
import type { TargetSurface } from '@vs/contracts';
import { Database, dropDatabase, ensureDatabase, MigrationRunner, withDatabase } from '@vs/database';
import { runStages, STAGE_NAMES } from '@vs/stages';
import { AuditLog, jobServiceOver, jobPolicyFromConfig, parseSeedFile, SeedImporter, type Actor } from '@vs/templates';

const records = Number(process.argv[2] ?? 20_000);
const actor: Actor = { name: 'bench', role: 'admin', tenant_id: null };
const root = join(__dirname, '..');

async function main(): Promise<void> {
  const suffix = Date.now().toString(36);
  const base = loadConfig();
  const url = withDatabase(base.DATABASE_URL, `vs_bench_${suffix}`);
  await ensureDatabase(url);
  const db = new Database(url, { max: 4 });
  await new MigrationRunner(db, join(root, 'migrations')).run();
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    VS_TOPIC_PREFIX: `bench-${suffix}.`,
    OUTPUT_ROOT: mkdtempSync(join(tmpdir(), 'vs-bench-')),
    LOG_LEVEL: 'warn',
  });
  const audit = new AuditLog(db);
  await new SeedImporter(db, audit).import(
    parseSeedFile(readFileSync(join(root, 'seeds/oracle_template_seed_db.json'), 'utf8')),
    actor,
  );
  const jobs = jobServiceOver(db, audit, jobPolicyFromConfig(config));
  const pipeline = await runStages('bench', STAGE_NAMES, { config, serveHealth: false });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  try {
    for (const surface of ['qa_fixtures', 'analytics_sandbox', 'demo_bundle'] as TargetSurface[]) {
      const started = Date.now();
      const { job } = await jobs.trigger(
        {
          template_id: 'retail-customer-orders',
          template_revision: 1,
          chapter_key: 'returns_refunds',
          tenant_id: 'bench',
          locale: 'de-DE',
          record_count: records,
          target_surface: surface,
        },
        actor,
      );
      for (;;) {
        const view = await jobs.get(job.job_id, actor);
        if (['completed', 'failed', 'cancelled'].includes(view.status)) {
          const seconds = (Date.now() - started) / 1000;
          console.log(
            `${surface.padEnd(18)} ${records} records  ${view.status}  ${seconds.toFixed(1)} s  ${(records / seconds).toFixed(0)} records/s  (accepted ${view.accepted_records}, rejected ${view.rejected_records})`,
          );
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    console.log(`peak RSS of the all-in-one process: ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);
  } finally {
    clearInterval(sampler);
    await pipeline.stop();
    await db.close();
    await dropDatabase(url);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
