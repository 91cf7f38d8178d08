import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reasonCheck } from '@vs/contracts';
import type { FakeBehaviour, FakeOpenAiServer } from '@vs/testing';
import type { JobRow, PipelineHarness } from '../pipeline/pipeline.harness';
import { acceptedRecords, fakeAndPipeline, jobAgainst, until, type OutputRecord } from './support/llm-job';

const RECORDS = 20;
const PER_REQUEST = 5;
const BATCHES = RECORDS / PER_REQUEST;

/**
 * How real OpenAI-compatible servers answer (cut replies, refusals, event streams, other envelopes and keys,
 * missing usage, HTML error pages), one 20-record job each through the whole pipeline, one pipeline for all.
 * One subchapter, so one pack of four 5-record batches; jobs run one after another against one fake.
 */
describe('LLM engine against real endpoint behaviours', () => {
  let fake: FakeOpenAiServer;
  let h: PipelineHarness;

  beforeAll(async () => {
    ({ fake, h } = await fakeAndPipeline('llm-behaviours', 5, {
      LLM_RECORDS_PER_REQUEST: String(PER_REQUEST),
      LLM_MAX_IN_FLIGHT: '4',
      LLM_MAX_RETRIES: '1',
      LLM_CIRCUIT_COOLDOWN_MS: '1000',
    }));
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await fake?.close();
  });

  beforeEach(() => {
    fake.reset().clearRequests();
  });

  const job = (behaviour: FakeBehaviour, extra: { token_budget?: number } = {}) =>
    jobAgainst(fake, h, RECORDS, behaviour, extra);
  const generationErrors = (rejected: OutputRecord[]) =>
    rejected.flatMap((r) => (r.reasons ?? []).filter((reason) => reasonCheck(reason) === 'generation_error'));
  const settled = (row: JobRow) => row.accepted_records + row.rejected_records;

  it('keeps the complete records of a reply cut at the token limit and asks for the rest in halves', async () => {
    const { row, rejected, requests } = await job({ maxRecordsPerReply: 2 });
    expect(row.status, String(row.error)).toBe('completed');
    expect(settled(row)).toBe(RECORDS);
    expect(generationErrors(rejected)).toEqual([]);
    // each batch: 5 asked (2 kept), then the 3 left as 2 + 1
    expect(requests.map((r) => r.count).sort()).toEqual(Array(BATCHES).fill([1, 2, 5]).flat().sort());
  });

  it('rejects a record that does not fit in the token limit even alone, naming LLM_MAX_TOKENS', async () => {
    const { row, rejected, requests } = await job({ maxRecordsPerReply: 0 });
    expect(row.status).toBe('completed');
    expect(row.rejected_records).toBe(RECORDS);
    const errors = generationErrors(rejected);
    expect(errors).toHaveLength(RECORDS);
    for (const e of errors) expect(e).toMatch(/one record does not fit in LLM_MAX_TOKENS=4096 .*raise LLM_MAX_TOKENS/);
    // 5 → 2 + 2 + 1 → each 2 → 1 + 1: eight requests a batch, never the same five again
    expect(requests).toHaveLength(8 * BATCHES);
  });

  it('rejects refused records under their own reason with the refusal quoted, and asks no second time', async () => {
    const said = {
      field: "I'm sorry, but I can't help with generating records about real people.",
      content: "I'm sorry, but as an AI language model I cannot create records about real people.",
    };
    for (const refuse of ['field', 'content'] as const) {
      const { row, rejected, requests } = await job({ refuse, refuseEvery: 2 });
      expect(row.status, refuse).toBe('completed');
      expect(settled(row)).toBe(RECORDS);
      const refusals = rejected.flatMap((r) => (r.reasons ?? []).filter((x) => reasonCheck(x) === 'refusal'));
      expect(refusals, refuse).toEqual(
        Array(2 * PER_REQUEST).fill(`refusal: (record): refused by the model: "${said[refuse]}"`),
      );
      expect(generationErrors(rejected), refuse).toEqual([]);
      expect(requests).toHaveLength(BATCHES);
    }
  });

  it('fails a job whose model refuses every request, with the refusal as its one-line reason', async () => {
    const { row, requests } = await job({ refuse: 'field' });
    expect(row.status).toBe('failed');
    expect(String(row.error)).toMatch(
      /^generator: llm: all 4 requests were refused: refused by the model: "I'm sorry, but I can't help/,
    );
    expect(String(row.error)).not.toContain('\n');
    expect(settled(row)).toBe(0);
    expect(requests).toHaveLength(BATCHES);
  });

  it('reads an event-stream body sent to a request that did not ask for one', async () => {
    const { row, rejected, requests } = await job({ body: 'sse' });
    expect(row.status, String(row.error)).toBe('completed');
    expect(settled(row)).toBe(RECORDS);
    expect(generationErrors(rejected)).toEqual([]);
    expect(requests).toHaveLength(BATCHES);
  });

  it('fails a job whose endpoint answers a web page with status 200, at once, naming the page and LLM_BASE_URL', async () => {
    const { row, requests } = await job({ body: 'html_200' });
    expect(row.status).toBe('failed');
    expect(String(row.error)).toBe(
      `generator: llm: the endpoint failed all 4 requests: not a chat completion: an HTML page ("Open WebUI"); is LLM_BASE_URL the API's /v1 address?`,
    );
    expect(settled(row)).toBe(0);
    expect(requests).toHaveLength(BATCHES);
  });

  it('accepts {"data": [...]} and a bare array', async () => {
    for (const envelope of ['data', 'array'] as const) {
      const { row, rejected, requests } = await job({ envelope });
      expect(row.status, envelope).toBe('completed');
      expect(settled(row)).toBe(RECORDS);
      expect(generationErrors(rejected), envelope).toEqual([]);
      expect(requests).toHaveLength(BATCHES);
    }
  });

  it('keeps the one bare record of a reply that was asked for five, and asks again for the rest', async () => {
    const { row, rejected, requests } = await job({ envelope: 'single' });
    expect(row.status).toBe('completed');
    expect(settled(row)).toBe(RECORDS);
    // one record kept per reply: three replies a batch (two corrections), two records missing from each batch
    expect(requests).toHaveLength(3 * BATCHES);
    const missing = generationErrors(rejected).filter((e) => /missing from reply/.test(e));
    expect(missing).toHaveLength(2 * BATCHES);
  });

  it('names camelCase keys and the field each one should be in the correction', async () => {
    const { row, rejected, requests } = await job({ keys: 'camel' });
    expect(row.status).toBe('completed');
    expect(row.rejected_records).toBe(RECORDS);
    expect(requests).toHaveLength(3 * BATCHES);
    const lastMessage = (r: (typeof requests)[number]) => (r.body.messages as { content: string }[]).at(-1)!.content;
    const last = lastMessage(requests.find((r) => lastMessage(r).startsWith('Your previous reply'))!);
    expect(last).toMatch(/record 1: key "customerNote" should be "customer_note"/);
    expect(last).not.toMatch(/customer_note: .*received undefined/);
    expect(generationErrors(rejected)[0]).toMatch(/key "customerNote" should be "customer_note"/);
  });

  it('names keys the schema does not have', async () => {
    const { row, rejected, requests } = await job({ keys: 'extra' });
    expect(row.status).toBe('completed');
    expect(row.rejected_records).toBe(RECORDS);
    expect(requests).toHaveLength(3 * BATCHES); // asked, then corrected twice
    const errors = generationErrors(rejected);
    expect(errors).toHaveLength(RECORDS);
    for (const e of errors) expect(e).toMatch(/unexpected key "confidence" \(allowed: /);
  });

  it('rejects placeholder records (John Doe, example@example.com, Lorem ipsum) in the quality gate', async () => {
    const { row, rejected, requests } = await job({ placeholders: true });
    expect(row.status).toBe('completed');
    expect(settled(row)).toBe(RECORDS);
    expect(row.accepted_records).toBe(0);
    expect(requests).toHaveLength(BATCHES); // valid JSON of the schema: nothing to correct, the gate rejects them
    expect(generationErrors(rejected)).toEqual([]);
    for (const r of rejected) expect(r.reasons!.some((x) => reasonCheck(x) === 'placeholder_text')).toBe(true);
  });

  it('takes total_tokens when the split is missing', async () => {
    const before = fake.stats().usage;
    const { row, requests } = await job({ usage: 'total_only' });
    const after = fake.stats().usage;
    expect(row.status).toBe('completed');
    expect(settled(row)).toBe(RECORDS);
    expect(requests).toHaveLength(BATCHES);
    const billed = after.prompt_tokens + after.completion_tokens - before.prompt_tokens - before.completion_tokens;
    expect(Number(row.prompt_tokens) + Number(row.completion_tokens)).toBe(billed);
  });

  it('estimates tokens when usage is missing, marks them estimated, and the budget counts them', async () => {
    const { row } = await job({ usage: 'none' });
    expect(row.status).toBe('completed');
    expect(Number(row.prompt_tokens)).toBeGreaterThan(1000);
    expect(Number(row.completion_tokens)).toBeGreaterThan(100);
    expect(acceptedRecords(row).every((r) => r.lineage.engine_parameters.usage_estimated === 'true')).toBe(true);

    // Four batches start at once (before any spend); their cut replies' follow-ups meet the spent budget.
    const limited = await job({ usage: 'none', maxRecordsPerReply: 2 }, { token_budget: 3000 });
    expect(limited.row.status).toBe('failed');
    expect(String(limited.row.error)).toMatch(/^budget_exhausted: token budget of 3000 exhausted/);
  });

  it('sends velocity-synth/<version> as user-agent, max_tokens, and the schema once', async () => {
    const { requests } = await job({});
    const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };
    for (const r of requests) {
      expect(r.userAgent).toBe(`velocity-synth/${version}`);
      expect(r.body.max_tokens).toBe(4096);
      const system = (r.body.messages as { content: string }[])[0]!.content;
      expect(system).not.toContain('RECORD_SCHEMA_JSON');
      expect(JSON.stringify(r.body.response_format)).toContain('"json_schema"');
    }
  });

  it('fails a job whose every request gets an HTML 503 page, with the page title as a one-line final reason', async () => {
    const { row, requests } = await job({ body: 'html_503' });
    expect(row.status).toBe('failed');
    const error = String(row.error);
    expect(error).toMatch(
      /^generator: llm endpoint unavailable: .*server error \(503\): 503 Service Temporarily Unavailable/,
    );
    expect(error).not.toMatch(/\n|<html|retrying in/);
    expect(settled(row)).toBe(0);
    const atFailure = requests.length;
    expect(atFailure).toBeGreaterThanOrEqual(5);
    // Once failed, no request starts: those on their way at the failure get their answers, and no other arrives.
    await until(() => fake.openRequests() === 0, 'the fake has answered every request');
    expect(fake.requests().length).toBe(atFailure);
  });
});
