import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '@vs/config';
import type { JobRequestInput } from '@vs/contracts';
import { Database, dropDatabase, ensureDatabase, MigrationRunner, withDatabase } from '@vs/database';
import {
  AuditLog,
  jobPolicyFromConfig,
  jobServiceOver,
  parseSeedFile,
  SeedImporter,
  type Actor,
  type JobService,
} from '@vs/templates';

export const benchActor: Actor = { name: 'bench', role: 'admin', tenant_id: null };

/** The deterministic job every pipeline benchmark triggers: the sample seed's retail returns chapter. */
export function benchJobRequest(records: number, locale = 'de-DE'): JobRequestInput {
  return {
    template_id: 'retail-customer-orders',
    template_revision: 1,
    chapter_key: 'returns_refunds',
    tenant_id: 'bench',
    locale,
    record_count: records,
    target_surface: 'qa_fixtures',
  };
}
export const projectRoot = join(__dirname, '../..');

export interface BenchEnvironment {
  config: Readonly<AppConfig>;
  /** What a child process needs to join this environment (database, topic prefix, output root). */
  env: Record<string, string>;
  db: Database;
  jobs: JobService;
  close(): Promise<void>;
}

/** A database of the benchmark's own, migrated, the sample seed imported; topics and outputs of its own too. */
export async function benchEnvironment(
  label: string,
  overrides: Record<string, string> = {},
): Promise<BenchEnvironment> {
  const suffix = Date.now().toString(36);
  const url = withDatabase(loadConfig().DATABASE_URL, `vs_bench_${label}_${suffix}`);
  await ensureDatabase(url);
  const db = new Database(url, { max: 4 });
  await new MigrationRunner(db, join(projectRoot, 'migrations')).run();
  const env = {
    DATABASE_URL: url,
    VS_TOPIC_PREFIX: `bench-${label}-${suffix}.`,
    OUTPUT_ROOT: mkdtempSync(join(tmpdir(), `vs-bench-${label}-`)),
    LOG_LEVEL: 'warn',
    ...overrides,
  };
  const config = loadConfig({ ...process.env, ...env });
  const audit = new AuditLog(db);
  await new SeedImporter(db, audit).import(
    parseSeedFile(readFileSync(join(projectRoot, 'seeds/oracle_template_seed_db.json'), 'utf8')),
    benchActor,
  );
  const jobs = jobServiceOver(db, audit, jobPolicyFromConfig(config));
  return {
    config,
    env,
    db,
    jobs,
    async close() {
      await db.close();
      await dropDatabase(url);
    },
  };
}

/** The q-quantile (0..1) of the values, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
