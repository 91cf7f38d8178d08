import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { realisticRecords } from './fake-record-writer';
import { valueForPattern } from './pattern-sample';

/** Replies an LLM gives instead of data: the quality gate must reject them. */
const REFUSAL = "I'm sorry, but as an AI language model I cannot create records about real people.";
const PLACEHOLDER = '{{customer_note}}';

/** A judge verdict for one record, as the fake answers LLM-judge requests. */
export interface FakeJudgeVerdict {
  topicality: number;
  plausibility: number;
  reason: string;
}
export type FakeJudge = (item: { record_id: string; texts: Record<string, string> }) => FakeJudgeVerdict;

/** What the fake does with one request. */
export const FAKE_OUTCOMES = [
  'ok',
  'rate_limited',
  'server_error',
  'malformed',
  'invalid',
  'drop',
  'unauthorized',
  'refusal',
  'placeholder',
] as const;
export type FakeOutcome = (typeof FAKE_OUTCOMES)[number];
type Fault = Exclude<FakeOutcome, 'ok' | 'unauthorized'>;

/** The next `times` requests get `outcome` (Infinity: every request until reset()). */
export interface FakeScriptStep {
  outcome: Fault;
  times: number;
  retryAfterSeconds?: number;
}

/** Probabilities per fault, drawn from a seeded PRNG so a failing run can be replayed. */
export type FakeMix = Partial<Record<Fault, number>> & { seed?: number; retryAfterSeconds?: number };

export interface FakeOpenAiServerOptions {
  latencyMs?: number;
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
  seed?: number;
}

export interface FakeServerStats {
  received: number;
  byOutcome: Record<FakeOutcome, number>;
  maxConcurrent: number;
  /** Tokens billed across all answered completions. */
  usage: { prompt_tokens: number; completion_tokens: number };
}

type Json = Record<string, unknown>;

/** mulberry32: tiny, seeded, good enough to vary fake data and fault draws. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['amber', 'river', 'north', 'quiet', 'harbor', 'maple', 'signal', 'copper', 'meadow', 'vector'];

function text(rand: () => number, minLength = 3, maxLength = 24): string {
  const target = minLength + Math.floor(rand() * (Math.min(maxLength, minLength + 30) - minLength + 1));
  let out = '';
  while (out.length < target) out += `${out ? ' ' : ''}${WORDS[Math.floor(rand() * WORDS.length)]}`;
  return out.slice(0, target).trimEnd().padEnd(target, 'x');
}

/** Generates a value valid for a small JSON-schema subset: the subset the prompt builder emits. */
export function sampleFromJsonSchema(schema: Json, rand: () => number): unknown {
  const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)];
  if (Array.isArray(schema.anyOf))
    return sampleFromJsonSchema((schema.anyOf as Json[]).find((s) => s.type !== 'null') ?? {}, rand);
  if (Array.isArray(schema.enum)) return pick(schema.enum as unknown[]);
  const min = typeof schema.minimum === 'number' ? schema.minimum : 0;
  const max = typeof schema.maximum === 'number' ? schema.maximum : min + 1000;
  const hex = (n: number): string => Array.from({ length: n }, () => pick([...'0123456789abcdef'])).join('');
  const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(rand() * 1800) * 86_400_000).toISOString();
  switch (schema.type) {
    case 'boolean':
      return rand() < 0.5;
    case 'integer':
      return Math.ceil(min) + Math.floor(rand() * (Math.floor(max) - Math.ceil(min) + 1));
    case 'number':
      return Math.min(max, Math.max(min, Math.round((min + rand() * (max - min)) * 100) / 100));
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Json>;
      return Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, sampleFromJsonSchema(s, rand)]));
    }
    case 'string':
      switch (schema.format) {
        case 'email':
          return `${pick(WORDS)}.${hex(4)}@example.com`;
        case 'uri':
          return `https://example.com/${pick(WORDS)}/${hex(6)}`;
        case 'uuid':
          return `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
        case 'date':
          return day.slice(0, 10);
        case 'date-time':
          return `${day.slice(0, 10)}T${String(Math.floor(rand() * 24)).padStart(2, '0')}:15:00Z`;
        default:
          if (typeof schema.pattern === 'string') return valueForPattern(schema.pattern, String(rand()));
          return text(rand, schema.minLength as number | undefined, schema.maxLength as number | undefined);
      }
    default:
      return null;
  }
}

/** Reads the request's shape from the prompt builder's markers: the last RECORD_COUNT wins (corrections). */
function readRequest(body: Json): { count: number; recordSchema: Json } {
  const messages = (body.messages ?? []) as { content?: string }[];
  let count = 1;
  let recordSchema: Json = { type: 'object', properties: { value: { type: 'string' } } };
  for (const { content = '' } of messages) {
    for (const m of content.matchAll(/RECORD_COUNT:\s*(\d+)/g)) count = Number(m[1]);
    const schemaLine = /RECORD_SCHEMA_JSON:\s*(\{.*\})\s*$/m.exec(content);
    if (schemaLine) recordSchema = JSON.parse(schemaLine[1]) as Json;
  }
  return { count, recordSchema };
}

/** A real HTTP server speaking OpenAI chat completions, with scriptable faults, for specs and benches. */
export class FakeOpenAiServer {
  latencyMs: number;
  /** `http://127.0.0.1:<port>/v1`, as an OpenAI client's base URL; kept after close() so specs can hit a dead port. */
  baseUrl = '';
  private readonly steps: (FakeScriptStep & { left: number })[] = [];
  private mixDraw: { mix: FakeMix; rand: () => number } | null = null;
  private judgeFn: FakeJudge = () => ({ topicality: 0.9, plausibility: 0.9, reason: 'fits the subchapter' });
  private readonly timers = new Set<NodeJS.Timeout>();
  private active = 0;
  private served = 0;
  private readonly counts: FakeServerStats = {
    received: 0,
    byOutcome: Object.fromEntries(FAKE_OUTCOMES.map((o) => [o, 0])) as Record<FakeOutcome, number>,
    maxConcurrent: 0,
    usage: { prompt_tokens: 0, completion_tokens: 0 },
  };

  private readonly server: Server = createServer((req, res) => this.handle(req, res));

  private constructor(private readonly options: FakeOpenAiServerOptions) {
    this.latencyMs = options.latencyMs ?? 0;
  }

  static async start(options: FakeOpenAiServerOptions = {}): Promise<FakeOpenAiServer> {
    const fake = new FakeOpenAiServer(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.baseUrl = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/v1`;
    return fake;
  }

  script(step: FakeScriptStep): this {
    this.steps.push({ ...step, left: step.times });
    return this;
  }

  mix(mix: FakeMix | null): this {
    this.mixDraw = mix ? { mix, rand: prng(mix.seed ?? 1) } : null;
    return this;
  }

  /** How the fake answers LLM-judge requests (marked JUDGE_ITEMS_JSON:); by default every record fits. */
  judgeWith(judge: FakeJudge): this {
    this.judgeFn = judge;
    return this;
  }

  reset(): this {
    this.steps.length = 0;
    this.mixDraw = null;
    return this;
  }

  stats(): FakeServerStats {
    return { ...this.counts, byOutcome: { ...this.counts.byOutcome }, usage: { ...this.counts.usage } };
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private choose(req: IncomingMessage): { outcome: FakeOutcome; retryAfterSeconds: number } {
    if (this.options.apiKey && req.headers.authorization !== `Bearer ${this.options.apiKey}`)
      return { outcome: 'unauthorized', retryAfterSeconds: 0 };
    const step = this.steps[0];
    if (step) {
      if (--step.left <= 0) this.steps.shift();
      return { outcome: step.outcome, retryAfterSeconds: step.retryAfterSeconds ?? 1 };
    }
    if (this.mixDraw) {
      let draw = this.mixDraw.rand();
      for (const fault of ['rate_limited', 'server_error', 'malformed', 'invalid', 'drop'] as const) {
        draw -= this.mixDraw.mix[fault] ?? 0;
        if (draw < 0) return { outcome: fault, retryAfterSeconds: this.mixDraw.mix.retryAfterSeconds ?? 1 };
      }
    }
    return { outcome: 'ok', retryAfterSeconds: 0 };
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || !/^(\/v1)?\/chat\/completions$/.test(req.url ?? '')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
        return;
      }
      this.counts.received++;
      this.counts.maxConcurrent = Math.max(this.counts.maxConcurrent, ++this.active);
      const choice = this.choose(req);
      this.counts.byOutcome[choice.outcome]++;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.active--;
        this.answer(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Json, choice, req, res).catch(
          (error: unknown) => res.writeHead(500).end(JSON.stringify({ error: { message: String(error) } })),
        );
      }, this.latencyMs);
      this.timers.add(timer);
    });
  }

  private async answer(
    body: Json,
    choice: { outcome: FakeOutcome; retryAfterSeconds: number },
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const error = (status: number, message: string, headers: Record<string, string> = {}): void => {
      res
        .writeHead(status, { 'content-type': 'application/json', ...headers })
        .end(JSON.stringify({ error: { message } }));
    };
    switch (choice.outcome) {
      case 'drop':
        req.socket.destroy();
        return;
      case 'unauthorized':
        return error(401, 'invalid api key');
      case 'rate_limited':
        return error(429, 'rate limited', { 'retry-after': String(choice.retryAfterSeconds) });
      case 'server_error':
        return error(500, 'internal error');
      case 'ok':
      case 'malformed':
      case 'invalid':
      case 'refusal':
      case 'placeholder':
        break;
    }
    // Numbered before any await, so concurrent requests never share a sequence number (or fallback data).
    const served = ++this.served;
    const content = this.judged(body) ?? (await this.generated(body, choice.outcome, served));
    const promptChars = ((body.messages ?? []) as { content?: string }[]).reduce(
      (n, m) => n + (m.content?.length ?? 0),
      0,
    );
    const usage = { prompt_tokens: Math.ceil(promptChars / 4), completion_tokens: Math.ceil(content.length / 4) };
    this.counts.usage.prompt_tokens += usage.prompt_tokens;
    this.counts.usage.completion_tokens += usage.completion_tokens;
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: `chatcmpl-fake-${served}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model ?? 'fake',
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
      }),
    );
  }

  /** The reply to an LLM-judge request, or null when the request is not one. */
  private judged(body: Json): string | null {
    const messages = (body.messages ?? []) as { content?: string }[];
    const line = messages.map((m) => /JUDGE_ITEMS_JSON:\s*(\[.*\])\s*$/m.exec(m.content ?? '')).find(Boolean);
    if (!line) return null;
    const items = JSON.parse(line[1]!) as { record_id: string; texts: Record<string, string> }[];
    return JSON.stringify({ verdicts: items.map((item) => ({ record_id: item.record_id, ...this.judgeFn(item) })) });
  }

  private async generated(body: Json, outcome: FakeOutcome, served: number): Promise<string> {
    const { count, recordSchema } = readRequest(body);
    const rand = prng((this.options.seed ?? 7) + served);
    // A capable model writes believable records; bare JSON-schema samples stand in for requests of another shape.
    const records =
      (await realisticRecords(body, count, recordSchema)) ??
      Array.from({ length: count }, () => sampleFromJsonSchema(recordSchema, rand) as Json);
    const properties = (recordSchema.properties ?? {}) as Record<string, Json>;
    const first = Object.keys(properties)[0];
    if (outcome === 'invalid' && first)
      for (const r of records) r[first] = typeof r[first] === 'string' ? 12345 : 'wrong type';
    if (outcome === 'refusal' || outcome === 'placeholder') {
      // The free-text field with the most room takes the reply, as a model writes it where prose goes.
      const free = Object.entries(properties)
        .map(
          ([name, schema]) =>
            [name, (schema.anyOf as Json[] | undefined)?.find((x) => x.type !== 'null') ?? schema] as const,
        )
        .filter(([, schema]) => schema.type === 'string' && !schema.format && !schema.pattern && !schema.enum)
        .sort(([, a], [, b]) => Number(b.maxLength ?? 10_000) - Number(a.maxLength ?? 10_000))[0];
      const reply = outcome === 'refusal' ? REFUSAL : PLACEHOLDER;
      if (free) for (const r of records) r[free[0]] = reply.slice(0, Number(free[1].maxLength ?? reply.length));
    }
    return outcome === 'malformed' ? '{"records": [{"oops"' : JSON.stringify({ records });
  }
}
