import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { Database, dropDatabase, ensureDatabase, MigrationRunner, withDatabase } from '@vs/database';
import {
  claimTemplateDatabase,
  dropDeadTemplateDatabases,
  serverUrl,
  TEMPLATE_DATABASE_KEY,
  type TemplateClaim,
} from '@vs/testing';

const root = join(__dirname, '..');

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

let startedInfrastructure = false;
let template: TemplateClaim | undefined;

/**
 * The registry the test run starts keeps its schemas in a database of the run's own, emptied first: the
 * subjects of earlier runs (hundreds per run, each file has its own prefix) never pile up in it.
 */
const TEST_REGISTRY_DATABASE = 'velocity_synth_registry_test';

/**
 * Starts the native Kafka and registry when none is configured and nothing answers on the default ports,
 * then migrates this run's own template database, which every test file clones into a database of its own.
 */
const CHROMIUM = '/usr/bin/chromium';

/**
 * The console's browser tests drive Debian's Chromium (playwright-core downloads no browser): the test run
 * installs it from Debian's packages when it is missing, so `npm test` alone sets a fresh machine up.
 */
function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  execFileSync('bash', ['-c', `${sudo}apt-get update -qq && ${sudo}apt-get install -y -qq chromium`], {
    stdio: 'inherit',
  });
}

export async function setup(project: TestProject): Promise<void> {
  ensureChromium();
  if (!process.env.KAFKA_BROKERS) {
    const up = (await answers('127.0.0.1', 9092)) && (await answers('127.0.0.1', 8081));
    if (!up) {
      await dropDatabase(withDatabase(serverUrl(), TEST_REGISTRY_DATABASE));
      execFileSync('bash', [join(root, 'scripts/infra.sh'), 'up'], {
        stdio: 'inherit',
        env: { ...process.env, VS_REGISTRY_DATABASE: TEST_REGISTRY_DATABASE },
      });
      startedInfrastructure = true;
    }
  }
  const dropped = await dropDeadTemplateDatabases(serverUrl());
  if (dropped.length > 0) console.log(`dropped the template databases of runs that are gone: ${dropped.join(', ')}`);
  template = await claimTemplateDatabase(serverUrl());
  const templateUrl = withDatabase(serverUrl(), template.database);
  await ensureDatabase(templateUrl);
  const db = new Database(templateUrl, { max: 1 });
  try {
    await new MigrationRunner(db, join(root, 'migrations')).run();
  } finally {
    await db.close();
  }
  project.provide(TEMPLATE_DATABASE_KEY, template.database);
}

export async function teardown(): Promise<void> {
  if (template) {
    await dropDatabase(withDatabase(serverUrl(), template.database));
    await template.release();
    template = undefined;
  }
  if (startedInfrastructure && process.env.VS_KEEP_INFRA !== '1') {
    execFileSync('bash', [join(root, 'scripts/infra.sh'), 'down'], { stdio: 'inherit' });
  }
}
