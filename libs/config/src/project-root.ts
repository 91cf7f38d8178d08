import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cachedRoot: string | undefined;

/**
 * The folder of the project's package.json, found by walking up from this file. Code that reads the project's
 * own files (migrations/, schemas/, the console's pages) resolves them from here, so the same code works run
 * from its TypeScript source (tsx) and compiled into one file per service under dist/.
 */
export function projectRoot(): string {
  if (cachedRoot) return cachedRoot;
  for (let folder = __dirname; ; folder = dirname(folder)) {
    const manifest = join(folder, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'velocity-synth'
    ) {
      return (cachedRoot = folder);
    }
    if (dirname(folder) === folder) throw new Error(`no velocity-synth package.json above ${__dirname}`);
  }
}

/** A path inside the project, e.g. projectPath('migrations'). */
export function projectPath(...segments: string[]): string {
  return join(projectRoot(), ...segments);
}
