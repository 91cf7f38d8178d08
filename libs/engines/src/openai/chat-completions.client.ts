import type { TokenUsage } from '@vs/contracts';
import type { ChatMessage, ResponseFormat } from './prompt-builder';

export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  temperature: number;
  max_tokens: number;
  response_format?: ResponseFormat;
}

export interface ChatCompletionOk {
  kind: 'ok';
  content: string;
  usage: TokenUsage;
  finishReason: string | null;
}

export type ChatCompletionFailureKind =
  'rate_limited' | 'server_error' | 'transport_error' | 'client_error' | 'cancelled';

export interface ChatCompletionFailure {
  kind: ChatCompletionFailureKind;
  retriable: boolean;
  status: number | null;
  /** From Retry-After, when the server said how long to back off. */
  retryAfterMs: number | null;
  timedOut: boolean;
  message: string;
}

export type ChatCompletionResult = ChatCompletionOk | ChatCompletionFailure;

export interface ChatCompletionsEndpoint {
  baseUrl: string;
  apiKey?: string;
  requestTimeoutMs: number;
}

/** Retry-After is either delay-seconds or an HTTP-date; fractional seconds are tolerated. */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function failure(
  kind: ChatCompletionFailureKind,
  message: string,
  extra: Partial<ChatCompletionFailure> = {},
): ChatCompletionFailure {
  const retriable = kind === 'rate_limited' || kind === 'server_error' || kind === 'transport_error';
  return { kind, retriable, status: null, retryAfterMs: null, timedOut: false, message, ...extra };
}

/** The LLM HTTP boundary: one POST to /chat/completions, classified so callers decide retries in one place. */
export class ChatCompletionsClient {
  private readonly url: string;

  constructor(
    private readonly endpoint: ChatCompletionsEndpoint,
    private readonly now: () => number = Date.now,
  ) {
    this.url = `${endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  }

  async complete(request: ChatCompletionRequest, signal?: AbortSignal): Promise<ChatCompletionResult> {
    const timeout = AbortSignal.timeout(this.endpoint.requestTimeoutMs);
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (this.endpoint.apiKey) headers.authorization = `Bearer ${this.endpoint.apiKey}`;
    let status: number;
    let body: string;
    let retryAfter: string | null;
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(request),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      body = await response.text();
    } catch (error) {
      if (signal?.aborted) return failure('cancelled', 'llm: cancelled');
      if (timeout.aborted) {
        return failure('transport_error', `timeout after ${this.endpoint.requestTimeoutMs}ms`, { timedOut: true });
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return failure(
        'transport_error',
        `connection failed: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
      );
    }
    const snippet = body.slice(0, 200);
    if (status === 429) {
      return failure('rate_limited', `rate limited (429): ${snippet}`, {
        status,
        retryAfterMs: parseRetryAfter(retryAfter, this.now()),
      });
    }
    if (status >= 500) return failure('server_error', `server error (${status}): ${snippet}`, { status });
    if (status < 200 || status >= 300)
      return failure('client_error', `request rejected (${status}): ${snippet}`, { status });
    return this.readCompletion(body, status);
  }

  private readCompletion(body: string, status: number): ChatCompletionResult {
    try {
      const parsed = JSON.parse(body) as {
        choices?: { message?: { content?: string | null }; finish_reason?: string | null }[];
        usage?: Partial<TokenUsage>;
      };
      const choice = parsed.choices?.[0];
      if (!choice?.message) throw new Error('no choices[0].message');
      return {
        kind: 'ok',
        content: choice.message.content ?? '',
        usage: {
          prompt_tokens: parsed.usage?.prompt_tokens ?? 0,
          completion_tokens: parsed.usage?.completion_tokens ?? 0,
        },
        finishReason: choice.finish_reason ?? null,
      };
    } catch (error) {
      // A 2xx without a chat completion in it is a broken gateway, not a bad model answer: retry it.
      return failure('server_error', `malformed completion envelope: ${(error as Error).message}`, { status });
    }
  }
}
