import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Each test run migrates a template database of its own, named for the run: two runs on one server (two clones
 * on one machine) never drop or clone each other's. The name holds the run's start, so age needs no catalogue.
 */
const TEMPLATE_PREFIX = 'vs_test_template_';
const TEMPLATE_NAME = /^vs_test_template_(\d{10,})_[0-9a-f]{8}$/;

/**
 * A template whose run is gone is dropped only once it is this old, so that a live run whose lock connection
 * was lost (terminated by a test, say) keeps its template for longer than any run lasts.
 */
export const DEAD_TEMPLATE_AGE_MS = 6 * 60 * 60 * 1000;

/** The key a run's session advisory lock is taken on: one namespace for every run's template. */
const LOCK = `pg_try_advisory_lock(hashtext('${TEMPLATE_PREFIX}'), hashtext($1))`;
const UNLOCK = `pg_advisory_unlock(hashtext('${TEMPLATE_PREFIX}'), hashtext($1))`;

export function templateDatabaseName(startedAt: Date, id = randomBytes(4).toString('hex')): string {
  return `${TEMPLATE_PREFIX}${Math.floor(startedAt.getTime() / 1000)}_${id}`;
}

/** When the run that named this template started; undefined for any database not named by templateDatabaseName. */
export function templateStartedAt(database: string): Date | undefined {
  const match = TEMPLATE_NAME.exec(database);
  return match ? new Date(Number(match[1]) * 1000) : undefined;
}

export interface TemplateClaim {
  database: string;
  /** Lets go of the run's lock (after its template is dropped). */
  release(): Promise<void>;
}

/**
 * Names the run's template and holds a session advisory lock on that name, on the server's maintenance database,
 * for as long as the run lives: the lock is what tells a live run's template from a dead one's (a killed run's
 * session ends, and its lock with it).
 */
export async function claimTemplateDatabase(serverUrl: string, startedAt = new Date()): Promise<TemplateClaim> {
  const client = new Client({ connectionString: serverUrl, application_name: 'vs-test-run' });
  // Losing this connection only leaves the age guard between this run's template and a cleaner; it must not crash the run.
  client.on('error', () => undefined);
  await client.connect();
  const database = templateDatabaseName(startedAt);
  const { rows } = await client.query<{ locked: boolean }>(`SELECT ${LOCK} AS locked`, [database]);
  if (!rows[0]?.locked) {
    await client.end();
    throw new Error(`another run holds the lock of ${database}: a name drawn twice`);
  }
  return {
    database,
    release: async () => {
      await client.query(`SELECT ${UNLOCK}`, [database]).catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}

/**
 * Drops the templates of runs that are gone: named by templateDatabaseName, older than DEAD_TEMPLATE_AGE_MS, and
 * with no session holding their lock (taken here while the drop runs, so a run cannot claim it meanwhile).
 * Without FORCE: a database someone is connected to is not dropped. Returns the names dropped.
 */
export async function dropDeadTemplateDatabases(serverUrl: string, now = new Date()): Promise<string[]> {
  const client = new Client({ connectionString: serverUrl, application_name: 'vs-test-template-cleaner' });
  client.on('error', () => undefined);
  await client.connect();
  const dropped: string[] = [];
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
      [TEMPLATE_PREFIX],
    );
    for (const { datname } of rows) {
      const startedAt = templateStartedAt(datname);
      if (!startedAt || now.getTime() - startedAt.getTime() < DEAD_TEMPLATE_AGE_MS) continue;
      const lock = await client.query<{ locked: boolean }>(`SELECT ${LOCK} AS locked`, [datname]);
      if (!lock.rows[0]?.locked) continue;
      try {
        // The name matched TEMPLATE_NAME: letters, digits and underscores only.
        await client.query(`DROP DATABASE IF EXISTS "${datname}"`);
        dropped.push(datname);
      } catch {
        // In use after all, or dropped by another cleaner: left for a later run.
      } finally {
        await client.query(`SELECT ${UNLOCK}`, [datname]);
      }
    }
  } finally {
    await client.end();
  }
  return dropped;
}
