import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@vs/testing';
import { SEED_PATH } from './support/control-plane.harness';

const BIN = join(__dirname, '../../bin/velocity-synth.js');

describe('velocity-synth CLI', () => {
  let tdb: TestDatabase;
  const run = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
        env: { ...process.env, DATABASE_URL: tdb.url, LOG_LEVEL: 'silent' },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const json = async (...args: string[]) => {
    const result = await run(...args, '--json');
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout);
  };

  beforeAll(async () => {
    tdb = await createTestDatabase('cli');
  });
  afterAll(async () => tdb.drop());

  it('imports the seed and reports unchanged on the second run', async () => {
    expect((await json('seed', 'import', SEED_PATH)).created).toHaveLength(4);
    expect((await json('seed', 'import', SEED_PATH)).unchanged).toHaveLength(4);
    const audit = await tdb.db.query("SELECT actor, actor_role FROM audit_log WHERE action = 'seed.import' LIMIT 1");
    expect(audit[0]!.actor).toMatch(/^cli:/);
  });

  it('lists templates as an aligned table and as JSON', async () => {
    const table = await run('templates', 'list');
    expect(table.stdout.split('\n')[0]).toMatch(/^TEMPLATE_ID\s+DOMAIN\s+REVISION\s+STATUS/);
    expect(table.stdout).toContain('retail-customer-orders');
    const list = await json('templates', 'list');
    expect(list.map((t: { template_id: string }) => t.template_id)).toContain('fintech-card-support');
    const shown = await json('templates', 'show', 'retail-customer-orders', '--revision', '2');
    expect(shown).toMatchObject({ revision: 2, status: 'draft' });
    expect(shown.chapters).toHaveLength(4);
  });

  it('triggers, shows, lists and cancels a job, idempotently', async () => {
    const args = [
      'jobs',
      'trigger',
      '--template',
      'retail-customer-orders',
      '--revision',
      '1',
      '--chapter',
      'returns_refunds',
      '--tenant',
      'acme',
      '--locale',
      'de-DE',
      '--count',
      '12',
      '--surface',
      'demo_bundle',
      '--idempotency-key',
      'cli-1',
    ];
    const job = await json(...args);
    expect(job).toMatchObject({ status: 'queued', created: true, record_count: 12 });
    expect((await json(...args)).job_id).toBe(job.job_id);
    expect((await json('jobs', 'show', job.job_id)).lineage.locale).toBe('de-DE');
    expect((await json('jobs', 'list', '--tenant', 'acme')).total).toBe(1);
    expect((await json('jobs', 'cancel', job.job_id)).status).toBe('cancelled');
    expect((await run('jobs', 'list')).stdout).toMatch(/cancelled\s+acme/);
  });

  it('reruns a failed job, and refuses a cancelled one with a one-line reason', async () => {
    const trigger = (key: string) =>
      json(
        'jobs',
        'trigger',
        ...['--template', 'retail-customer-orders', '--revision', '1', '--chapter', 'online_checkout'],
        ...['--tenant', 'acme', '--locale', 'en-US', '--count', '5', '--surface', 'qa_fixtures'],
        ...['--idempotency-key', key],
      );
    const failed = await trigger('cli-rerun-1');
    await tdb.db.query(
      "UPDATE oracle_synthetic_generation_jobs SET status = 'failed', error = 'expander: boom' WHERE job_id = $1",
      [failed.job_id],
    );
    const text = await run('jobs', 'rerun', failed.job_id);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.trim()).toBe(`${failed.job_id} is queued again (rerun 1)`);
    expect((await json('jobs', 'show', failed.job_id)).reruns).toBe(1);

    const cancelled = await trigger('cli-rerun-2');
    await json('jobs', 'cancel', cancelled.job_id);
    const refused = await run('jobs', 'rerun', cancelled.job_id);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain(`job ${cancelled.job_id} is cancelled; only a failed job can be rerun`);
  });

  it('publishes and archives revisions', async () => {
    expect((await json('templates', 'publish', 'retail-customer-orders', '2')).status).toBe('published');
    expect((await json('templates', 'archive', 'retail-customer-orders', '2')).status).toBe('archived');
    const again = await run('templates', 'archive', 'retail-customer-orders', '2');
    expect(again.code).not.toBe(0);
    expect(again.stderr.trim()).toMatch(/^error: template revision retail-customer-orders@2 is archived/);
  });

  it('exits non-zero with one line naming the field and the fix', async () => {
    const result = await run(
      'jobs',
      'trigger',
      '--template',
      'retail-customer-orders',
      '--revision',
      '1',
      '--chapter',
      'online_checkout',
      '--tenant',
      'acme',
      '--locale',
      'it-IT',
      '--count',
      '5',
      '--surface',
      'qa_fixtures',
    );
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('locale: "it-IT" is not a locale of this revision (accepted: en-US | de-DE)');
    const asJson = await run(
      'jobs',
      'trigger',
      '--json',
      '--template',
      'retail-customer-orders',
      '--revision',
      '1',
      '--chapter',
      'x',
      '--tenant',
      'acme',
      '--locale',
      'en-US',
      '--count',
      '5',
      '--surface',
      'qa_fixtures',
    );
    expect(JSON.parse(asJson.stderr).error.issues[0]).toMatchObject({ field: 'chapter_key' });
    const missingFile = await run('seed', 'import', '/nonexistent/seed.json');
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toMatch(/^error: cannot read \/nonexistent\/seed.json: file: /);
  });

  it('creates a token and prints it once', async () => {
    const token = await json('tokens', 'create', '--name', 'bootstrap', '--role', 'admin');
    expect(token.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await tdb.db.query('SELECT token_hash FROM api_tokens WHERE name = $1', ['bootstrap']);
    expect(stored[0]!.token_hash).not.toBe(token.token);
    const bad = await run('tokens', 'create', '--name', 'x', '--role', 'superuser');
    expect(bad.stderr).toContain('role: "superuser" is not a role (accepted: admin | operator | viewer)');
  });
});
