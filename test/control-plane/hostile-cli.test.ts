import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@vs/testing';
import { SEED_PATH } from './support/control-plane.harness';

const BIN = join(__dirname, '../../bin/velocity-synth.js');
const TRIGGER = ['jobs', 'trigger', '--template', 'retail-customer-orders', '--chapter', 'online_checkout'];
const REST = ['--tenant', 'acme', '--locale', 'en-US', '--surface', 'qa_fixtures'];

/** Hostile arguments: each exits 2 naming the flag or field and what it accepts, and writes nothing. */
describe('velocity-synth CLI against hostile arguments', () => {
  let tdb: TestDatabase;
  let scratch: string;
  const run = async (...args: string[]) => {
    try {
      await promisify(execFile)(process.execPath, [BIN, ...args], {
        env: { ...process.env, DATABASE_URL: tdb.url, LOG_LEVEL: 'silent' },
      });
      return { code: 0, stderr: '' };
    } catch (error) {
      const e = error as { code: number; stderr: string };
      return { code: e.code, stderr: e.stderr };
    }
  };
  const written = async () =>
    Number(
      (
        await tdb.db.query(
          'SELECT (SELECT count(*) FROM oracle_synthetic_generation_jobs) + (SELECT count(*) FROM api_tokens) AS n',
        )
      )[0]!.n,
    );

  beforeAll(async () => {
    tdb = await createTestDatabase('hostile_cli');
    scratch = mkdtempSync(join(tmpdir(), 'vs-hostile-cli-'));
    expect((await run('seed', 'import', SEED_PATH)).code).toBe(0);
  });
  afterAll(async () => tdb.drop());

  it.each([
    ['--count', '0x10', 'record_count (--count)'],
    ['--count', '1e3', 'record_count (--count)'],
    ['--count', ' 7', 'record_count (--count)'],
    ['--count', '16.0', 'record_count (--count)'],
    ['--count', '0b11', 'record_count (--count)'],
    ['--count', '+5', 'record_count (--count)'],
    ['--count', '5.0', 'record_count (--count)'],
    ['--count', '-0', 'record_count (--count)'],
    ['--count', '007', 'record_count (--count)'],
    ['--count', '9007199254740993', 'record_count (--count)'],
    ['--count', 'Infinity', 'record_count (--count)'],
    ['--revision', '0x1', 'template_revision (--revision)'],
    ['--revision', '1.5', 'template_revision (--revision)'],
    ['--token-budget', '5e3', 'token_budget (--token-budget)'],
  ])('refuses %s %j as not a whole number', async (flag, value, field) => {
    const args = [...TRIGGER, ...REST, '--revision', '1', '--count', '10'];
    if (args.includes(flag)) args[args.indexOf(flag) + 1] = value;
    else args.push(flag, value);
    const before = await written();
    const result = await run(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${field}: "${value}" is not a whole number (accepted: decimal digits`);
    expect(await written()).toBe(before);
  });

  it.each([
    ['--limit', '1e9', /limit \(--limit\): "1e9" is not a whole number/],
    ['--limit', 'abc', /limit \(--limit\): "abc" is not a whole number/],
    ['--limit', '0', /limit \(--limit\): 0 is out of range \(accepted: a whole number from 1 to 500\)/],
    ['--limit', '501', /limit \(--limit\): 501 is out of range/],
    ['--offset', '-1', /offset \(--offset\): -1 is out of range/],
    ['--offset', '0x10', /offset \(--offset\): "0x10" is not a whole number/],
  ])('refuses jobs list %s %j, naming the flag', async (flag, value, message) => {
    const result = await run('jobs', 'list', flag, value);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it.each([['a\tb'], ['acme/x'], ['..'], ['ACME']])(
    'refuses tokens create --tenant %j, naming tenant_id',
    async (tenant) => {
      const before = await written();
      const result = await run('tokens', 'create', '--name', 'x', '--role', 'viewer', '--tenant', tenant);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/tenant_id: .* is not a tenant id \(accepted: use 1-63 lowercase letters/);
      expect(await written()).toBe(before);
    },
  );

  it('refuses a tenant and a locale that are not valid, naming both fields', async () => {
    const result = await run(
      ...TRIGGER,
      '--revision',
      '1',
      '--count',
      '5',
      '--surface',
      'qa_fixtures',
      '--tenant',
      'a.b',
      '--locale',
      'en_US',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/tenant_id/);
    expect(result.stderr).toMatch(/locale/);
  });

  it.each([
    ['a directory', () => scratch, /EISDIR/],
    ['a missing file', () => join(scratch, 'nope.json'), /ENOENT/],
    ['a file that is not JSON', () => write('broken.json', '{"format_version": 1,'), /\(file\)/],
    ['a JSON file of the wrong shape', () => write('shape.json', '[1, 2, 3]'), /\(root\)|format_version/],
  ])('refuses to import %s, naming what is wrong', async (_what, path, problem) => {
    const result = await run('seed', 'import', path());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(problem);
  });

  function write(name: string, text: string): string {
    const path = join(scratch, name);
    writeFileSync(path, text);
    return path;
  }
});
