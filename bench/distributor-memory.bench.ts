// The distributor's memory on a big job: peak RSS of a distributor process (apps/distributor) finalising one job of
// N accepted records per surface. The records are a real job's accepted records repeated under new ids, staged
// directly, so the finaliser's own memory is measured without waiting for the other stages. Each code revision
// given is run from a `git archive` of it, so a revision before streaming and one after compare side by side.
// Run: npx tsx bench/distributor-memory.bench.ts [records=100000] [revision...=HEAD]
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TARGET_SURFACES, type TargetSurface } from '@vs/contracts';
import { runStages, STAGE_NAMES } from '@vs/stages';
import {
  benchActor,
  benchJobRequest,
  benchEnvironment,
  projectRoot,
  type BenchEnvironment,
} from './support/bench-environment';

const records = Number(process.argv[2] ?? 100_000);
const revisions = process.argv.slice(3).length > 0 ? process.argv.slice(3) : ['HEAD'];
const SOURCE_RECORDS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;

/** VmHWM (peak resident set) and VmRSS of a process, in KiB. */
function memoryOf(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)![1]);
  return { peak: field('VmHWM'), now: field('VmRSS') };
}

/** The project's files at `revision`, runnable with this checkout's node_modules. */
function treeOf(revision: string): string {
  const directory = mkdtempSync(join(tmpdir(), 'vs-bench-tree-'));
  execFileSync('bash', ['-c', `git -C "${projectRoot}" archive "${revision}" | tar -x -C "${directory}"`]);
  symlinkSync(join(projectRoot, 'node_modules'), join(directory, 'node_modules'));
  return directory;
}

/** A completed job whose accepted records the clones repeat. */
async function sourceJob(bench: BenchEnvironment): Promise<string> {
  const pipeline = await runStages('bench-distributor-memory', STAGE_NAMES, {
    config: bench.config,
    serveHealth: false,
  });
  try {
    const { job } = await bench.jobs.trigger(benchJobRequest(SOURCE_RECORDS), benchActor);
    for (;;) {
      const [row] = await bench.db.query<{ status: string }>(
        'SELECT status FROM oracle_synthetic_generation_jobs WHERE job_id = $1',
        [job.job_id],
      );
      if (row?.status === 'completed') return job.job_id;
      if (row && ['failed', 'cancelled'].includes(row.status)) throw new Error(`source job ${row.status}`);
      await sleep(200);
    }
  } finally {
    await pipeline.stop();
  }
}

/** A job of `count` accepted records, every one decided and staged, waiting for its output. */
async function readyClone(bench: BenchEnvironment, source: string, surface: TargetSurface, count: number) {
  const jobId = randomUUID();
  await bench.db.transaction(async (client) => {
    await client.query(
      `CREATE TEMP TABLE clone ON COMMIT DROP AS SELECT * FROM oracle_synthetic_generation_jobs WHERE job_id = $1`,
      [source],
    );
    await client.query(
      `UPDATE clone SET job_id = $1, idempotency_key = NULL, target_surface = $2, record_count = $3,
              expanded_records = $3, generated_records = $3, validated_records = $3, accepted_records = $3,
              rejected_records = 0, distributed_records = 0, status = 'distributing', output_manifest = NULL,
              completed_at = NULL`,
      [jobId, surface, count],
    );
    await client.query(`INSERT INTO oracle_synthetic_generation_jobs SELECT * FROM clone`);
    await client.query(
      `INSERT INTO job_accepted_records (job_id, record_id, record_index, fields, lineage, scores)
       SELECT $2, gen_random_uuid(), g, s.fields, s.lineage, s.scores
         FROM generate_series(0, $3 - 1) g
         JOIN (SELECT row_number() OVER (ORDER BY record_index) - 1 AS i, fields, lineage, scores,
                      count(*) OVER () AS n
                 FROM job_accepted_records WHERE job_id = $1) s ON s.i = g % s.n`,
      [source, jobId, count],
    );
  });
  return jobId;
}

async function untilConnected(bench: BenchEnvironment, child: ChildProcess): Promise<void> {
  const database = new URL(bench.env.DATABASE_URL!).pathname.slice(1);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`distributor exited with ${child.exitCode}`);
    const [row] = await bench.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE 'velocity-synth-distributor%'`,
      [database],
    );
    if (row!.n > 0) return;
    await sleep(200);
  }
}

async function measure(bench: BenchEnvironment, tree: string, source: string, surface: TargetSurface) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/distributor/src/main.ts'], {
    cwd: tree,
    env: { ...process.env, ...bench.env, HTTP_PORT: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await untilConnected(bench, child);
    await sleep(3_000); // consumers joined, start-up allocations done
    const idle = memoryOf(child.pid!);
    const started = Date.now();
    const jobId = await readyClone(bench, source, surface, records);
    for (;;) {
      const [row] = await bench.db.query<{ written: boolean; error: string | null }>(
        `SELECT output_manifest IS NOT NULL AS written, error FROM oracle_synthetic_generation_jobs WHERE job_id = $1`,
        [jobId],
      );
      if (row?.written) break;
      if (row?.error) throw new Error(`job failed: ${row.error}`);
      if (child.exitCode !== null) throw new Error(`distributor exited with ${child.exitCode}`);
      await sleep(100);
    }
    return { idle, peak: memoryOf(child.pid!), seconds: (Date.now() - started) / 1000 };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
  }
}

async function main(): Promise<void> {
  const bench = await benchEnvironment('distmem');
  try {
    const source = await sourceJob(bench);
    for (const revision of revisions) {
      const tree = treeOf(revision);
      if (!existsSync(join(tree, 'apps/distributor/src/main.ts')))
        throw new Error(`${revision} has no distributor app`);
      for (const surface of TARGET_SURFACES) {
        const { idle, peak, seconds } = await measure(bench, tree, source, surface);
        console.log(
          `${revision.padEnd(10)} ${surface.padEnd(18)} ${records} records  idle ${mib(idle.peak)}  peak ${mib(peak.peak)}  (+${mib(peak.peak - idle.peak)})  finalised in ${seconds.toFixed(1)} s`,
        );
      }
    }
  } finally {
    await bench.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
