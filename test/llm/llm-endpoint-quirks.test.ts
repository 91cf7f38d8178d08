import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reasonCheck } from '@vs/contracts';
import type { FakeBehaviour, FakeOpenAiServer } from '@vs/testing';
import type { JobRow, PipelineHarness } from '../pipeline/pipeline.harness';
import { fakeAndPipeline, jobAgainst, type OutputRecord } from './support/llm-job';

const RECORDS = 20;
const PER_REQUEST = 5;
const BATCHES = RECORDS / PER_REQUEST;
const TIMEOUT_MS = 3000;
// Every attempt at a stalled stream waits the whole timeout, then the circuit's probes do again: short, so the
// stall test takes seconds rather than most of a minute. A stall is a stall on any machine: load does not matter.
const STALL_TIMEOUT_MS = 400;

const QUIRKS_ENV = {
  LLM_RECORDS_PER_REQUEST: String(PER_REQUEST),
  LLM_MAX_IN_FLIGHT: '4',
  LLM_MAX_RETRIES: '1',
  LLM_CIRCUIT_COOLDOWN_MS: '1000',
};

/** Retried (two attempts a request), then held by the circuit: bounded, never a loop. The breaker is the
 * process's, so how many go out before it opens depends on the job before; at most each batch's retries, twice. */
const expectRetriedThenPaused = (requests: number) => {
  expect(requests).toBeGreaterThanOrEqual(2);
  expect(requests).toBeLessThanOrEqual(2 * 2 * BATCHES * 2);
};
const settled = (row: JobRow) => row.accepted_records + row.rejected_records;

/**
 * Quirks of real servers beyond the common ones: a content filter stopping the reply, `choices: []`, records
 * sent as a tool call or in `reasoning_content`, an error object with status 200, slow and stalled streams.
 * One 20-record job each (one pack of four 5-record batches) through the whole pipeline.
 */
describe('LLM engine against endpoint quirks', () => {
  let fake: FakeOpenAiServer;
  let h: PipelineHarness;

  beforeAll(async () => {
    ({ fake, h } = await fakeAndPipeline('llm-quirks', 9, { ...QUIRKS_ENV, LLM_TIMEOUT_MS: String(TIMEOUT_MS) }));
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  beforeEach(() => {
    fake.reset().clearRequests();
  });

  const job = (behaviour: FakeBehaviour) => jobAgainst(fake, h, RECORDS, behaviour, {}, 90_000);
  const reasonsOf = (rejected: OutputRecord[], check: string) =>
    rejected.flatMap((r) => (r.reasons ?? []).filter((reason) => reasonCheck(reason) === check));

  it("rejects the records a content filter stopped under 'refusal', and asks no second time", async () => {
    const { row, rejected, requests } = await job({ refuse: 'content_filter', refuseEvery: 2 });
    expect(row.status, String(row.error)).toBe('completed');
    expect(settled(row)).toBe(RECORDS);
    expect(reasonsOf(rejected, 'refusal')).toEqual(
      Array(2 * PER_REQUEST).fill(
        `refusal: (record): blocked by the endpoint's content filter (finish_reason "content_filter")`,
      ),
    );
    expect(reasonsOf(rejected, 'generation_error')).toEqual([]);
    expect(requests).toHaveLength(BATCHES);
  });

  it('fails a job whose every reply the content filter stopped, in one line', async () => {
    const { row, requests } = await job({ refuse: 'content_filter' });
    expect(row.status).toBe('failed');
    expect(String(row.error)).toBe(
      `generator: llm: all 4 requests were refused: blocked by the endpoint's content filter (finish_reason "content_filter")`,
    );
    expect(settled(row)).toBe(0);
    expect(requests).toHaveLength(BATCHES);
  });

  it('reads records sent as a tool call, and records a reasoning parser put in reasoning_content', async () => {
    for (const place of ['tool_call', 'reasoning_content'] as const) {
      const { row, rejected, requests } = await job({ place });
      expect(row.status, `${place}: ${String(row.error)}`).toBe('completed');
      expect(settled(row)).toBe(RECORDS);
      expect(reasonsOf(rejected, 'generation_error'), place).toEqual([]);
      expect(requests, place).toHaveLength(BATCHES);
    }
  });

  it('fails a job at once when every answer is status 200 with an error object naming a 4xx', async () => {
    const error200 = { message: 'The model `kimi-k3` does not exist', code: 404 };
    const { row, requests } = await job({ body: 'error_200', error200 });
    expect(row.status).toBe('failed');
    expect(String(row.error)).toBe(
      'generator: llm: the endpoint failed all 4 requests: request rejected, an error with status 200 (404): The model `kimi-k3` does not exist',
    );
    expect(settled(row)).toBe(0);
    expect(requests).toHaveLength(BATCHES);
  });

  it('retries an error object with status 200 that names no status, then fails the job as an outage', async () => {
    const { row, requests } = await job({ body: 'error_200', error200: { message: 'Provider returned error' } });
    expect(row.status).toBe('failed');
    const error = String(row.error);
    expect(error).toMatch(
      /^generator: llm endpoint unavailable: .*gave up after 2 attempts: server error, an error with status 200: Provider returned error/,
    );
    expect(error).not.toMatch(/\n|retrying in/);
    expect(settled(row)).toBe(0);
    expectRetriedThenPaused(requests.length);
  });

  it('retries a completion with no choices, then fails the job as an outage naming it', async () => {
    const { row, requests } = await job({ body: 'empty_choices' });
    expect(row.status).toBe('failed');
    expect(String(row.error)).toMatch(
      /^generator: llm endpoint unavailable: .*gave up after 2 attempts: a completion with no choices \(choices: \[\]\)/,
    );
    expect(settled(row)).toBe(0);
    expectRetriedThenPaused(requests.length);
  });

  it('reads a slow event stream that keeps arriving within LLM_TIMEOUT_MS', async () => {
    const { row, rejected, requests } = await job({ body: 'sse', streamChunkDelayMs: 20 });
    expect(row.status, String(row.error)).toBe('completed');
    expect(settled(row)).toBe(RECORDS);
    expect(reasonsOf(rejected, 'generation_error')).toEqual([]);
    expect(requests).toHaveLength(BATCHES);
  });
});

/** The same job against a stream that stalls, in a pipeline of its own whose LLM_TIMEOUT_MS is short. */
describe('LLM engine against a stalled event stream', () => {
  let fake: FakeOpenAiServer;
  let h: PipelineHarness;

  beforeAll(async () => {
    ({ fake, h } = await fakeAndPipeline('llm-stall', 9, { ...QUIRKS_ENV, LLM_TIMEOUT_MS: String(STALL_TIMEOUT_MS) }));
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  it('fails a job whose stream stalls past LLM_TIMEOUT_MS, naming the stream and the setting', async () => {
    const { row, requests } = await jobAgainst(
      fake,
      h,
      RECORDS,
      { body: 'sse', streamChunkDelayMs: STALL_TIMEOUT_MS * 2 },
      {},
      90_000,
    );
    expect(row.status).toBe('failed');
    expect(String(row.error)).toMatch(
      new RegExp(
        `^generator: llm endpoint unavailable: .*gave up after 2 attempts: timeout after ${STALL_TIMEOUT_MS}ms \\(LLM_TIMEOUT_MS\\) while the event stream was still arriving`,
      ),
    );
    expect(settled(row)).toBe(0);
    expectRetriedThenPaused(requests.length);
  });
});
