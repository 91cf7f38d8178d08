import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTerminal, pipelineHarness, type PipelineHarness } from './pipeline.harness';

describe('pipeline smoke', () => {
  let h: PipelineHarness;
  beforeAll(async () => {
    h = await pipelineHarness('smoke');
    await h.start();
  });
  afterAll(async () => h?.close());

  it('completes a small qa_fixtures job', async () => {
    const jobId = await h.trigger({
      template_id: 'retail-customer-orders',
      template_revision: 1,
      chapter_key: 'online_checkout',
      tenant_id: 'acme',
      locale: 'en-US',
      record_count: 120,
      target_surface: 'qa_fixtures',
    });
    const row = await h.waitForJob(jobId, isTerminal, 90_000);
    console.log(
      JSON.stringify({
        status: row.status,
        accepted: row.accepted_records,
        rejected: row.rejected_records,
        error: row.error,
        manifest: row.output_manifest,
      }),
    );
    expect(row.status).toBe('completed');
  });
});
