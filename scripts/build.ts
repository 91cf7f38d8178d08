// Compiles every service to one JavaScript file under dist/, for `npm run start:*` in production: a service
// started from compiled code skips tsx's run-time transpiler (and its loader's memory).
// tsx stays for development and tests (`npm run dev:*`).
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(__dirname, '..');
const dist = join(root, 'dist');

/** Every app with a main.ts: each becomes dist/<app>/src/main.js. */
function serviceEntries(): Record<string, string> {
  const apps = readdirSync(join(root, 'apps'), { withFileTypes: true }).filter((entry) => entry.isDirectory());
  // The output keeps the depth of apps/<app>/src so code that finds the project's own folders
  // (migrations/, schemas/) relative to its file finds them the same way from dist/.
  return Object.fromEntries(
    apps.map((app) => [`${app.name}/src/main`, join(root, 'apps', app.name, 'src', 'main.ts')]),
  );
}

async function main(): Promise<void> {
  rmSync(dist, { recursive: true, force: true });
  const started = Date.now();
  const entryPoints = serviceEntries();
  await build({
    entryPoints,
    outdir: dist,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Dependencies stay in node_modules: only the project's own code is bundled.
    packages: 'external',
    tsconfig: join(root, 'tsconfig.json'),
    sourcemap: true,
    logLevel: 'warning',
  });
  process.stdout.write(`built ${Object.keys(entryPoints).length} services into dist/ in ${Date.now() - started} ms\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`build failed: ${(error as Error).message}\n`);
  process.exit(1);
});
