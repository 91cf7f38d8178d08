import { randomBytes } from 'node:crypto';
import { Database, dropDatabase, ensureDatabase, withDatabase } from '@vs/database';

/** The key under which the global setup provides its run's template database (see test-template.ts). */
export const TEMPLATE_DATABASE_KEY = 'testTemplateDatabase';

declare module 'vitest' {
  export interface ProvidedContext {
    [TEMPLATE_DATABASE_KEY]: string;
  }
}

/** This run's template database, as the global setup named and migrated it. */
async function templateDatabase(): Promise<string> {
  // Imported when a test database is made, not with the module: the global setup and benchmarks load this lib
  // outside a test worker.
  const { inject } = await import('vitest');
  const database = inject(TEMPLATE_DATABASE_KEY);
  if (!database) throw new Error('no template database provided: test databases need the integration global setup');
  return database;
}

export function serverUrl(): string {
  // Tests may only read the environment through the config lib; this is the test harness's own knob.
  return process.env.VS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export interface TestDatabase {
  url: string;
  db: Database;
  drop(): Promise<void>;
}

/**
 * A migrated database of the test's own: a copy of the template that this run's global setup migrated.
 * Each test file gets one, so tests never see each other's rows.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `vs_test_${label
    .replace(/[^a-z0-9]/gi, '_')
    .toLowerCase()
    .slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(serverUrl(), name);
  const template = await templateDatabase();
  for (let attempt = 0; ; attempt++) {
    try {
      await ensureDatabase(url, { template });
      break;
    } catch (error) {
      // 55006: another test file is cloning the template at this moment; wait and try again.
      if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.floor(Math.random() * 200)));
    }
  }
  const db = new Database(url, { max: 10, applicationName: `vs-test-${label}` });
  return {
    url,
    db,
    async drop() {
      await db.close();
      await dropDatabase(url);
    },
  };
}

export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}
