import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeOpenAiServer, sampleFromJsonSchema } from './fake-openai-server';

const recordSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 2, maxLength: 10 },
    qty: { type: 'integer', minimum: 1, maximum: 3 },
    tier: { type: 'string', enum: ['gold', 'silver'] },
    ok: { type: 'boolean' },
  },
};

function body(count: number): string {
  return JSON.stringify({
    model: 'm',
    messages: [
      { role: 'system', content: `RECORD_SCHEMA_JSON: ${JSON.stringify(recordSchema)}` },
      { role: 'user', content: `RECORD_COUNT: ${count}` },
    ],
  });
}

describe(FakeOpenAiServer.name, () => {
  let fake: FakeOpenAiServer;
  beforeEach(async () => {
    fake = await FakeOpenAiServer.start({ seed: 3 });
  });
  afterEach(async () => {
    await fake.close();
  });
  const post = (count = 2): Promise<Response> =>
    fetch(`${fake.baseUrl}/chat/completions`, { method: 'POST', body: body(count) });

  it('answers a chat completion with as many schema-valid records as asked for, and token usage', async () => {
    const reply = (await (await post(3)).json()) as {
      object: string;
      choices: { message: { content: string } }[];
      usage: { total_tokens: number };
    };
    expect(reply.object).toBe('chat.completion');
    const { records } = JSON.parse(reply.choices[0].message.content) as {
      records: { name: string; qty: number; tier: string; ok: boolean }[];
    };
    expect(records).toHaveLength(3);
    for (const r of records) {
      expect(r.name.length).toBeGreaterThanOrEqual(2);
      expect(r.name.length).toBeLessThanOrEqual(10);
      expect([1, 2, 3]).toContain(r.qty);
      expect(['gold', 'silver']).toContain(r.tier);
      expect(typeof r.ok).toBe('boolean');
    }
    expect(reply.usage.total_tokens).toBeGreaterThan(0);
  });

  it('plays scripted faults in order, then answers normally, counting each outcome', async () => {
    fake
      .script({ outcome: 'rate_limited', times: 1, retryAfterSeconds: 4 })
      .script({ outcome: 'server_error', times: 1 })
      .script({ outcome: 'drop', times: 1 });
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('4');
    expect((await post()).status).toBe(500);
    await expect(post()).rejects.toThrow();
    expect((await post()).status).toBe(200);
    expect(fake.stats()).toMatchObject({
      received: 4,
      byOutcome: { rate_limited: 1, server_error: 1, drop: 1, ok: 1 },
    });
  });

  it('returns malformed JSON and wrong-typed records when told to', async () => {
    fake.script({ outcome: 'malformed', times: 1 }).script({ outcome: 'invalid', times: 1 });
    const content = async (): Promise<string> =>
      ((await (await post()).json()) as { choices: { message: { content: string } }[] }).choices[0].message.content;
    await expect(content().then((c) => JSON.parse(c))).rejects.toThrow();
    const invalid = JSON.parse(await content()) as { records: { name: unknown }[] };
    expect(typeof invalid.records[0].name).toBe('number');
  });

  it('draws faults from a seeded mix, the same way every time', async () => {
    const outcomes = async (): Promise<number[]> => {
      fake.mix({ server_error: 0.5, seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await post(1)).status);
      return statuses;
    };
    const first = await outcomes();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await outcomes()).toEqual(first);
  });

  it('generates formatted strings for email, uuid and date', () => {
    let seed = 0.3;
    const rand = (): number => (seed = (seed * 9301 + 0.49297) % 1);
    expect(sampleFromJsonSchema({ type: 'string', format: 'email' }, rand)).toMatch(
      /^[a-z]+\.[0-9a-f]{4}@example\.com$/,
    );
    expect(sampleFromJsonSchema({ type: 'string', format: 'uuid' }, rand)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(sampleFromJsonSchema({ type: 'string', format: 'date' }, rand)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(sampleFromJsonSchema({ anyOf: [{ type: 'null' }, { type: 'boolean' }] }, rand)).toBeTypeOf('boolean');
  });
});
