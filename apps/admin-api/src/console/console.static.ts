import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { projectPath } from '@vs/config';

/** The console's own files: plain ES modules, served as they are (no bundler, nothing to build). */
export const CONSOLE_UI_DIR = projectPath('apps', 'admin-api', 'console-ui');

// The libraries the console imports, straight from node_modules, at the paths its import map names.
const VENDOR: Record<string, string> = {
  preact: dirname(require.resolve('preact')),
  'preact-hooks': dirname(require.resolve('preact/hooks')),
  htm: join(dirname(require.resolve('htm')), '..', 'dist'),
};

/** sha256 sources of the inline scripts of index.html (only its import map), so the CSP can allow exactly them. */
function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)]
    .filter((match) => match[1]!.trim() !== '')
    .map((match) => `'sha256-${createHash('sha256').update(match[1]!).digest('base64')}'`);
}

/**
 * Serves the console at /console on the API's own origin: GETs of static files, answered before Nest's
 * guards (so RequestShapeGuard and AuthGuard never see them; every API call the page makes still passes both).
 */
export function mountConsole(app: NestExpressApplication): void {
  const html = readFileSync(join(CONSOLE_UI_DIR, 'index.html'), 'utf8');
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${inlineScriptHashes(html).join(' ')}`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
  app.use(
    '/console',
    (_request: unknown, response: { setHeader(name: string, value: string): void }, next: () => void) => {
      response.setHeader('Content-Security-Policy', csp);
      response.setHeader('X-Content-Type-Options', 'nosniff');
      response.setHeader('Referrer-Policy', 'no-referrer');
      response.setHeader('Cache-Control', 'no-cache');
      next();
    },
  );
  for (const [name, directory] of Object.entries(VENDOR)) {
    app.useStaticAssets(directory, { prefix: `/console/vendor/${name}/`, index: false });
  }
  app.useStaticAssets(CONSOLE_UI_DIR, { prefix: '/console/', index: 'index.html', redirect: true });
}
