import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@vs/config';
import { createLogger } from '@vs/logging';
import { expect } from 'vitest';
import { InvalidInputError } from '@vs/contracts';
import { AuditLog, parseSeedFile, SeedImporter, TokenService, type Actor, type InputIssue } from '@vs/templates';
import { createTestDatabase, type TestDatabase } from '@vs/testing';
import { createAdminApp } from '../../../apps/admin-api/src/admin-api.module';

export const SEED_PATH = join(__dirname, '../../../seeds/oracle_template_seed_db.json');
export const seedText = () => readFileSync(SEED_PATH, 'utf8');

/** Every problem parseSeedFile names in a seed it refuses; fails the test when the seed is accepted. */
export function seedIssuesOf(text: string): InputIssue[] {
  try {
    parseSeedFile(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).issues;
  }
  throw new Error('expected the seed to be refused');
}
export const TEST_ACTOR: Actor = { name: 'test-harness', role: 'admin', tenant_id: null };

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
}

export interface ControlPlane {
  tdb: TestDatabase;
  app: INestApplication;
  tokens: { admin: string; operator: string; viewer: string; acme: string; globex: string };
  call(
    method: string,
    path: string,
    options?: { token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<Reply>;
  count(table: string, where?: string, values?: unknown[]): Promise<number>;
  close(): Promise<void>;
}

/** A migrated database of its own with the sample seed imported, and the admin app listening on a free port. */
export async function startControlPlane(label: string, env: Record<string, string> = {}): Promise<ControlPlane> {
  const tdb = await createTestDatabase(label);
  await new SeedImporter(tdb.db, new AuditLog(tdb.db)).import(parseSeedFile(seedText()), TEST_ACTOR);
  const tokenService = new TokenService(tdb.db);
  const make = async (role: string, tenant?: string) =>
    (await tokenService.create({ name: `${role}${tenant ? `-${tenant}` : ''}`, role, tenant_id: tenant })).token;
  const tokens = {
    admin: await make('admin'),
    operator: await make('operator'),
    viewer: await make('viewer'),
    acme: await make('operator', 'acme'),
    globex: await make('viewer', 'globex'),
  };
  const config = loadConfig({
    DATABASE_URL: tdb.url,
    PREVIEW_RECORD_COUNT_MAX: '25',
    RECORD_COUNT_MAX: '5000',
    ...env,
  });
  const app = await createAdminApp({ db: tdb.db, config, logger: createLogger('admin-api-test', 'silent') });
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    tdb,
    app,
    tokens,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      const token = options.token === undefined ? tokens.admin : options.token;
      if (token !== null) headers.authorization = `Bearer ${token}`;
      if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] ??= 'application/json';
      const response = await fetch(baseUrl + path, {
        method,
        headers,
        body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    async count(table, where = 'true', values = []) {
      const rows = await tdb.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, values);
      return Number(rows[0]!.n);
    },
    async close() {
      await app.close();
      await tdb.drop();
    },
  };
}

/** A valid production request on the sample seed; override what a test is about. */
export function jobRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    template_id: 'retail-customer-orders',
    template_revision: 1,
    chapter_key: 'online_checkout',
    tenant_id: 'acme',
    locale: 'en-US',
    record_count: 20,
    target_surface: 'qa_fixtures',
    ...overrides,
  };
}
