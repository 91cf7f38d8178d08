import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer, type FakeBehaviour } from '@vs/testing';
import { isTerminal, operator, pipelineHarness, type PipelineHarness } from '../pipeline/pipeline.harness';
import { acceptedRecords, llmRequest } from './support/llm-job';

/**
 * An endpoint that reports no usage: the generator estimates the tokens with its tokenizer, and the job row
 * (and every view of it: the admin API's job, the admin summary view) says its tokens are estimated.
 */
describe('a job whose LLM endpoint reports no usage', () => {
  let fake: FakeOpenAiServer;
  let h: PipelineHarness;

  beforeAll(async () => {
    fake = await FakeOpenAiServer.start({ apiKey: 'test-key', seed: 11 });
    h = await pipelineHarness('llm-estimated-usage', {
      LLM_BASE_URL: fake.baseUrl,
      LLM_API_KEY: 'test-key',
      LLM_RECORDS_PER_REQUEST: '5',
      LLM_MAX_RETRIES: '1',
    });
    await h.start();
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  async function completedJob(behaviour: FakeBehaviour) {
    fake.reset().clearRequests().behave(behaviour);
    const jobId = await h.trigger(llmRequest(10, { subchapter_key: 'first_purchase' }));
    const row = await h.waitForJob(jobId, isTerminal, 90_000);
    expect(row.status, String(row.error)).toBe('completed');
    const [summary] = await h.database.db.query<{ tokens_estimated: boolean }>(
      'SELECT tokens_estimated FROM admin_job_summary WHERE job_id = $1',
      [jobId],
    );
    return { row, view: await h.jobs.get(jobId, operator), summary: summary! };
  }

  it('shows estimated tokens, more than zero, on the job row, the API job view and the admin summary', async () => {
    const { row, view, summary } = await completedJob({ usage: 'none' });
    expect(row.tokens_estimated).toBe(true);
    expect(Number(row.prompt_tokens)).toBeGreaterThan(0);
    expect(Number(row.completion_tokens)).toBeGreaterThan(0);
    expect(view.tokens).toMatchObject({
      tokens_estimated: true,
      prompt_tokens: Number(row.prompt_tokens),
      completion_tokens: Number(row.completion_tokens),
    });
    expect(summary.tokens_estimated).toBe(true);
    const accepted = acceptedRecords(row);
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.every((r) => r.lineage.engine_parameters.usage_estimated === 'true')).toBe(true);
  });

  it('does not mark tokens the endpoint reported', async () => {
    const { row, view, summary } = await completedJob({ usage: 'full' });
    expect(Number(row.prompt_tokens)).toBeGreaterThan(0);
    expect(row.tokens_estimated).toBe(false);
    expect(view.tokens.tokens_estimated).toBe(false);
    expect(summary.tokens_estimated).toBe(false);
  });
});
