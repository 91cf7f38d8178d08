// npm run quickstart: the main job end to end. Starts local Kafka and the registry when none is configured,
// migrates, imports the sample seed, runs every pipeline stage in this process, triggers a 1,000-record job,
// shows live progress, and prints the result contract and where the outputs went.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { infrastructureConfigured, loadConfig } from '@vs/config';
import { ConflictError, type TargetSurface } from '@vs/contracts';
import { Database, ensureDatabase, MigrationRunner } from '@vs/database';
import { createLogger } from '@vs/logging';
import { runStages, STAGE_NAMES } from '@vs/stages';
import {
  AuditLog,
  jobServiceOver,
  jobPolicyFromConfig,
  parseSeedFile,
  SeedImporter,
  TokenService,
  type Actor,
} from '@vs/templates';
import { createAdminApp } from '../apps/admin-api/src/admin-api.module';

const root = join(__dirname, '..');
const actor: Actor = { name: 'quickstart', role: 'admin', tenant_id: null };
const HEALTH_PORT = 9100;

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

async function main(): Promise<void> {
  const began = Date.now();
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  if (!infrastructureConfigured()) {
    console.log('1. No KAFKA_BROKERS configured: starting local Kafka and schema registry (npm run infra:up)');
    execFileSync('bash', [join(root, 'scripts/infra.sh'), 'up'], { stdio: 'inherit' });
  } else {
    console.log(
      `1. Using the configured Kafka at ${config.KAFKA_BROKERS.join(',')} and registry at ${config.SCHEMA_REGISTRY_URL}`,
    );
  }

  await ensureDatabase(config.DATABASE_URL);
  const db = new Database(config.DATABASE_URL, { max: 4, applicationName: 'velocity-synth-quickstart' });
  const { applied } = await new MigrationRunner(db, join(root, 'migrations')).run();
  console.log(
    `2. Database ${new URL(config.DATABASE_URL).pathname.slice(1)} migrated (${applied.length} new migrations)`,
  );

  const audit = new AuditLog(db);
  const seed = await new SeedImporter(db, audit)
    .import(parseSeedFile(readFileSync(join(root, 'seeds/oracle_template_seed_db.json'), 'utf8')), actor)
    .catch((error: unknown) => {
      // Published revisions are immutable: a database that holds an older sample seed keeps it, so say how to start over.
      if (error instanceof ConflictError) {
        const database = new URL(config.DATABASE_URL).pathname.slice(1);
        throw new Error(
          `${error.message}\n   This database holds a published sample revision from an earlier version of the seed, and published ` +
            `revisions are never overwritten. Run the quickstart on a fresh database (DATABASE_URL=postgres://postgres@127.0.0.1:5432/${database}_new ` +
            `npm run quickstart) or drop this one (dropdb -h 127.0.0.1 -U postgres ${database}).`,
        );
      }
      throw error;
    });
  console.log(`3. Sample seed imported (${seed.created.length} revisions created, ${seed.unchanged.length} unchanged)`);

  const pipeline = await runStages('quickstart', STAGE_NAMES, { config, healthPort: HEALTH_PORT });
  const healthPort = pipeline.healthPort;
  console.log(
    `4. Pipeline started: ${STAGE_NAMES.join(', ')} (health http://127.0.0.1:${healthPort}/health, metrics /metrics)`,
  );

  // The admin API with its console, so the job below can be watched in a browser.
  const admin = await createAdminApp({ db, config, logger: createLogger('admin-api', config.LOG_LEVEL) });
  const consoleUrl = await admin
    .listen(config.HTTP_PORT, '127.0.0.1')
    .then(() => `http://127.0.0.1:${config.HTTP_PORT}/console/`)
    .catch((error: Error) => console.log(`   (console not served: port ${config.HTTP_PORT}: ${error.message})`));
  if (consoleUrl) {
    const { token } = await new TokenService(db).create({ name: 'quickstart-console', role: 'admin' });
    console.log(`   Console: ${consoleUrl}  sign in with the admin token ${token}`);
  }

  try {
    const jobs = jobServiceOver(db, audit, jobPolicyFromConfig(config));
    const request = {
      template_id: argument('template', 'retail-customer-orders'),
      template_revision: Number(argument('revision', '1')),
      chapter_key: argument('chapter', 'online_checkout'),
      tenant_id: argument('tenant', 'demo-tenant'),
      locale: argument('locale', 'en-US'),
      record_count: Number(argument('records', '1000')),
      target_surface: argument('surface', 'qa_fixtures') as TargetSurface,
    };
    const triggeredAt = Date.now();
    const { job } = await jobs.trigger(request, actor);
    console.log(
      `5. Triggered job ${job.job_id}: ${request.record_count} records of ${request.template_id} r${request.template_revision}/${request.chapter_key} (${request.locale}) -> ${request.target_surface}`,
    );

    let last = '';
    for (;;) {
      const view = await jobs.get(job.job_id, actor);
      const done = view.accepted_records + view.rejected_records;
      const line = `   ${view.status.padEnd(12)} ${String(done).padStart(6)}/${request.record_count} decided  accepted ${view.accepted_records}  rejected ${view.rejected_records}  (${((100 * done) / request.record_count).toFixed(1)}%)`;
      if (line !== last) console.log(line);
      last = line;
      if (['completed', 'failed', 'cancelled'].includes(view.status)) {
        const seconds = ((Date.now() - triggeredAt) / 1000).toFixed(1);
        console.log(`6. Job ${view.status} in ${seconds} s. Result:`);
        const { job_id, status, accepted_records, rejected_records, output_manifest, lineage } = view;
        console.log(
          JSON.stringify({ job_id, status, accepted_records, rejected_records, output_manifest, lineage }, null, 2),
        );
        for (const output of view.output_manifest?.outputs ?? []) {
          const location =
            output.location.startsWith('/') || output.location.includes(':')
              ? output.location
              : resolve(output.location);
          console.log(
            `   output: ${location} (${output.format}, ${output.record_count} records, ${output.bytes} bytes, sha256 ${output.sha256})`,
          );
        }
        if (view.status !== 'completed') process.exitCode = 1;
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    if (consoleUrl && process.stdin.isTTY) {
      console.log(`   The console keeps serving at ${consoleUrl}; press Ctrl-C to stop.`);
      await new Promise((done) => process.once('SIGINT', done));
    }
  } finally {
    await admin.close();
    await pipeline.stop();
    await db.close();
  }
  console.log(
    `Done in ${((Date.now() - began) / 1000).toFixed(1)} s. Kafka and the registry keep running; stop them with: npm run infra:down`,
  );
}

main().catch((error: unknown) => {
  console.error(`quickstart failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
