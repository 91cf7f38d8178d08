import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database, dropDatabase, ensureDatabase, MigrationRunner, withDatabase } from '@vs/database';
import { serverUrl, uniqueSuffix } from '@vs/testing';

describe(MigrationRunner.name, () => {
  const url = withDatabase(serverUrl(), `vs_test_migrations_${uniqueSuffix()}`);
  let db: Database | undefined;

  afterAll(async () => {
    await db?.close();
    await dropDatabase(url);
  });

  it('creates the database, applies every migration once, and is a no-op the second time', async () => {
    expect(await ensureDatabase(url)).toBe(true);
    expect(await ensureDatabase(url)).toBe(false);
    db = new Database(url, { max: 2 });
    const runner = new MigrationRunner(db, join(__dirname, '../../migrations'));

    const first = await runner.run();
    expect(first.applied.length).toBeGreaterThanOrEqual(3);
    expect(first.applied[0]).toBe('0001_templates');
    expect(first.skipped).toEqual([]);

    const second = await runner.run();
    expect(second.applied).toEqual([]);
    expect(second.skipped).toEqual(first.applied);

    const recorded = await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(recorded.map((r) => r.version)).toEqual(first.applied.map((l) => l.slice(0, 4)));
  });
});
