// npm run db:migrate: creates the database when missing, then applies migrations/*.sql in order, each once.
import { join } from 'node:path';
import { loadConfig } from '@vs/config';
import { Database, ensureDatabase, MigrationRunner } from '@vs/database';

async function main(): Promise<void> {
  const config = loadConfig();
  if (await ensureDatabase(config.DATABASE_URL))
    console.log(`created database ${new URL(config.DATABASE_URL).pathname.slice(1)}`);
  const db = new Database(config.DATABASE_URL, { max: 1, applicationName: 'velocity-synth-migrate' });
  try {
    const { applied, skipped } = await new MigrationRunner(db, join(__dirname, '..', 'migrations')).run();
    console.log(
      `migrations: ${applied.length} applied${applied.length ? ` (${applied.join(', ')})` : ''}, ${skipped.length} already applied`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
