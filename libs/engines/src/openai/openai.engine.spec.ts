import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileRecordValidator } from '@vs/domain';
import { FakeOpenAiServer, freePort } from '@vs/testing';
import type { EngineOutput } from '../generation-engine';
import type { OpenAiEngineOptionsInput } from './openai-engine.config';
import { CircuitOpenError, LlmEndpointUnavailableError, LlmRequestsFailedError } from './openai-errors';
import { OpenAiCompatibleEngine, type OpenAiEngineDeps } from './openai.engine';
import { MapCompletionCache, plannedRecords, productPack } from './openai-engine.spec-fixtures';

const pack = productPack();
const validator = compileRecordValidator(pack.record_schema);

function totalTokens(outputs: EngineOutput[]): { prompt_tokens: number; completion_tokens: number } {
  return outputs.reduce(
    (sum, o) => ({
      prompt_tokens: sum.prompt_tokens + o.usage.prompt_tokens,
      completion_tokens: sum.completion_tokens + o.usage.completion_tokens,
    }),
    { prompt_tokens: 0, completion_tokens: 0 },
  );
}

describe(OpenAiCompatibleEngine.name, () => {
  let fake: FakeOpenAiServer;
  const engine = (
    options: Partial<OpenAiEngineOptionsInput> = {},
    deps: OpenAiEngineDeps = {},
  ): OpenAiCompatibleEngine =>
    new OpenAiCompatibleEngine(
      { baseUrl: fake.baseUrl, requestTimeoutMs: 2_000, retryBaseDelayMs: 5, retryMaxDelayMs: 20, ...options },
      deps,
    );

  beforeEach(async () => {
    fake = await FakeOpenAiServer.start();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('answers every planned record in order with valid fields, in batches of recordsPerRequest', async () => {
    const outputs = await engine({ recordsPerRequest: 5 }).generate(pack, plannedRecords(12));
    expect(outputs.map((o) => o.record_id)).toEqual(plannedRecords(12).map((r) => r.record_id));
    for (const output of outputs) {
      expect(output.error).toBeNull();
      expect(validator.validate(output.fields).ok).toBe(true);
    }
    expect(fake.stats().received).toBe(3);
  });

  it('waits out a 429 Retry-After before any new request starts', async () => {
    fake.script({ outcome: 'rate_limited', times: 1, retryAfterSeconds: 0.3 });
    const subject = engine({ recordsPerRequest: 2 });
    const started = Date.now();
    const outputs = await subject.generate(pack, plannedRecords(2));
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(outputs[0].error).toBeNull();
    const { limiter, transportRetries } = subject.stats();
    expect(limiter.pauses).toBe(1);
    expect(limiter.waitedMs).toBeGreaterThanOrEqual(250);
    expect(transportRetries).toBe(1);
  });

  it('retries a 500 and then succeeds', async () => {
    fake.script({ outcome: 'server_error', times: 2 });
    const outputs = await engine({ recordsPerRequest: 3 }).generate(pack, plannedRecords(3));
    expect(outputs.every((o) => o.error === null)).toBe(true);
    expect(fake.stats().received).toBe(3);
  });

  it('retries a dropped connection', async () => {
    fake.script({ outcome: 'drop', times: 2 });
    const outputs = await engine({ recordsPerRequest: 3 }).generate(pack, plannedRecords(3));
    expect(outputs.every((o) => o.error === null)).toBe(true);
    expect(fake.stats().byOutcome.drop).toBe(2);
  });

  it('corrects a malformed JSON reply with a follow-up turn', async () => {
    fake.script({ outcome: 'malformed', times: 1 });
    const outputs = await engine({ recordsPerRequest: 4 }).generate(pack, plannedRecords(4));
    expect(outputs.every((o) => o.error === null && validator.validate(o.fields).ok)).toBe(true);
    expect(fake.stats().received).toBe(2);
  });

  it('corrects schema-invalid records, and gives up per record after the last correction', async () => {
    fake.script({ outcome: 'invalid', times: 1 });
    const corrected = await engine({ recordsPerRequest: 2 }).generate(pack, plannedRecords(2));
    expect(corrected.every((o) => o.error === null)).toBe(true);

    fake.reset().script({ outcome: 'invalid', times: Infinity });
    const before = fake.stats().received;
    const failed = await engine({ recordsPerRequest: 2, maxCorrectionAttempts: 2 }).generate(pack, plannedRecords(2));
    expect(fake.stats().received - before).toBe(3);
    for (const output of failed) {
      expect(output.fields).toBeNull();
      expect(output.error).toMatch(/^llm: invalid after 3 attempts: name: .*expected string/);
    }
  });

  it('reports an endpoint that times out through every retry as unavailable (retriable), rejecting no record', async () => {
    fake.latencyMs = 400;
    const subject = engine({ requestTimeoutMs: 100, maxTransportRetries: 1, maxInFlight: 4 });
    const outage = await subject.generate(pack, plannedRecords(2)).catch((error: unknown) => error);
    expect(outage).toBeInstanceOf(LlmEndpointUnavailableError);
    expect((outage as LlmEndpointUnavailableError).retriable).toBe(true);
    expect((outage as Error).message).toMatch(
      /^llm endpoint unavailable: gave up after 2 attempts: timeout after 100ms/,
    );
    expect(subject.stats().limiter.limit).toBeLessThan(4);
  });

  it('reports an unreachable endpoint as unavailable, naming the connection error', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/v1`;
    const subject = new OpenAiCompatibleEngine({
      baseUrl: closed,
      apiKey: 'k',
      maxTransportRetries: 1,
      retryBaseDelayMs: 1,
    });
    const outage = await subject.generate(pack, plannedRecords(2)).catch((error: unknown) => error);
    expect(outage).toBeInstanceOf(LlmEndpointUnavailableError);
    expect((outage as Error).message).toMatch(/connection failed: ECONNREFUSED/);
  });

  it('opens the circuit after persistent 500s, fails fast while open, and closes after a good probe', async () => {
    fake.script({ outcome: 'server_error', times: Infinity });
    const subject = engine({
      recordsPerRequest: 1,
      maxTransportRetries: 1,
      circuitBreaker: { failureThreshold: 2, cooldownMs: 300 },
    });
    const outage = await subject.generate(pack, plannedRecords(2)).catch((error: unknown) => error);
    expect((outage as Error).message).toMatch(
      /^llm endpoint unavailable: gave up after 2 attempts: server error \(500\)/,
    );
    expect(subject.stats().circuit).toBe('open');

    const received = fake.stats().received;
    const started = Date.now();
    const paused = await subject.generate(pack, plannedRecords(1)).catch((error: unknown) => error);
    expect(paused).toBeInstanceOf(CircuitOpenError);
    expect((paused as CircuitOpenError).retriable).toBe(true);
    expect((paused as CircuitOpenError).message).toMatch(/paused .* retrying in \ds/);
    expect(Date.now() - started).toBeLessThan(50);
    expect(fake.stats().received).toBe(received);

    fake.reset();
    await new Promise((r) => setTimeout(r, 320));
    expect((await subject.generate(pack, plannedRecords(1)))[0].error).toBeNull();
    expect(subject.stats().circuit).toBe('closed');
  });

  it('splits billed tokens across records so they sum exactly, correction rounds included', async () => {
    fake.script({ outcome: 'invalid', times: 1 });
    const outputs = await engine({ recordsPerRequest: 3 }).generate(pack, plannedRecords(7));
    expect(totalTokens(outputs)).toEqual(fake.stats().usage);
    expect(fake.stats().received).toBe(4);
    expect(outputs.every((o) => o.usage.prompt_tokens > 0)).toBe(true);
  });

  it('serves a rerun from the completion cache: zero requests, identical outputs and tokens', async () => {
    const cache = new MapCompletionCache();
    fake.script({ outcome: 'invalid', times: 1 });
    const first = await engine({ recordsPerRequest: 3 }, { cache }).generate(pack, plannedRecords(7));
    const received = fake.stats().received;
    const rerun = engine({ recordsPerRequest: 3 }, { cache });
    const second = await rerun.generate(pack, plannedRecords(7));
    expect(fake.stats().received).toBe(received);
    expect(second).toEqual(first);
    expect(rerun.stats().cacheHits).toBe(received);
  });

  it('gives every record "budget exhausted" once the token budget is spent', async () => {
    let remaining = 1;
    const budget = { remaining: () => remaining, spend: () => void (remaining = 0) };
    const outputs = await engine({ recordsPerRequest: 2, maxInFlight: 1 }, { budget }).generate(
      pack,
      plannedRecords(4),
    );
    expect(outputs.slice(0, 2).every((o) => o.error === null)).toBe(true);
    expect(outputs.slice(2).map((o) => o.error)).toEqual(['budget exhausted', 'budget exhausted']);
    expect(fake.stats().received).toBe(1);
  });

  it('keeps records already billed when the budget runs out before their correction, so no billed token is lost', async () => {
    let remaining = 1;
    const budget = { remaining: () => remaining, spend: () => void (remaining = 0) };
    fake.script({ outcome: 'malformed', times: 1 });
    const outputs = await engine({ recordsPerRequest: 2, maxInFlight: 1 }, { budget }).generate(
      pack,
      plannedRecords(2),
    );
    expect(fake.stats().received).toBe(1);
    // asked for and billed, but not corrected: rejected with both reasons rather than left ungenerated
    for (const output of outputs)
      expect(output.error).toMatch(
        /^llm: invalid after 1 attempt: reply: not valid JSON .*; not corrected: token budget exhausted$/,
      );
    expect(totalTokens(outputs)).toEqual(fake.stats().usage);
  });

  it('sends the API key as a bearer token and fails a pack whose every request gets 401, without retrying', async () => {
    await fake.close();
    fake = await FakeOpenAiServer.start({ apiKey: 'sk-test' });
    expect((await engine({ apiKey: 'sk-test' }).generate(pack, plannedRecords(1)))[0].error).toBeNull();
    const rejected = engine({ apiKey: 'sk-wrong' }).generate(pack, plannedRecords(1));
    await expect(rejected).rejects.toThrow(
      /^llm: the endpoint failed all 1 requests: request rejected \(401\): invalid api key$/,
    );
    await expect(rejected).rejects.toBeInstanceOf(LlmRequestsFailedError);
    expect(fake.stats().received).toBe(2);
    expect(fake.requests()[0]!.userAgent).toMatch(/^velocity-synth\/\d+\.\d+\.\d+/);
    expect(JSON.stringify(engine({ apiKey: 'sk-test' }).redacted())).not.toContain('sk-test');
  });

  it('rejects with the cancel reason when the job is cancelled mid-flight', async () => {
    fake.latencyMs = 300;
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('job cancelled')), 50);
    await expect(engine().generate(pack, plannedRecords(10), controller.signal)).rejects.toThrow('job cancelled');
  });

  it('names itself and its lineage parameters', () => {
    const subject = engine({ model: 'm-1', temperature: 0.2, structuredOutput: 'json_object' });
    expect(subject.identity()).toEqual({
      name: 'openai-compatible',
      version: `openai-compatible/1 model=m-1 endpoint=${new URL(fake.baseUrl).host}`,
    });
    expect(subject.lineageParameters()).toEqual({
      model: 'm-1',
      temperature: 0.2,
      max_tokens: 4096,
      structured_output: 'json_object',
      json_schema: 'full',
      token_param: 'max_tokens',
      endpoint_kind: 'openai-chat-completions',
    });
  });
});
