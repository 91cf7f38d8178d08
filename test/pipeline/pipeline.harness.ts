import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '@vs/config';
import type { JobRequestInput } from '@vs/contracts';
import { runStages, STAGE_NAMES, type RunningPipeline, type StageName } from '@vs/stages';
import {
  AuditLog,
  jobPolicyFromConfig,
  jobServiceOver,
  type JobService,
  parseSeedFile,
  SeedImporter,
  type Actor,
} from '@vs/templates';
import { createTestDatabase, uniqueSuffix, type TestDatabase } from '@vs/testing';

export const SEED_FILE = join(__dirname, '../../seeds/oracle_template_seed_db.json');
export const operator: Actor = { name: 'e2e-operator', role: 'admin', tenant_id: null };

export interface PipelineHarness {
  config: Readonly<AppConfig>;
  database: TestDatabase;
  jobs: JobService;
  outputRoot: string;
  start(stages?: readonly StageName[], options?: { serveHealth?: boolean }): Promise<RunningPipeline>;
  trigger(request: JobRequestInput): Promise<string>;
  waitForJob(jobId: string, until: (row: JobRow) => boolean, timeoutMs?: number): Promise<JobRow>;
  close(): Promise<void>;
}

export type JobRow = Record<string, unknown> & {
  status: string;
  accepted_records: number;
  rejected_records: number;
  record_count: number;
};

/** A database, topic prefix and output folder of the test's own, the sample seed imported, stages on demand. */
export async function pipelineHarness(label: string, env: Record<string, string> = {}): Promise<PipelineHarness> {
  const database = await createTestDatabase(label);
  const outputRoot = mkdtempSync(join(tmpdir(), `vs-${label}-`));
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: database.url,
    VS_TOPIC_PREFIX: `t-${label}-${uniqueSuffix()}.`,
    OUTPUT_ROOT: outputRoot,
    HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
    KAFKA_TOPIC_PARTITIONS: '3',
    ...env,
  });
  const audit = new AuditLog(database.db);
  await new SeedImporter(database.db, audit).import(parseSeedFile(readFileSync(SEED_FILE, 'utf8')), operator);
  const jobs = jobServiceOver(database.db, audit, jobPolicyFromConfig(config));
  const running: RunningPipeline[] = [];
  return {
    config,
    database,
    jobs,
    outputRoot,
    async start(stages = STAGE_NAMES, options = {}) {
      const pipeline = await runStages(`e2e-${label}`, stages, { config, serveHealth: options.serveHealth ?? false });
      running.push(pipeline);
      return pipeline;
    },
    async trigger(request) {
      const { job } = await jobs.trigger(request, operator);
      return job.job_id;
    },
    async waitForJob(jobId, until, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [row] = await database.db.query<JobRow>(
          'SELECT * FROM oracle_synthetic_generation_jobs WHERE job_id = $1',
          [jobId],
        );
        if (row && until(row)) return row;
        if (Date.now() > deadline)
          throw new Error(
            `job ${jobId} did not reach the expected state in ${timeoutMs} ms; last: ${JSON.stringify(row)}`,
          );
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async close() {
      for (const pipeline of running.splice(0)) await pipeline.stop();
      await database.drop();
    },
  };
}

export const isTerminal = (row: JobRow) => ['completed', 'failed', 'cancelled'].includes(row.status);
