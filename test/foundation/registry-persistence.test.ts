import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, withDatabase } from '@vs/database';
import { AvroSerde, type AvroSchema } from '@vs/kafka';
import { freePort, serverUrl } from '@vs/testing';

const root = join(__dirname, '../..');

const orderV1: AvroSchema = {
  type: 'record',
  name: 'Order',
  namespace: 'velocity_synth.test',
  fields: [
    { name: 'job_id', type: 'string' },
    { name: 'amount', type: 'double' },
  ],
};
const orderV2: AvroSchema = { ...orderV1, fields: [...orderV1.fields, { name: 'note', type: 'string', default: '' }] };

/**
 * The registry that `scripts/infra.sh` starts, on a port and database of this test's own (the installed jars
 * are shared by a link), so the test can stop and start it without touching the registry the others use.
 */
describe('schema registry started by scripts/infra.sh keeps its schemas across a restart', () => {
  const home = mkdtempSync(join(tmpdir(), 'vs-registry-home-'));
  const database = `vs_registry_scratch_${randomBytes(4).toString('hex')}`;
  let env: NodeJS.ProcessEnv;
  let url: string;

  const infra = (...args: string[]) =>
    execFileSync('bash', [join(root, 'scripts/infra.sh'), ...args], { cwd: root, env, encoding: 'utf8' });

  beforeAll(async () => {
    const installed = execFileSync('bash', [join(root, 'scripts/infra.sh'), 'install'], {
      cwd: root,
      encoding: 'utf8',
    });
    const registryHome = /apicurio registry \S+ in (.+)$/m.exec(installed)?.[1];
    if (!registryHome) throw new Error(`scripts/infra.sh install did not say where Apicurio is: ${installed}`);
    symlinkSync(registryHome, join(home, basename(registryHome)));
    const port = await freePort();
    const pg = new URL(serverUrl());
    env = {
      ...process.env,
      VS_INFRA_HOME: home,
      VS_REGISTRY_PORT: String(port),
      VS_REGISTRY_DATABASE: database,
      VS_PG_HOST: pg.hostname,
      VS_PG_PORT: pg.port || '5432',
    };
    url = `http://127.0.0.1:${port}/apis/ccompat/v7`;
  }, 300_000);

  afterAll(async () => {
    if (env) infra('down', 'registry');
    await dropDatabase(withDatabase(serverUrl(), database));
    rmSync(home, { recursive: true, force: true });
  });

  it('decodes a message written before the restart, keeps the ids, the versions and the BACKWARD rule', async () => {
    expect(infra('up', 'registry')).toMatch(/registry up in \d+s/);
    expect(infra('up', 'registry')).toMatch(/registry already up: nothing to do/);

    const before = new AvroSerde(url);
    const firstId = await before.register('orders', orderV1);
    const secondId = await before.register('orders', orderV2);
    const message = await before.encode('orders', { job_id: 'job-1', amount: 12.5, note: 'kept' });

    expect(infra('down', 'registry')).toMatch(/stopped registry/);
    expect(infra('up', 'registry')).toMatch(/registry up in \d+s/);

    const after = new AvroSerde(url);
    expect(await after.decode(message)).toEqual({ job_id: 'job-1', amount: 12.5, note: 'kept' });
    const versions = (await (await fetch(`${url}/subjects/orders-value/versions`)).json()) as number[];
    expect(versions).toHaveLength(2);
    const byId = (await (await fetch(`${url}/schemas/ids/${firstId}`)).json()) as { schema: string };
    expect(JSON.parse(byId.schema)).toMatchObject({ name: 'Order', fields: orderV1.fields });
    // Registering what it already holds answers the id it handed out before the restart.
    expect(await after.register('orders', orderV2)).toBe(secondId);
    const config = (await (await fetch(`${url}/config/orders-value`)).json()) as { compatibilityLevel: string };
    expect(config.compatibilityLevel).toBe('BACKWARD');
    const incompatible = { ...orderV1, fields: [...orderV1.fields, { name: 'required_now', type: 'int' }] };
    await expect(after.register('orders', incompatible)).rejects.toThrow(/incompatible/i);
  }, 300_000);
});
