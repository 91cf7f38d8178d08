// npm run quickstart: local infrastructure (when none is configured), migrations, then the pipeline.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { infrastructureConfigured, loadConfig } from '@vs/config';
import { Database, ensureDatabase, MigrationRunner } from '@vs/database';

const root = join(__dirname, '..');

async function main(): Promise<void> {
  const config = loadConfig();
  if (!infrastructureConfigured()) {
    console.log('No KAFKA_BROKERS configured: starting local Kafka and schema registry (npm run infra:up).');
    execFileSync('bash', [join(root, 'scripts/infra.sh'), 'up'], { stdio: 'inherit' });
  }
  await ensureDatabase(config.DATABASE_URL);
  const db = new Database(config.DATABASE_URL, { max: 2 });
  try {
    const { applied } = await new MigrationRunner(db, join(root, 'migrations')).run();
    console.log(`Database ready (${applied.length} migrations applied).`);
  } finally {
    await db.close();
  }
  console.log('Infrastructure is up and migrated. The pipeline services are not wired into quickstart yet.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
