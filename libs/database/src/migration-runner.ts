import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database';

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

const MIGRATION_FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;
// Any constant works; it only has to be the same for every runner so two never interleave.
const MIGRATION_LOCK_KEY = 7_220_431;

export function readMigrations(directory: string): Migration[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = MIGRATION_FILE.exec(file);
      if (!match) throw new Error(`migration file "${file}" must be named NNNN_snake_case_name.sql`);
      const sql = readFileSync(join(directory, file), 'utf8');
      return { version: match[1]!, name: match[2]!, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    })
    .sort((a, b) => a.version.localeCompare(b.version));
}

/** Applies migrations in order, each once and inside its own transaction, recording what ran. */
export class MigrationRunner {
  constructor(
    private readonly db: Database,
    private readonly directory: string,
  ) {}

  async run(): Promise<{ applied: string[]; skipped: string[] }> {
    const migrations = readMigrations(this.directory);
    const client = await this.db.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = new Map(
        (
          await client.query<{ version: string; checksum: string }>('SELECT version, checksum FROM schema_migrations')
        ).rows.map((r) => [r.version, r.checksum]),
      );
      const applied: string[] = [];
      const skipped: string[] = [];
      for (const migration of migrations) {
        const label = `${migration.version}_${migration.name}`;
        const recorded = done.get(migration.version);
        if (recorded !== undefined) {
          if (recorded !== migration.checksum) {
            throw new Error(
              `migration ${label} changed after it was applied; add a new migration instead of editing it`,
            );
          }
          skipped.push(label);
          continue;
        }
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
            migration.version,
            migration.name,
            migration.checksum,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`migration ${label} failed: ${(error as Error).message}`, { cause: error });
        }
        applied.push(label);
      }
      return { applied, skipped };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      client.release();
    }
  }
}
