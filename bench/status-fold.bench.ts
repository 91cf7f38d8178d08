// Status fold cost per progress event, for jobs that already hold 1k, 10k and 100k progress units: rows and pages
// of job_stage_progress read, and microseconds, per event folded in 500-unit batches (the status consumer's chunk),
// beside what the old fold's re-sum of every unit of the job added on top; then how far the job row lags the
// reports a real status consumer folds from Kafka. Run: npx tsx bench/status-fold.bench.ts [sizes, comma-separated]
//
// Measured 2026-12-01 on the shared 2-core machine (five engineers' tests running: timings are pessimistic):
//     units held   rows/event  pages/event  µs/event | old re-sum on top: rows/event  µs/event
//          1,000        0.10         9.9       174   |                      20          37
//         10,000        0.10        17.0       149   |                      58          60
//        100,000        0.10        12.5       209   |                     276         237
//        300,000        0.10        12.9       107   |                     894         296
// The fold reads only the batch's redelivered units (their conflict probes; pages are mostly the inserts' own heap
// and b-tree pages) whatever the job's size; the re-sum grew with every unit the job held. Job row lag (a report
// published → the job row showing it), 40 reports of 500 units one every 100 ms: median 73–124 ms, p95 145–600 ms,
// worst 884 ms (300k units, with autovacuum of the freshly loaded table beside it), within the about-a-second bound:
// the lag is the consumer's fetch wait plus one fold of its chunk, neither of which grows with the job.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PoolClient } from 'pg';
import { loadConfig } from '@vs/config';
import { Database, dropDatabase, ensureDatabase, MigrationRunner, withDatabase } from '@vs/database';
import { JobRowRepository, ProgressReporter, type ProgressUnit, type StageProgressValue } from '@vs/pipeline';
import { runStages } from '@vs/stages';
import { AuditLog, parseSeedFile, SeedImporter, type Actor } from '@vs/templates';
import { JobProgressFold } from '../libs/stages/src/status/job-progress.fold';
import { JobProgressRepository } from '../libs/stages/src/status/job-progress.repository';

const sizes = (process.argv[2] ?? '1000,10000,100000').split(',').map(Number);
const BATCH = 500;
const BATCHES = 20;
/** Of each batch, this many units were folded before (a redelivery): the upsert's conflict path. */
const REDELIVERED = 50;
const LAG_REPORTS = 40;
const LAG_INTERVAL_MS = 100;
const root = join(__dirname, '..');
const actor: Actor = { name: 'bench', role: 'admin', tenant_id: null };

/** A job whose validator has already reported `units` records, its counters folded to match. */
async function jobWithUnits(db: Database, units: number): Promise<string> {
  const jobId = randomUUID();
  await db.query(
    `INSERT INTO oracle_synthetic_generation_jobs (job_id, tenant_id, request_hash, request, template_id,
            template_revision, chapter_key, locale, record_count, target_surface, engine, lineage, requested_by,
            status, validated_records, accepted_records)
     VALUES ($1, 'bench', 'bench', '{}', 'retail-customer-orders', 1, 'fulfilment_issues', 'en-US', $2, 'qa_fixtures',
             'deterministic', '{}', 'bench', 'validating', $3, $3)`,
    // never complete: the record count stays out of reach of what the bench folds
    [jobId, units * 10 + 1_000_000, units],
  );
  await db.query(
    `INSERT INTO job_stage_progress (job_id, stage, unit_id, records, accepted)
     SELECT $1, 'validator', 'record-' || g, 1, 1 FROM generate_series(1, $2) g`,
    [jobId, units],
  );
  await db.query('ANALYZE job_stage_progress');
  return jobId;
}

const validated = (from: number, count: number): ProgressUnit[] =>
  Array.from({ length: count }, (_, i) => ({ unit_id: `record-${from + i}`, records: 1, accepted: 1 }));

const report = (jobId: string, units: ProgressUnit[]): StageProgressValue => ({
  job_id: jobId,
  stage: 'validator',
  units: units.map((u) => ({ records: 0, accepted: 0, rejected: 0, prompt_tokens: 0, completion_tokens: 0, ...u })),
  planned_packs: null,
  outcome: null,
  error: null,
  detail_json: null,
  at: new Date().toISOString(),
});

interface Reads {
  /** Rows of job_stage_progress read by sequential and index scans. */
  rows: number;
  /** Its table and index pages touched (the upsert's conflict probes included), from cache or disk. */
  pages: number;
}

/** job_stage_progress's cumulative read counters, as of the last flushed transaction. */
async function reads(db: Database): Promise<Reads> {
  await db.query('SELECT pg_stat_clear_snapshot()');
  const [row] = await db.query<{ rows: string; pages: string }>(
    `SELECT (COALESCE(t.seq_tup_read, 0) + COALESCE(t.idx_tup_fetch, 0))::text AS rows,
            (COALESCE(io.heap_blks_hit, 0) + COALESCE(io.heap_blks_read, 0)
             + COALESCE(io.idx_blks_hit, 0) + COALESCE(io.idx_blks_read, 0))::text AS pages
       FROM pg_stat_user_tables t JOIN pg_statio_user_tables io USING (relid)
      WHERE t.relname = 'job_stage_progress'`,
  );
  return { rows: Number(row!.rows), pages: Number(row!.pages) };
}

/** What `work` read of job_stage_progress: its transaction's statistics are flushed as it commits. */
async function measured(db: Database, work: (client: PoolClient) => Promise<void>): Promise<Reads> {
  const before = await reads(db);
  await db.transaction(async (client) => {
    await work(client);
    await client.query('SELECT pg_stat_force_next_flush()');
  });
  const after = await reads(db);
  return { rows: after.rows - before.rows, pages: after.pages - before.pages };
}

const OLD_RESUM = `SELECT COALESCE(sum(records) FILTER (WHERE stage = 'validator'), 0) AS validated,
                          COALESCE(sum(accepted) FILTER (WHERE stage = 'validator'), 0) AS accepted
                     FROM job_stage_progress WHERE job_id = $1`;

async function foldCost(db: Database, fold: JobProgressFold, units: number): Promise<void> {
  const jobId = await jobWithUnits(db, units);
  let next = units + 1;
  const read: Reads = { rows: 0, pages: 0 };
  let ms = 0;
  for (let b = 0; b < BATCHES; b++) {
    const batch = [...validated(next, BATCH - REDELIVERED), ...validated(1 + b * REDELIVERED, REDELIVERED)];
    next += BATCH - REDELIVERED;
    const started = performance.now();
    const { rows, pages } = await measured(db, (client) => fold.foldWithin(client, jobId, [report(jobId, batch)]));
    ms += performance.now() - started;
    read.rows += rows;
    read.pages += pages;
  }
  const resumStarted = performance.now();
  const resum = await measured(db, async (client) => void (await client.query(OLD_RESUM, [jobId])));
  const resumMs = performance.now() - resumStarted;
  const [row] = await db.query<{ validated_records: number }>(
    'SELECT validated_records FROM oracle_synthetic_generation_jobs WHERE job_id = $1',
    [jobId],
  );
  const expected = units + BATCHES * (BATCH - REDELIVERED);
  if (row!.validated_records !== expected) throw new Error(`fold lost count: ${row!.validated_records} ≠ ${expected}`);
  const events = BATCHES * BATCH;
  console.log(
    `${String(units).padStart(7)} units held | fold: ${(read.rows / events).toFixed(2)} rows read/event, ` +
      `${(read.pages / events).toFixed(2)} pages/event, ${((ms * 1000) / events).toFixed(0)} µs/event ` +
      `(${(ms / BATCHES).toFixed(1)} ms a batch of ${BATCH}) | the old re-sum alone: ` +
      `${(resum.rows / BATCH).toFixed(1)} rows, ${(resum.pages / BATCH).toFixed(1)} pages, ` +
      `${((resumMs * 1000) / BATCH).toFixed(0)} µs/event more`,
  );
}

/** Reports published at a steady pace through a real status consumer; how long until the job row shows each. */
async function lag(db: Database, progress: ProgressReporter, units: number, print = true): Promise<void> {
  const jobId = await jobWithUnits(db, units);
  const sent: number[] = [];
  const lags: number[] = [];
  const deadline = Date.now() + 120_000;
  const watching = (async () => {
    for (let seen = 0; seen < LAG_REPORTS;) {
      if (Date.now() > deadline)
        throw new Error(`the status consumer folded ${seen} of ${LAG_REPORTS} reports in 2 min`);
      const [row] = await db.query<{ validated_records: number }>(
        'SELECT validated_records FROM oracle_synthetic_generation_jobs WHERE job_id = $1',
        [jobId],
      );
      const shown = Math.floor((row!.validated_records - units) / BATCH);
      for (; seen < shown; seen++) lags.push(Date.now() - sent[seen]!);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  for (let i = 0; i < LAG_REPORTS; i++) {
    sent.push(Date.now());
    await progress.report(jobId, 'validator', validated(units + 1 + i * BATCH, BATCH));
    await new Promise((r) => setTimeout(r, LAG_INTERVAL_MS));
  }
  await watching;
  lags.sort((a, b) => a - b);
  if (!print) return;
  console.log(
    `${String(units).padStart(7)} units held | job row behind the report: median ${lags[lags.length >> 1]} ms, ` +
      `p95 ${lags[Math.floor(lags.length * 0.95)]} ms, max ${lags[lags.length - 1]} ms ` +
      `(${LAG_REPORTS} reports of ${BATCH} units, one every ${LAG_INTERVAL_MS} ms)`,
  );
}

async function main(): Promise<void> {
  const suffix = Date.now().toString(36);
  const base = loadConfig();
  const url = withDatabase(base.DATABASE_URL, `vs_bench_fold_${suffix}`);
  await ensureDatabase(url);
  const db = new Database(url, { max: 4 });
  await new MigrationRunner(db, join(root, 'migrations')).run();
  await new SeedImporter(db, new AuditLog(db)).import(
    parseSeedFile(readFileSync(join(root, 'seeds/oracle_template_seed_db.json'), 'utf8')),
    actor,
  );
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    VS_TOPIC_PREFIX: `bench-fold-${suffix}.`,
    LOG_LEVEL: 'warn',
  });
  try {
    const fold = new JobProgressFold(db, new JobRowRepository(db), new JobProgressRepository());
    console.log(
      `folds of ${BATCH}-unit batches (${REDELIVERED} of them redelivered), job_stage_progress's pg_stat counters:`,
    );
    for (const units of sizes) await foldCost(db, fold, units);
    const pipeline = await runStages('bench-fold', ['status-consumer'], { config, serveHealth: false });
    try {
      console.log('through Kafka and the status consumer:');
      const progress = new ProgressReporter(pipeline.runtime.publisher, pipeline.runtime.topics);
      await lag(db, progress, 0, false); // the consumer's group joined and its connections warm
      for (const units of sizes) await lag(db, progress, units);
    } finally {
      await pipeline.stop();
    }
  } finally {
    await db.close();
    await dropDatabase(url);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
