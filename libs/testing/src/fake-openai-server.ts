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
  /**
   * `realistic` (default): records the project's offline engine writes for the prompt, as a capable model would;
   * `schema`: bare samples of the request's JSON schema, for benches that measure the client, not the fake
   * (writing realistic records costs the fake about 2 ms of CPU a request, in the bench's own process).
   */
  records?: 'realistic' | 'schema';
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

/**
 * Reads the request's shape from the prompt builder's markers (the last RECORD_COUNT wins: corrections) and
 * the record schema from response_format's json_schema, or from the prompt's RECORD_SCHEMA_JSON line.
 */
function readRequest(body: Json): { count: number; recordSchema: Json } {
  const messages = (body.messages ?? []) as { content?: string }[];
  let count = 1;
  let recordSchema: Json = { type: 'object', properties: { value: { type: 'string' } } };
  for (const { content = '' } of messages) {
    for (const m of content.matchAll(/RECORD_COUNT:\s*(\d+)/g)) count = Number(m[1]);
    const schemaLine = /RECORD_SCHEMA_JSON:\s*(\{.*\})\s*$/m.exec(content);
    if (schemaLine) recordSchema = JSON.parse(schemaLine[1]) as Json;
  }
  const format = body.response_format as { json_schema?: { schema?: Json } } | undefined;
  const items = (format?.json_schema?.schema?.properties as { records?: { items?: Json } } | undefined)?.records?.items;
  return { count, recordSchema: items ?? recordSchema };
}

/**
 * How the fake behaves as one real server or another does (set with behave(); each key independent). Faults
 * scripted with script()/mix() come first; these shape every answer otherwise.
 */
export interface FakeBehaviour {
  /** Replies with more records than this are cut mid-record, finish_reason "length"; 0 cuts every reply. */
  maxRecordsPerReply?: number;
  /** Every n-th generation reply is cut after half its records (rounded down), finish_reason "length". */
  cutEvery?: number;
  /** These response_format types get 400 "response_format <type> is not supported" (older Ollama, vLLM). */
  rejectFormats?: ('json_schema' | 'json_object')[];
  /**
   * The model refuses: in `message.refusal` with content null, or as prose in content; `content_filter`: the
   * provider's filter stops the reply before any of it (content null, finish_reason "content_filter").
   */
  refuse?: 'field' | 'content' | 'content_filter';
  /** Only every n-th generation request is refused (default: every one). */
  refuseEvery?: number;
  /**
   * `sse`: an event stream even when none was asked; `html_503`: a proxy's HTML 503 page for every request;
   * `html_200`: a web UI's page with status 200 (LLM_BASE_URL pointing at the UI rather than its API).
   */
  body?: 'json' | 'sse' | 'html_503' | 'html_200' | 'error_200' | 'empty_choices';
  /** With `body: 'error_200'`: the `error` object a gateway passes on with status 200. */
  error200?: { message: string; code?: number };
  /**
   * Where the reply goes: `content`; `tool_call`: a function call's arguments (content null, finish_reason
   * "tool_calls"); `reasoning_content`: a reasoning parser took it all for thinking (content empty).
   */
  place?: 'content' | 'tool_call' | 'reasoning_content';
  /** Event streams are written a chunk at a time, this long apart (a slow model behind a streaming gateway). */
  streamChunkDelayMs?: number;
  /** What the reply says of its tokens. */
  usage?: 'full' | 'total_only' | 'none';
  /** How records are wrapped; `single`: only the first record, bare, whatever was asked. */
  envelope?: 'records' | 'data' | 'array' | 'single';
  /** `camel`: every snake_case key in camelCase; `extra`: an unknown key added to each record. */
  keys?: 'snake' | 'camel' | 'extra';
  /** Template filler a weak model writes: John Doe, example@example.com, "string", Lorem ipsum. */
  placeholders?: boolean;
  /** Every generation request gets this error status and message (a wrong model name, a revoked key). */
  rejectAll?: { status: number; message: string };
  /** Requests naming the other token limit field get 400, as OpenAI's reasoning models answer max_tokens. */
  tokenParam?: 'max_tokens' | 'max_completion_tokens';
}

/** One request as the fake saw it, for tests to assert on the wire. */
export interface FakeRequestRecord {
  n: number;
  userAgent: string | undefined;
  body: Json;
  status: number;
  count: number;
  /** The finish_reason of a completion it answered ("length" for a cut reply). */
  finishReason?: string;
}

const camel = (key: string): string => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const HTML_503 =
  '<!DOCTYPE html>\n<html>\n<head><title>503 Service Temporarily Unavailable</title></head>\n<body>\n<center><h1>503 Service Temporarily Unavailable</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n';

/** A record a lazy model fills in from the template: placeholder names, example emails, "string", Lorem ipsum. */
function placeholdered(record: Json, schema: Json): Json {
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const out: Json = { ...record };
  for (const [name, property] of Object.entries(properties)) {
    const p = ((property.anyOf as Json[] | undefined) ?? []).find((x) => x.type !== 'null') ?? property;
    if (p.type !== 'string' || p.enum || p.pattern || (p.format && p.format !== 'email')) continue;
    const max = Number(p.maxLength ?? 10_000);
    const value =
      p.format === 'email' || /email/.test(name)
        ? 'example@example.com'
        : /name/.test(name)
          ? 'John Doe'
          : /product|item|title|sku/.test(name)
            ? 'string'
            : 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.';
    out[name] = value.slice(0, max);
  }
  return out;
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
  /** Requests received and not yet answered to the end (or abandoned by the client). */
  private open = 0;
  private served = 0;
  private generations = 0;
  private behaviour: FakeBehaviour = {};
  private readonly log: FakeRequestRecord[] = [];
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

  /** How every later answer behaves (see FakeBehaviour); replaces the previous behaviour. */
  behave(behaviour: FakeBehaviour): this {
    this.behaviour = { ...behaviour };
    this.generations = 0;
    return this;
  }

  reset(): this {
    this.steps.length = 0;
    this.mixDraw = null;
    this.behaviour = {};
    return this;
  }

  /** Every chat-completions request so far, in arrival order. */
  requests(): FakeRequestRecord[] {
    return [...this.log];
  }

  /** Forgets the request log (not the counters): each test of a shared fake reads only its own requests. */
  clearRequests(): this {
    this.log.length = 0;
    return this;
  }

  /** How many requests are still being answered: 0 once every request received has its whole answer or was dropped. */
  openRequests(): number {
    return this.open;
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
      this.open++;
      res.on('close', () => this.open--);
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
    const error = (status: number, message: string, headers: Record<string, string> = {}): void =>
      send(status, { 'content-type': 'application/json', ...headers }, JSON.stringify({ error: { message } }));
    const record: FakeRequestRecord = {
      n: this.log.length + 1,
      userAgent: req.headers['user-agent'],
      body,
      status: 200,
      count: readRequest(body).count,
    };
    this.log.push(record);
    const send = (status: number, headers: Record<string, string>, text: string): void => {
      record.status = status;
      res.writeHead(status, headers).end(text);
    };
    const b = this.behaviour;
    const isJudge = this.judged(body) !== null;
    if (!isJudge && b.body === 'html_503') return send(503, { 'content-type': 'text/html' }, HTML_503);
    if (!isJudge && b.body === 'html_200') {
      const page =
        '<!doctype html><html><head><title>Open WebUI</title></head><body><div id="app"></div></body></html>';
      return send(200, { 'content-type': 'text/html; charset=utf-8' }, page);
    }
    if (!isJudge && b.body === 'error_200') {
      const failure = b.error200 ?? { message: 'Provider returned error' };
      return send(200, { 'content-type': 'application/json' }, JSON.stringify({ error: failure }));
    }
    if (!isJudge && b.rejectAll) {
      const { status, message } = b.rejectAll;
      return send(status, { 'content-type': 'application/json' }, JSON.stringify({ error: { message } }));
    }
    const format = (body.response_format as { type?: string } | undefined)?.type;
    if (!isJudge && format && (b.rejectFormats as string[] | undefined)?.includes(format)) {
      const message = `response_format ${format} is not supported`;
      return send(400, { 'content-type': 'application/json' }, JSON.stringify({ error: { message } }));
    }
    const other = b.tokenParam === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
    if (b.tokenParam && other in body) {
      const message = `Unsupported parameter: '${other}' is not supported with this model. Use '${b.tokenParam}' instead.`;
      return send(400, { 'content-type': 'application/json' }, JSON.stringify({ error: { message } }));
    }
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
    const judged = this.judged(body);
    const generation = judged === null ? ++this.generations : 0;
    const refused =
      judged === null && b.refuse !== undefined && (b.refuseEvery === undefined || generation % b.refuseEvery === 0);
    let content: string | null;
    let refusal: string | null = null;
    let finishReason = 'stop';
    if (judged !== null) content = judged;
    else if (refused && b.refuse === 'field') {
      content = null;
      refusal = "I'm sorry, but I can't help with generating records about real people.";
    } else if (refused && b.refuse === 'content_filter') {
      content = null;
      finishReason = 'content_filter';
    } else if (refused) content = REFUSAL;
    else {
      const shaped = this.shaped(await this.generated(body, choice.outcome, served), body, generation);
      content = shaped.content;
      finishReason = shaped.finishReason;
    }
    const promptChars = ((body.messages ?? []) as { content?: string }[]).reduce(
      (n, m) => n + (m.content?.length ?? 0),
      0,
    );
    const replyChars = (content ?? refusal ?? '').length;
    const usage = { prompt_tokens: Math.ceil(promptChars / 4), completion_tokens: Math.ceil(replyChars / 4) };
    this.counts.usage.prompt_tokens += usage.prompt_tokens;
    this.counts.usage.completion_tokens += usage.completion_tokens;
    const total = usage.prompt_tokens + usage.completion_tokens;
    const usageField =
      b.usage === 'none'
        ? undefined
        : b.usage === 'total_only'
          ? { total_tokens: total }
          : { ...usage, total_tokens: total };
    const id = `chatcmpl-fake-${served}`;
    const created = Math.floor(Date.now() / 1000);
    const model = body.model ?? 'fake';
    const place = judged === null ? (b.place ?? 'content') : 'content';
    if (place === 'tool_call' && content !== null) finishReason = 'tool_calls';
    record.finishReason = finishReason;
    const streamed = body.stream === true || (judged === null && b.body === 'sse');
    if (streamed) {
      const chunk = (delta: Json, finish: string | null, extra: Json = {}) =>
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
      const text = content ?? '';
      const piece = (t: string): Json =>
        place === 'tool_call'
          ? { tool_calls: [{ index: 0, function: { arguments: t } }] }
          : place === 'reasoning_content'
            ? { reasoning_content: t }
            : { content: t };
      const parts: string[] = [chunk({ role: 'assistant', content: '' }, null)];
      for (let i = 0; i < text.length; i += 64) parts.push(chunk(piece(text.slice(i, i + 64)), null));
      if (refusal) parts.push(chunk({ refusal }, null));
      parts.push(chunk({}, finishReason));
      const include = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage;
      if (usageField && include)
        parts.push(
          `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: usageField })}\n\n`,
        );
      parts.push('data: [DONE]\n\n');
      if (b.streamChunkDelayMs) return this.drip(res, record, parts, b.streamChunkDelayMs);
      return send(200, { 'content-type': 'text/event-stream' }, parts.join(''));
    }
    const message =
      place === 'tool_call' && content !== null
        ? {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: `call-${served}`, type: 'function', function: { name: 'records', arguments: content } }],
          }
        : place === 'reasoning_content' && content !== null
          ? { role: 'assistant', content: '', reasoning_content: content }
          : { role: 'assistant', content, refusal };
    const choices =
      judged === null && b.body === 'empty_choices' ? [] : [{ index: 0, message, finish_reason: finishReason }];
    send(
      200,
      { 'content-type': 'application/json' },
      JSON.stringify({
        id,
        object: 'chat.completion',
        created,
        model,
        choices,
        ...(usageField ? { usage: usageField } : {}),
      }),
    );
  }

  /** Writes an event stream one chunk at a time, `delayMs` apart, until done or the client goes away. */
  private drip(res: ServerResponse, record: FakeRequestRecord, parts: string[], delayMs: number): void {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const next = (i: number): void => {
      if (res.destroyed) return;
      if (i === parts.length) {
        res.end();
        return;
      }
      res.write(parts[i]);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        next(i + 1);
      }, delayMs);
      this.timers.add(timer);
    };
    record.status = 200;
    next(0);
  }

  /** The generated reply as the behaviour shapes it: keys, envelope, placeholders, and where it is cut. */
  private shaped(reply: string, body: Json, generation: number): { content: string; finishReason: string } {
    const b = this.behaviour;
    let records: Json[];
    try {
      records = (JSON.parse(reply) as { records: Json[] }).records;
    } catch {
      return { content: reply, finishReason: 'stop' }; // the 'malformed' fault
    }
    if (b.placeholders) records = records.map((r) => placeholdered(r, readRequest(body).recordSchema));
    if (b.keys === 'camel')
      records = records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [camel(k), v])));
    if (b.keys === 'extra') records = records.map((r) => ({ ...r, confidence: 0.9 }));
    let keep = records.length;
    if (b.maxRecordsPerReply !== undefined && records.length > b.maxRecordsPerReply) keep = b.maxRecordsPerReply;
    if (b.cutEvery && generation % b.cutEvery === 0) keep = Math.min(keep, Math.floor(records.length / 2));
    const cut = keep < records.length;
    const wrap = (list: Json[]): string => {
      switch (b.envelope ?? 'records') {
        case 'data':
          return JSON.stringify({ data: list });
        case 'array':
          return JSON.stringify(list);
        case 'single':
          return JSON.stringify(list[0] ?? {});
        case 'records':
          return JSON.stringify({ records: list });
      }
    };
    if (!cut) return { content: wrap(records), finishReason: 'stop' };
    // The text up to the middle of the first record past the limit, as a server stops at max_tokens.
    const full = wrap(records);
    const before = keep === 0 ? full.indexOf('{', full.indexOf('[')) : full.indexOf(JSON.stringify(records[keep]));
    const next = JSON.stringify(records[keep]);
    return { content: full.slice(0, Math.max(0, before) + Math.floor(next.length / 2)), finishReason: 'length' };
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
    const realistic = this.options.records !== 'schema';
    const records =
      (realistic ? await realisticRecords(body, count, recordSchema) : null) ??
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
