import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PoisonMessageError, TransientError } from '@vs/contracts';
import { FakeOpenAiServer } from '@vs/testing';
import { ChatCompletionsClient } from './chat-completions.client';
import type { CachedCompletion, CompletionCache } from './completion-cache';
import { LlmJudge, type JudgeSubject } from './llm-judge';

class MemoryCompletionCache implements CompletionCache {
  readonly entries = new Map<string, CachedCompletion>();
  get(key: string) {
    return Promise.resolve(this.entries.get(key) ?? null);
  }
  put(key: string, completion: CachedCompletion) {
    this.entries.set(key, completion);
    return Promise.resolve();
  }
}

const subject: JudgeSubject = {
  template_id: 'retail-customer-orders',
  chapter_title: 'Fulfilment issues',
  subchapter_title: 'Delayed shipment',
  subchapter_intent: 'A customer asks where a late parcel is.',
  locale: 'en-US',
  exemplar_prompts: ['A parcel is a week late.'],
};
const items = [
  { record_id: 'r1', texts: { customer_note: 'My parcel is a week late, where is it?' } },
  { record_id: 'r2', texts: { customer_note: 'The recipe needs two cups of flour.' } },
  { record_id: 'r3', texts: { customer_note: 'Still waiting for the order from last Monday.' } },
];
const options = {
  model: 'judge-model',
  minScore: 0.5,
  recordsPerRequest: 2,
  maxTokens: 512,
  maxRetries: 2,
  retryDelayMs: 1,
};

describe(LlmJudge.name, () => {
  let fake: FakeOpenAiServer;
  let client: ChatCompletionsClient;
  beforeAll(async () => {
    fake = await FakeOpenAiServer.start();
    client = new ChatCompletionsClient({ baseUrl: fake.baseUrl, requestTimeoutMs: 5_000 });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    fake.judgeWith(({ texts }) =>
      /flour/.test(texts['customer_note'] ?? '')
        ? { topicality: 0.05, plausibility: 0.8, reason: 'about baking, not a shipment' }
        : { topicality: 0.92, plausibility: 0.88, reason: 'a late parcel' },
    );
  });

  it('scores each record, rejects the off-topic one with its reason, and splits the tokens per record', async () => {
    const before = fake.stats().received;
    const verdicts = await new LlmJudge(client, options).judge(subject, items);
    expect(fake.stats().received - before).toBe(2); // two records per request
    expect(verdicts.get('r1')).toMatchObject({
      topicality: 0.92,
      plausibility: 0.88,
      accepted: true,
      model: 'judge-model',
    });
    expect(verdicts.get('r2')).toMatchObject({ accepted: false, reason: 'about baking, not a shipment' });
    const tokens = [...verdicts.values()].reduce((n, v) => n + v!.usage.prompt_tokens + v!.usage.completion_tokens, 0);
    expect(tokens).toBeGreaterThan(0);
  });

  it('asks nothing twice: a second judgement of the same records comes from the completion cache', async () => {
    const cache = new MemoryCompletionCache();
    const first = await new LlmJudge(client, options, cache).judge(subject, items);
    const received = fake.stats().received;
    const second = await new LlmJudge(client, options, cache).judge(subject, items);
    expect(fake.stats().received).toBe(received);
    expect(second).toEqual(first);
  });

  it('gives no verdict (null) for a reply it cannot read, rather than guessing', async () => {
    fake.judgeWith(() => ({ topicality: Number.NaN, plausibility: 0.5, reason: 'x' }));
    const verdicts = await new LlmJudge(client, options).judge(subject, items.slice(0, 1));
    expect(verdicts.get('r1')).toBeNull();
  });

  it('retries a failing endpoint, then reports it unavailable as a transient error', async () => {
    fake.script({ outcome: 'server_error', times: 1 });
    expect((await new LlmJudge(client, options).judge(subject, items.slice(0, 1))).get('r1')?.accepted).toBe(true);
    fake.script({ outcome: 'server_error', times: Infinity });
    await expect(new LlmJudge(client, options).judge(subject, items.slice(0, 1))).rejects.toBeInstanceOf(
      TransientError,
    );
  });

  it('refuses to go on when the endpoint rejects the request itself (a permanent error)', async () => {
    const secured = await FakeOpenAiServer.start({ apiKey: 'right' });
    try {
      const wrongKey = new ChatCompletionsClient({
        baseUrl: secured.baseUrl,
        apiKey: 'wrong',
        requestTimeoutMs: 5_000,
      });
      await expect(new LlmJudge(wrongKey, options).judge(subject, items)).rejects.toBeInstanceOf(PoisonMessageError);
    } finally {
      await secured.close();
    }
  });
});
