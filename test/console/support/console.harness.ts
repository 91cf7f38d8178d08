import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createLogger } from '@vs/logging';
import { TokenService } from '@vs/templates';
import { FakeOpenAiServer } from '@vs/testing';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createAdminApp } from '../../../apps/admin-api/src/admin-api.module';
import { pipelineHarness, type PipelineHarness } from '../../pipeline/pipeline.harness';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '../../../test-artifacts/console');
export const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

// Without the background-networking flags Debian's Chromium reaches out at start and connections get refused.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ConsoleHarness {
  pipeline: PipelineHarness;
  baseUrl: string;
  tokens: { admin: string; operator: string; viewer: string; globex: string };
  /** Uncaught errors and console errors of every page; a test ends by expecting none. */
  pageErrors: string[];
  /** A new tab: its own sessionStorage, so each page signs in afresh. */
  newPage(size?: keyof typeof WIDTHS): Promise<Page>;
  signIn(page: Page, token: string): Promise<void>;
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real pipeline (own database, topics, group ids, output root), the admin API on a free port, and Chromium.
 * The LLM engine talks to a fake endpoint whose first answer writes a template placeholder into a text field and no corrections are
 * asked for, so a job run with engine openai-compatible has rejected records.
 */
export async function startConsoleHarness(label: string): Promise<ConsoleHarness> {
  const fake = await FakeOpenAiServer.start({ latencyMs: 5, apiKey: 'test-key', seed: 5 });
  fake.script({ outcome: 'placeholder', times: 1 });
  const pipeline = await pipelineHarness(label, {
    LLM_BASE_URL: fake.baseUrl,
    LLM_API_KEY: 'test-key',
    LLM_MAX_CORRECTIONS: '0',
    LLM_RECORDS_PER_REQUEST: '5',
  });
  const db = pipeline.database.db;
  const tokenService = new TokenService(db);
  const make = async (role: string, tenant_id?: string) =>
    (await tokenService.create({ name: `console-${role}${tenant_id ? `-${tenant_id}` : ''}`, role, tenant_id })).token;
  const tokens = {
    admin: await make('admin'),
    operator: await make('operator'),
    viewer: await make('viewer'),
    globex: await make('viewer', 'globex'),
  };
  let app: INestApplication | undefined;
  let context: BrowserContext | undefined;
  const userDataDir = mkdtempSync(join(tmpdir(), 'vs-console-chromium-'));
  try {
    await pipeline.start();
    app = await createAdminApp({ db, config: pipeline.config, logger: createLogger('console-test', 'silent') });
    await app.listen(0, '127.0.0.1');
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: WIDTHS.desktop,
    });
  } catch (error) {
    await context?.close();
    await app?.close();
    await pipeline.close();
    await fake.close();
    throw error;
  }
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  mkdirSync(ARTIFACTS, { recursive: true });
  const browser = context;
  const server = app;
  const pageErrors: string[] = [];
  return {
    pipeline,
    pageErrors,
    baseUrl,
    tokens,
    async newPage(size = 'desktop') {
      const page = await browser.newPage();
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
      page.on('console', (message) => {
        // A refused API call (401/403/404) is logged by Chromium as a failed resource; the page handles it.
        if (message.type() === 'error' && !/Failed to load resource/.test(message.text()))
          pageErrors.push(`${page.url()}: ${message.text()}`);
      });
      await page.setViewportSize(WIDTHS[size]);
      return page;
    },
    async signIn(page, token) {
      await page.goto(`${baseUrl}/console/`);
      await page.getByLabel('API token').fill(token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
    },
    async screenshot(page, name) {
      for (const [size, viewport] of Object.entries(WIDTHS)) {
        await page.setViewportSize(viewport);
        // Usable at this width means nothing is cut off or needs sideways scrolling.
        const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
        if (scrollWidth > viewport.width) throw new Error(`${name} is ${scrollWidth} px wide at ${viewport.width} px`);
        await page.screenshot({ path: join(ARTIFACTS, `${name}-${viewport.width}.png`), fullPage: true });
        if (size === 'phone') await page.setViewportSize(WIDTHS.desktop);
      }
    },
    async close() {
      await browser.close();
      await server.close();
      await pipeline.close();
      await fake.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
