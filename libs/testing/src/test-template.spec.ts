import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, ensureDatabase, withDatabase } from '@vs/database';
import { serverUrl } from './test-database';
import {
  claimTemplateDatabase,
  DEAD_TEMPLATE_AGE_MS,
  dropDeadTemplateDatabases,
  templateDatabaseName,
  templateStartedAt,
  type TemplateClaim,
} from './test-template';

const HOUR = 60 * 60 * 1000;

describe(templateStartedAt.name, () => {
  it('reads the start of the run that named a template, and nothing from any other name', () => {
    const startedAt = new Date('2026-12-01T19:30:00Z');
    expect(templateStartedAt(templateDatabaseName(startedAt))).toEqual(startedAt);
    for (const other of ['velocity_synth_test_template', 'vs_test_cli_0a1b2c3d', 'vs_test_template_17646_0a1b2c3d']) {
      expect(templateStartedAt(other)).toBeUndefined();
    }
  });
});

describe(dropDeadTemplateDatabases.name, () => {
  let admin: Client;
  const now = new Date();
  const made: string[] = [];
  let live: TemplateClaim;

  const exists = async (database: string) =>
    (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount === 1;
  const make = async (database: string) => {
    made.push(database);
    await ensureDatabase(withDatabase(serverUrl(), database));
    return database;
  };

  beforeAll(async () => {
    admin = new Client({ connectionString: serverUrl() });
    await admin.connect();
    live = await claimTemplateDatabase(serverUrl(), new Date(now.getTime() - DEAD_TEMPLATE_AGE_MS - HOUR));
  });

  afterAll(async () => {
    await live.release();
    await Promise.all(made.map((database) => dropDatabase(withDatabase(serverUrl(), database))));
    await admin.end();
  });

  it("drops an old template whose run is gone, never a live run's, nor a young one", async () => {
    const oldDead = await make(templateDatabaseName(new Date(now.getTime() - DEAD_TEMPLATE_AGE_MS - HOUR)));
    const oldLive = await make(live.database);
    const youngDead = await make(templateDatabaseName(new Date(now.getTime() - HOUR)));

    const dropped = await dropDeadTemplateDatabases(serverUrl(), now);

    expect(dropped).toContain(oldDead);
    expect(dropped).not.toContain(oldLive);
    expect(dropped).not.toContain(youngDead);
    expect(await exists(oldDead)).toBe(false);
    expect(await exists(oldLive), 'its run still holds the lock').toBe(true);
    expect(await exists(youngDead)).toBe(true);
  });

  // DROP DATABASE waits up to 5 s for the other session to leave before it refuses.
  it('leaves a dead template alone while someone is connected to it', { timeout: 30_000 }, async () => {
    const inUse = await make(templateDatabaseName(new Date(now.getTime() - DEAD_TEMPLATE_AGE_MS - HOUR)));
    const connected = new Client({ connectionString: withDatabase(serverUrl(), inUse) });
    connected.on('error', () => undefined);
    await connected.connect();
    try {
      expect(await dropDeadTemplateDatabases(serverUrl(), now)).not.toContain(inUse);
      expect(await exists(inUse)).toBe(true);
    } finally {
      await connected.end();
    }
    expect(await dropDeadTemplateDatabases(serverUrl(), now)).toContain(inUse);
  });
});
