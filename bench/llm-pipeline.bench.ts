/**
 * Throughput of the LLM engine through the real pipeline: a job triggered through the control plane, its
 * prompt packs consumed by the generator stage from Kafka, records published, validated and distributed.
 * The fake OpenAI server answers in 200 ms; with 16 in flight and one record a request the ceiling is 80 req/s.
 * The gap to llm-throughput.bench.ts (engine only) is what the stage adds: Kafka, validation, distribution.
 * Needs Kafka, the registry and PostgreSQL (as the integration tests do). Run: npx tsx bench/llm-pipeline.bench.ts
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@vs/config';
import { Database, dropDatabase, ensureDatabase, MigrationRunner, withDatabase } from '@vs/database';
import { runStages, STAGE_NAMES } from '@vs/stages';
import { AuditLog, jobServiceOver, jobPolicyFromConfig, parseSeedFile, SeedImporter, type Actor } from '@vs/templates';
import { FakeOpenAiServer, serverUrl } from '@vs/testing';

const LATENCY_MS = 200;
const MAX_IN_FLIGHT = 16;
const RECORDS = 800;
const IDEAL_RPS = (MAX_IN_FLIGHT * 1000) / LATENCY_MS;
const operator: Actor = { name: 'bench', role: 'admin', tenant_id: null };

async function main(): Promise<void> {
  const suffix = randomBytes(4).toString('hex');
  const url = withDatabase(serverUrl(), `vs_bench_llm_${suffix}`);
  await ensureDatabase(url);
  const fake = await FakeOpenAiServer.start({ latencyMs: LATENCY_MS, apiKey: 'bench-key' });
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    VS_TOPIC_PREFIX: `bench-llm-${suffix}.`,
    OUTPUT_ROOT: mkdtempSync(join(tmpdir(), 'vs-bench-llm-')),
    HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
    KAFKA_TOPIC_PARTITIONS: '3',
    LLM_BASE_URL: fake.baseUrl,
    LLM_API_KEY: 'bench-key',
    LLM_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT),
    LLM_RECORDS_PER_REQUEST: '1',
  });
  const db = new Database(url, { max: 4 });
  await new MigrationRunner(db, join(__dirname, '../migrations')).run();
  const audit = new AuditLog(db);
  const seed = readFileSync(join(__dirname, '../seeds/oracle_template_seed_db.json'), 'utf8');
  await new SeedImporter(db, audit).import(parseSeedFile(seed), operator);
  const running = await runStages('bench-llm', STAGE_NAMES, { config, serveHealth: false });
  try {
    const jobs = jobServiceOver(db, audit, jobPolicyFromConfig(config));
    const { job } = await jobs.trigger(
      {
        template_id: 'retail-customer-orders',
        template_revision: 1,
        chapter_key: 'online_checkout',
        tenant_id: 'bench',
        locale: 'en-US',
        record_count: RECORDS,
        target_surface: 'qa_fixtures',
        engine: 'openai-compatible',
      },
      operator,
    );
    const triggered = Date.now();
    let firstRequestAt: number | null = null;
    let generatedAt: number | null = null;
    let row:
      { status: string; generated_records: number; accepted_records: number; rejected_records: number } | undefined;
    for (;;) {
      if (firstRequestAt === null && fake.stats().received > 0) firstRequestAt = Date.now();
      [row] = await db.query<NonNullable<typeof row>>(
        'SELECT status, generated_records, accepted_records, rejected_records FROM oracle_synthetic_generation_jobs WHERE job_id = $1',
        [job.job_id],
      );
      if (generatedAt === null && row && row.generated_records >= RECORDS) generatedAt = Date.now();
      if (row && ['completed', 'failed', 'cancelled'].includes(row.status)) break;
      if (Date.now() - triggered > 300_000) throw new Error('the bench job did not finish in 5 minutes');
      await new Promise((r) => setTimeout(r, 20));
    }
    const finished = Date.now();
    const { received, maxConcurrent } = fake.stats();
    const generating = ((generatedAt ?? finished) - (firstRequestAt ?? triggered)) / 1000;
    const rps = received / generating;
    console.log(
      JSON.stringify({
        records: RECORDS,
        requests: received,
        status: row!.status,
        accepted: row!.accepted_records,
        rejected: row!.rejected_records,
        generating_seconds: Number(generating.toFixed(2)),
        job_seconds: Number(((finished - triggered) / 1000).toFixed(2)),
        max_concurrent_at_server: maxConcurrent,
      }),
    );
    console.log(
      `llm through the generator stage: ${rps.toFixed(1)} requests/s = ${((rps / IDEAL_RPS) * 100).toFixed(1)}% of the ideal ${IDEAL_RPS} req/s`,
    );
  } finally {
    await running.stop();
    await fake.close();
    await db.close();
    await dropDatabase(url);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
