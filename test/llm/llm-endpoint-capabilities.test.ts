import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reasonCheck } from '@vs/contracts';
import { FakeOpenAiServer } from '@vs/testing';
import { isTerminal, pipelineHarness, type PipelineHarness } from '../pipeline/pipeline.harness';
import { acceptedRecords, llmRequest, rejectedRecords } from './support/llm-job';

const RECORDS = 20;
const BATCHES = 4;

/**
 * What the engine learns of an endpoint is kept for the process, so these run in order on one pipeline of
 * their own: one request at a time, so the fake's log is the request order itself.
 */
describe('LLM endpoint capability negotiation', () => {
  let fake: FakeOpenAiServer;
  let h: PipelineHarness;
  let healthUrl: string;

  beforeAll(async () => {
    fake = await FakeOpenAiServer.start({ apiKey: 'test-key', seed: 5 });
    h = await pipelineHarness('llm-capabilities', {
      LLM_BASE_URL: fake.baseUrl,
      LLM_API_KEY: 'test-key',
      LLM_RECORDS_PER_REQUEST: '5',
      LLM_MAX_IN_FLIGHT: '1',
      LLM_STREAM: 'true',
      LLM_TOKEN_PARAM: 'max_completion_tokens',
    });
    const running = await h.start(undefined, { serveHealth: true });
    healthUrl = `http://127.0.0.1:${running.healthPort}/health`;
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  it('asks for a stream with usage and the configured token field, and reads it', async () => {
    fake.clearRequests();
    const jobId = await h.trigger(llmRequest(RECORDS, { subchapter_key: 'first_purchase' }));
    const row = await h.waitForJob(jobId, isTerminal, 60_000);
    const requests = fake.requests();
    expect(row.status, String(row.error)).toBe('completed');
    expect(row.accepted_records + row.rejected_records).toBe(RECORDS);
    expect(requests).toHaveLength(BATCHES);
    for (const r of requests) {
      expect(r.body).toMatchObject({
        stream: true,
        stream_options: { include_usage: true },
        max_completion_tokens: 4096,
      });
      expect(r.body).not.toHaveProperty('max_tokens');
    }
    expect(Number(row.prompt_tokens)).toBeGreaterThan(0);
    const rejected = await rejectedRecords(h.database.db, jobId);
    expect(rejected.flatMap((r) => r.reasons ?? []).filter((x) => reasonCheck(x) === 'generation_error')).toEqual([]);
  });

  it('falls back json_schema → simplified → json_object on 400s, remembers it, and shows it on /health and in lineage', async () => {
    fake.clearRequests().behave({ rejectFormats: ['json_schema'] });
    const jobId = await h.trigger(llmRequest(RECORDS, { subchapter_key: 'first_purchase' }));
    const row = await h.waitForJob(jobId, isTerminal, 60_000);
    const requests = fake.requests();
    expect(row.status, String(row.error)).toBe('completed');
    expect(row.accepted_records + row.rejected_records).toBe(RECORDS);
    // two refused (full schema, then simplified), then every batch once with json_object
    expect(requests.map((r) => r.status)).toEqual([400, 400, 200, 200, 200, 200]);
    const formats = requests.map((r) => (r.body.response_format as { type: string }).type);
    expect(formats).toEqual(['json_schema', 'json_schema', 'json_object', 'json_object', 'json_object', 'json_object']);
    expect(JSON.stringify(requests[1]!.body.response_format)).not.toMatch(/minItems|maxItems/);
    // json_object carries no schema: the prompt does, once
    expect((requests[2]!.body.messages as { content: string }[])[0]!.content).toContain('RECORD_SCHEMA_JSON');
    for (const record of acceptedRecords(row))
      expect(record.lineage.engine_parameters.structured_output).toBe('json_object');

    const health = (await (await fetch(healthUrl)).json()) as { llm_endpoint: Record<string, unknown> };
    expect(health.llm_endpoint).toMatchObject({
      structured_output: 'json_object',
      token_param: 'max_completion_tokens',
    });
    expect(health.llm_endpoint.negotiated).toEqual([
      expect.objectContaining({
        from: 'json_schema (full)',
        to: 'json_schema (simplified)',
        reason: expect.stringContaining('response_format json_schema is not supported'),
      }),
      expect.objectContaining({ from: 'json_schema (simplified)', to: 'json_object' }),
    ]);

    // The next job asks the way that worked from its first request.
    fake.clearRequests();
    const next = await h.trigger(llmRequest(RECORDS, { subchapter_key: 'first_purchase' }));
    expect((await h.waitForJob(next, isTerminal, 60_000)).status).toBe('completed');
    expect(fake.requests().map((r) => r.status)).toEqual([200, 200, 200, 200]);
  });

  it('switches the token limit field when the endpoint names the other one', async () => {
    fake.clearRequests().behave({ tokenParam: 'max_tokens' });
    const jobId = await h.trigger(llmRequest(RECORDS, { subchapter_key: 'first_purchase' }));
    const row = await h.waitForJob(jobId, isTerminal, 60_000);
    expect(row.status, String(row.error)).toBe('completed');
    expect(fake.requests().map((r) => r.status)).toEqual([400, 200, 200, 200, 200]);
    expect(fake.requests()[1]!.body.max_tokens).toBe(4096);
  });

  it('fails a job whose endpoint rejects every request (404) at once, with a one-line reason, whatever its size', async () => {
    for (const size of [20, 60]) {
      fake.clearRequests().behave({ rejectAll: { status: 404, message: 'The model `kimi-k3` does not exist' } });
      const jobId = await h.trigger(llmRequest(size, { subchapter_key: 'first_purchase' }));
      const row = await h.waitForJob(jobId, isTerminal, 60_000);
      expect(row.status, `size ${size}`).toBe('failed');
      // 20 records are one pack of four batches; 60 are two packs of six, and the first to fail fails the job
      expect(String(row.error)).toMatch(
        new RegExp(
          `^generator: llm: the endpoint failed all ${size === 20 ? 4 : 6} requests: request rejected \\(404\\): The model \`kimi-k3\` does not exist$`,
        ),
      );
      expect(row.accepted_records + row.rejected_records).toBe(0);
      // Each batch asked once: a 404 is not retried. The failing pack asked all of its batches; the second pack
      // of the 60 sits on a partition of its own and may have asked some of its six before the job failed.
      const bodies = fake.requests().map((r) => JSON.stringify(r.body));
      expect(new Set(bodies).size).toBe(bodies.length);
      if (size === 20) {
        expect(bodies).toHaveLength(BATCHES);
      } else {
        expect(bodies.length).toBeGreaterThanOrEqual(6);
        expect(bodies.length).toBeLessThanOrEqual(12);
      }
    }
  });
});
