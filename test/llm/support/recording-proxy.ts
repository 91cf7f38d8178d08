import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One chat-completions request as the proxy saw it; times are Date.now() at the proxy. */
export interface ProxiedRequest {
  n: number;
  arrivedAt: number;
  endedAt: number | null;
  /** The HTTP status answered, or what happened instead. */
  status: number | 'dropped' | 'abandoned' | 'pending';
  /** The prompt's "BATCH: job=… pack=… records=a..b" line: which records the request is for. */
  batch: string | null;
  firstRecordIndex: number | null;
  recordCount: number;
  correction: boolean;
  retryAfter: string | null;
  usage: { prompt_tokens: number; completion_tokens: number } | null;
}

export interface ProxyRules {
  /** Extra delay before forwarding (beyond the client's timeout makes it time out). */
  delayMs?: (request: ProxiedRequest) => number;
  /** Batches answered by the proxy itself with malformed JSON, every time: they never become valid. */
  poison?: (request: ProxiedRequest) => boolean;
}

export const POISONED_REPLY = '{"records": [ {"this is": not json';

/**
 * Sits between the engine and the fake OpenAI server: logs every request with its timing and outcome (so a
 * test can check Retry-After waits and the last request before a budget ran out), adds slow answers and
 * batches that stay malformed whatever the correction round says.
 */
export class RecordingProxy {
  readonly log: ProxiedRequest[] = [];
  baseUrl = '';
  private readonly server: Server = createServer((req, res) => void this.handle(req, res));

  private constructor(
    private readonly upstream: string,
    readonly rules: ProxyRules,
  ) {}

  static async start(upstreamBaseUrl: string, rules: ProxyRules = {}): Promise<RecordingProxy> {
    const proxy = new RecordingProxy(upstreamBaseUrl.replace(/\/+$/, ''), rules);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    proxy.baseUrl = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}/v1`;
    return proxy;
  }

  /** True once every request the proxy received was answered, dropped or abandoned. */
  settled(): boolean {
    return this.log.every((r) => r.status !== 'pending');
  }

  /** Tokens of every completion that reached the engine: what the endpoint billed. */
  billed(): { prompt_tokens: number; completion_tokens: number } {
    return this.log.reduce(
      (sum, r) => ({
        prompt_tokens: sum.prompt_tokens + (r.usage?.prompt_tokens ?? 0),
        completion_tokens: sum.completion_tokens + (r.usage?.completion_tokens ?? 0),
      }),
      { prompt_tokens: 0, completion_tokens: 0 },
    );
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const entry = this.describe(body);
    this.log.push(entry);
    let clientGone = false;
    res.on('close', () => (clientGone = !res.writableFinished));

    if (this.rules.poison?.(entry)) return this.answer(res, entry, 200, completion(POISONED_REPLY, body));
    const delay = this.rules.delayMs?.(entry) ?? 0;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (clientGone) return this.end(entry, 'abandoned');

    let upstream: Response;
    let text: string;
    try {
      upstream = await fetch(`${this.upstream}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: req.headers.authorization ?? '' },
        body,
      });
      text = await upstream.text();
    } catch {
      req.socket.destroy(); // the upstream dropped the connection: so does the proxy
      return this.end(entry, 'dropped');
    }
    entry.retryAfter = upstream.headers.get('retry-after');
    this.answer(res, entry, upstream.status, text);
  }

  private answer(res: ServerResponse, entry: ProxiedRequest, status: number, text: string): void {
    // A client that gave up (its timeout) while the upstream answered never reads this completion: not billed.
    if (res.destroyed || res.socket === null || res.socket.destroyed) return this.end(entry, 'abandoned');
    if (status === 200) {
      const usage = (JSON.parse(text) as { usage?: { prompt_tokens: number; completion_tokens: number } }).usage;
      entry.usage = usage ? { prompt_tokens: usage.prompt_tokens, completion_tokens: usage.completion_tokens } : null;
    }
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (entry.retryAfter !== null) headers['retry-after'] = entry.retryAfter;
    res.writeHead(status, headers).end(text);
    this.end(entry, status);
  }

  private end(entry: ProxiedRequest, status: ProxiedRequest['status']): void {
    entry.status = status;
    entry.endedAt = Date.now();
  }

  private describe(body: string): ProxiedRequest {
    const messages = ((JSON.parse(body || '{}') as { messages?: { content?: string }[] }).messages ?? []).map(
      (m) => m.content ?? '',
    );
    const all = messages.join('\n');
    const batch = /^BATCH: .*$/m.exec(all)?.[0] ?? null;
    const counts = [...all.matchAll(/RECORD_COUNT:\s*(\d+)/g)];
    const range = batch ? /records=(\d+)\.\.(\d+)/.exec(batch) : null;
    return {
      n: this.log.length + 1,
      arrivedAt: Date.now(),
      endedAt: null,
      status: 'pending',
      batch,
      firstRecordIndex: range ? Number(range[1]) : null,
      recordCount: counts.length > 0 ? Number(counts[counts.length - 1]![1]) : 0,
      correction: all.includes('Your previous reply could not be used'),
      retryAfter: null,
      usage: null,
    };
  }
}

/** A chat completion the proxy answers itself, billed like the fake bills (4 characters a token). */
function completion(content: string, requestBody: string): string {
  const usage = { prompt_tokens: Math.ceil(requestBody.length / 4), completion_tokens: Math.ceil(content.length / 4) };
  return JSON.stringify({
    id: 'chatcmpl-proxy',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: 'proxy',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  });
}
