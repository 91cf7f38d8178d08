import type { Page } from 'playwright-core';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, startConsoleHarness, type ConsoleHarness } from './support/console.harness';

// Every wait is on a condition in the page (locator waits), never a fixed sleep.
describe('admin console in Chromium against the real admin API and pipeline', () => {
  let h: ConsoleHarness;
  let admin: Page;
  let jobId = '';

  beforeAll(async () => {
    h = await startConsoleHarness('console');
    admin = await h.newPage();
  });
  afterEach(async (context) => {
    // What the page showed when a test failed, for the one reading the report.
    if (context.task.result?.state === 'fail' && admin)
      await admin.screenshot({
        fullPage: true,
        path: join(ARTIFACTS, `failed-${context.task.name.replace(/\W+/g, '-')}.png`),
      });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('signs in with a token kept in sessionStorage only', async () => {
    await h.signIn(admin, h.tokens.admin);
    await expect(admin.getByTestId('signed-in-as').textContent()).resolves.toContain('admin');
    // Evaluated in the page (a string: the test's own types have no DOM).
    const stored = await admin.evaluate<{ session: number; local: number }>(
      '({ session: sessionStorage.length, local: localStorage.length })',
    );
    expect(stored).toEqual({ session: 1, local: 0 });
  });

  it('triggers a job from the form, watches it reach completed and downloads its records', async () => {
    await admin.getByRole('link', { name: 'Trigger a job' }).first().click();
    await admin.getByLabel('Template', { exact: true }).selectOption('retail-customer-orders');
    await admin.getByLabel('Chapter', { exact: true }).selectOption('returns_refunds');
    await admin.getByLabel('Engine', { exact: true }).selectOption('openai-compatible');
    await admin.getByLabel('Locale', { exact: true }).selectOption('en-US');
    await admin.getByLabel('Records', { exact: true }).fill('40');
    await admin.getByLabel('Tenant', { exact: true }).fill('acme');
    await h.screenshot(admin, 'trigger-form');
    await admin.getByRole('button', { name: 'Trigger job' }).click();
    await admin.waitForURL(/#\/jobs\/[0-9a-f-]{36}$/);
    jobId = admin.url().split('/').pop()!;
    await admin.getByTestId('job-status').getByText('completed').waitFor({ timeout: 60_000 });
    await admin.getByText('Overall score').waitFor();
    const records = admin.locator('table.manifest tbody tr').first();
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      records.getByRole('button', { name: 'Download records.jsonl' }).click(),
    ]);
    const bytes = readFileSync((await download.path())!);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(await records.locator('code.hash').textContent());
    // Another tenant's token gets the same 404 as for a job that does not exist.
    const other = await fetch(`${h.baseUrl}/jobs/${jobId}/outputs/0`, {
      headers: { authorization: `Bearer ${h.tokens.globex}` },
    });
    expect(other.status).toBe(404);
    await h.screenshot(admin, 'job-detail');

    await admin.getByRole('link', { name: '← Job queue' }).click();
    const row = admin.locator(`tr[data-job-id="${jobId}"]`);
    await row.getByText('completed').waitFor();
    await expect(row.textContent()).resolves.toContain('40/40');
    await h.screenshot(admin, 'job-queue');
  });

  it("opens the job's rejected records, grouped by reason, with the record shown", async () => {
    await admin.goto(`${h.baseUrl}/console/#/jobs/${jobId}`);
    await admin
      .getByTestId('rejected-summary')
      .filter({ hasText: /^[1-9]\d* rejected records?, grouped by the check/ })
      .waitFor();
    const group = admin.locator('details.reason-group').first();
    await group.locator(':scope > summary').click();
    const record = group.locator('li.rejected-record').first();
    await record.locator(':scope > details > summary').click();
    const json = record.locator('pre.record-json');
    await json.waitFor();
    expect(JSON.parse((await json.textContent())!)).toHaveProperty('order_id');
    await group.scrollIntoViewIfNeeded();
    await h.screenshot(admin, 'rejected-records');
  });

  it('publishes and archives a revision, each after a confirmation, and shows a diff', async () => {
    await admin.goto(`${h.baseUrl}/console/#/templates`);
    await admin.getByRole('link', { name: 'Retail customer orders' }).waitFor();
    await h.screenshot(admin, 'catalogue');
    await admin.getByRole('link', { name: 'Retail customer orders' }).click();
    await admin
      .getByTestId('diff-summary')
      .getByText(/r1 → r2: \d+ lines added/)
      .waitFor();
    const revision = admin.locator('tr[data-revision="2"]');
    await revision.getByText('draft').waitFor();
    await h.screenshot(admin, 'template');

    // By keyboard: Enter opens the confirmation, Escape leaves the draft as it is.
    await revision.getByRole('button', { name: 'Publish r2' }).focus();
    await admin.keyboard.press('Enter');
    await admin.getByRole('dialog', { name: 'Publish r2?' }).waitFor();
    await admin.keyboard.press('Escape');
    await admin.getByRole('dialog', { name: 'Publish r2?' }).waitFor({ state: 'hidden' });
    await revision.getByText('draft').waitFor();

    await revision.getByRole('button', { name: 'Publish r2' }).click();
    const publish = admin.getByRole('dialog', { name: 'Publish r2?' });
    await publish.getByRole('button', { name: 'Publish' }).click();
    await revision.getByText('published', { exact: true }).waitFor();

    await revision.getByRole('button', { name: 'Archive r2' }).click();
    await admin.getByRole('dialog', { name: 'Archive r2?' }).getByRole('button', { name: 'Archive' }).click();
    await revision.getByText('archived', { exact: true }).waitFor();
    await expect(revision.getByRole('button').count()).resolves.toBe(0);
  });

  it("shows the API's field errors at the field for a bad trigger", async () => {
    await admin.goto(`${h.baseUrl}/console/#/trigger`);
    await admin.getByLabel('Locale', { exact: true }).selectOption('en-US');
    await admin.getByLabel('Records', { exact: true }).fill('0');
    await admin.getByLabel('Tenant', { exact: true }).fill('Not A Tenant!');
    await admin.getByRole('button', { name: 'Trigger job' }).click();
    const tenantError = admin.locator('[data-field-error="tenant_id"]');
    await tenantError.waitFor();
    await admin.locator('[data-field-error="record_count"]').waitFor();
    await expect(admin.getByLabel('Tenant', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(admin.getByLabel('Tenant', { exact: true }).getAttribute('aria-describedby')).resolves.toContain(
      'tenant_id-error',
    );
    await h.screenshot(admin, 'trigger-field-errors');
  });

  it('shows a viewer no trigger, publish or cancel controls, and the API still refuses them', async () => {
    const viewer = await h.newPage();
    await h.signIn(viewer, h.tokens.viewer);
    await viewer.locator(`tr[data-job-id="${jobId}"]`).waitFor();
    await expect(viewer.getByRole('link', { name: 'Trigger a job' }).count()).resolves.toBe(0);
    await expect(viewer.getByRole('button', { name: /Trigger/ }).count()).resolves.toBe(0);
    await h.screenshot(viewer, 'viewer-queue');

    await viewer.goto(`${h.baseUrl}/console/#/templates/retail-customer-orders`);
    await viewer.locator('tr[data-revision="1"]').waitFor();
    await h.screenshot(viewer, 'viewer-template');
    await expect(viewer.getByRole('button', { name: /Publish|Archive|New draft/ }).count()).resolves.toBe(0);

    await viewer.goto(`${h.baseUrl}/console/#/jobs/${jobId}`);
    await viewer.getByTestId('job-status').getByText('completed').waitFor();
    await expect(viewer.getByRole('button', { name: /Cancel|Rerun/ }).count()).resolves.toBe(0);

    const status = await viewer.evaluate<number>(`(async () => {
      const token = sessionStorage.getItem('velocity-synth.console.token');
      const response = await fetch('/jobs', {
        method: 'POST',
        headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' },
        body: '{}',
      });
      return response.status;
    })()`);
    expect(status).toBe(403);
    await viewer.close();
  });

  it('raised no error in any page', () => {
    expect(h.pageErrors).toEqual([]);
  });
});
