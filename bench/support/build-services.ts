// The services the bench spawns, compiled from the working tree as `npm run build` compiles them (scripts/build.ts),
// but into a folder of the bench's own: dist/ may be older than the code measured, and others may be running it.
import { join } from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from './bench-environment';

/** Under the project (gitignored), so the services find migrations/ and schemas/ by walking up as from dist/. */
export const benchDist = join(projectRoot, 'test-artifacts', 'bench-dist');

/** Compiles apps/<app>/src/main.ts to <benchDist>/<app>/src/main.js for each app; returns how long it took. */
export async function buildServices(apps: readonly string[]): Promise<number> {
  const started = performance.now();
  await build({
    entryPoints: Object.fromEntries(
      apps.map((app) => [`${app}/src/main`, join(projectRoot, 'apps', app, 'src', 'main.ts')]),
    ),
    outdir: benchDist,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    tsconfig: join(projectRoot, 'tsconfig.json'),
    sourcemap: true,
    logLevel: 'warning',
  });
  return (performance.now() - started) / 1000;
}
