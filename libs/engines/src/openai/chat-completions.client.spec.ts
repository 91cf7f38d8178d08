import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAiServer } from '@vs/testing';
import { ChatCompletionsClient, parseRetryAfter, usageOf } from './chat-completions.client';

const request = {
  model: 'm',
  messages: [{ role: 'user' as const, content: 'RECORD_COUNT: 1' }],
  temperature: 0,
  max_tokens: 50,
};

describe(ChatCompletionsClient.name, () => {
  let fake: FakeOpenAiServer;
  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
  });
  afterAll(async () => {
    await fake.close();
  });
  const client = (baseUrl = fake.baseUrl): ChatCompletionsClient =>
    new ChatCompletionsClient({ baseUrl, requestTimeoutMs: 1_000 });

  it('returns content and usage of a completion', async () => {
    const result = await client(`${fake.baseUrl}/`).complete(request);
    expect(result).toMatchObject({ kind: 'ok', finishReason: 'stop', usage: { prompt_tokens: 4 } });
  });

  it('classifies 429 with its Retry-After, 5xx, other 4xx, and a refused connection', async () => {
    fake
      .script({ outcome: 'rate_limited', times: 1, retryAfterSeconds: 2 })
      .script({ outcome: 'server_error', times: 1 });
    expect(await client().complete(request)).toMatchObject({
      kind: 'rate_limited',
      retriable: true,
      status: 429,
      retryAfterMs: 2_000,
    });
    expect(await client().complete(request)).toMatchObject({ kind: 'server_error', retriable: true, status: 500 });
    expect(await client(fake.baseUrl.replace('/v1', '/nope')).complete(request)).toMatchObject({
      kind: 'client_error',
      retriable: false,
      status: 404,
    });
    const closed = await FakeOpenAiServer.start();
    await closed.close(); // its port now refuses connections
    expect(await client(closed.baseUrl).complete(request)).toMatchObject({
      kind: 'transport_error',
      retriable: true,
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('classifies a 200 holding an error object by the status it names, and an empty choices list as retriable', async () => {
    fake.behave({ body: 'error_200', error200: { message: 'model not found', code: 404 } });
    expect(await client().complete(request)).toMatchObject({
      kind: 'client_error',
      retriable: false,
      message: 'request rejected, an error with status 200 (404): model not found',
    });
    fake.behave({ body: 'error_200' });
    expect(await client().complete(request)).toMatchObject({ kind: 'server_error', retriable: true });
    fake.behave({ body: 'empty_choices' });
    expect(await client().complete(request)).toMatchObject({
      kind: 'server_error',
      message: 'a completion with no choices (choices: [])',
    });
    fake.reset();
  });

  it('reads records from tool-call arguments and from reasoning_content, streamed or not', async () => {
    for (const place of ['tool_call', 'reasoning_content'] as const) {
      for (const body of ['json', 'sse'] as const) {
        fake.behave({ place, body });
        const result = await client().complete(request);
        expect(result, `${place} ${body}`).toMatchObject({
          kind: 'ok',
          content: expect.stringMatching(/^\{"records":\[/),
        });
      }
    }
    fake.reset();
  });

  it('names a stream still arriving when the timeout ran out', async () => {
    fake.behave({ body: 'sse', streamChunkDelayMs: 400 });
    expect(await client().complete(request)).toMatchObject({
      kind: 'transport_error',
      timedOut: true,
      message: 'timeout after 1000ms (LLM_TIMEOUT_MS) while the event stream was still arriving',
    });
    fake.reset();
  });

  it('reports a cancelled job as cancelled, not as a transport failure', async () => {
    fake.latencyMs = 200;
    const result = await client().complete(request, AbortSignal.timeout(20));
    fake.latencyMs = 0;
    expect(result).toMatchObject({ kind: 'cancelled', retriable: false });
  });
});

describe(parseRetryAfter.name, () => {
  it('reads delay-seconds and HTTP-dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});

describe(usageOf.name, () => {
  it('takes the split as reported, splits total_tokens when only it is there, and estimates when usage is missing', () => {
    expect(usageOf({ prompt_tokens: 7, completion_tokens: 3 }, request, 'x')).toEqual({
      usage: { prompt_tokens: 7, completion_tokens: 3 },
      source: 'reported',
    });
    const total = usageOf({ total_tokens: 40 }, request, '{"records":[]}');
    expect(total.source).toBe('total_only');
    expect(total.usage.prompt_tokens + total.usage.completion_tokens).toBe(40);
    expect(usageOf({ total_tokens: 40, completion_tokens: 10 }, request, '').usage).toEqual({
      prompt_tokens: 30,
      completion_tokens: 10,
    });
    const estimated = usageOf(null, request, 'Hello there, how are you today?');
    expect(estimated.source).toBe('estimated');
    expect(estimated.usage.prompt_tokens).toBeGreaterThan(5);
    expect(estimated.usage.completion_tokens).toBeGreaterThanOrEqual(6);
    expect(estimated.usage.completion_tokens).toBeLessThanOrEqual(10);
  });
});
