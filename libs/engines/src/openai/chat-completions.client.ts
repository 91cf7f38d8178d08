import type { TokenUsage } from '@vs/contracts';
import type { ChatMessage, ResponseFormat } from './prompt-builder';
import { errorInBody, messageParts, replyText, type BodyError, type MessageParts } from './completion-message';
import { postText } from './http-post';
import { errorBodySummary, oneLine, readEventStream } from './response-body';
import { estimateCompletionTokens, estimatePromptTokens } from './usage-estimate';
import { USER_AGENT } from './user-agent';

/** A request as the engine builds it; the client writes the token limit under the endpoint's field name. */
export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  temperature: number;
  max_tokens: number;
  response_format?: ResponseFormat;
}

export type TokenParam = 'max_tokens' | 'max_completion_tokens';

/** Where a completion's token counts came from: the server, its total alone, or our own tokenizer. */
export type UsageSource = 'reported' | 'total_only' | 'estimated';

export interface ChatCompletionOk {
  kind: 'ok';
  content: string;
  /** The model declined: OpenAI's `message.refusal`. */
  refusal: string | null;
  usage: TokenUsage;
  usageSource: UsageSource;
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
  /** A 400 refusing the request's response_format: the engine falls back one step and asks again. */
  formatRejected?: boolean;
  /** A 400 refusing the token limit's field name (max_tokens vs max_completion_tokens). */
  tokenParamRejected?: boolean;
}

export type ChatCompletionResult = ChatCompletionOk | ChatCompletionFailure;

export interface ChatCompletionsEndpoint {
  baseUrl: string;
  apiKey?: string;
  requestTimeoutMs: number;
  /** Ask for an event stream (with usage in its last chunk) instead of one JSON body. */
  stream?: boolean;
}

const FORMAT_REFUSAL = /response_format|json_schema|json_object|structured output|guided|grammar|\bschema\b/i;
const TOKEN_PARAM_REFUSAL = /max_completion_tokens|max_tokens/;

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
  private readonly url: URL;

  constructor(
    private readonly endpoint: ChatCompletionsEndpoint,
    private readonly now: () => number = Date.now,
  ) {
    this.url = new URL(`${endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`);
  }

  async complete(
    request: ChatCompletionRequest,
    signal?: AbortSignal,
    tokenParam: TokenParam = 'max_tokens',
  ): Promise<ChatCompletionResult> {
    const timeout = AbortSignal.timeout(this.endpoint.requestTimeoutMs);
    const stream = this.endpoint.stream === true;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: stream ? 'text/event-stream' : 'application/json',
      'user-agent': USER_AGENT,
    };
    if (this.endpoint.apiKey) headers.authorization = `Bearer ${this.endpoint.apiKey}`;
    const { max_tokens, ...rest } = request;
    const wire = {
      ...rest,
      [tokenParam]: max_tokens,
      ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    };
    let status: number;
    let statusText: string;
    let body: string;
    let retryAfter: string | null;
    let contentType: string | null = null; // known once the status line and headers have arrived
    try {
      const reply = await postText(
        this.url,
        headers,
        JSON.stringify(wire),
        signal ? AbortSignal.any([signal, timeout]) : timeout,
        (header) => (contentType = header('content-type') ?? ''),
      );
      status = reply.status;
      statusText = reply.statusText;
      retryAfter = reply.header('retry-after');
      contentType = reply.header('content-type') ?? '';
      body = reply.body;
    } catch (error) {
      if (signal?.aborted) return failure('cancelled', 'llm: cancelled');
      if (timeout.aborted) {
        // A body still arriving when time ran out is a slow server or stream, not an unreachable one: say so.
        const arrived: string | null = contentType;
        const what = arrived !== null && /event-stream/i.test(arrived) ? 'event stream' : 'reply';
        const where = arrived !== null ? ` (LLM_TIMEOUT_MS) while the ${what} was still arriving` : '';
        return failure('transport_error', `timeout after ${this.endpoint.requestTimeoutMs}ms${where}`, {
          timedOut: true,
        });
      }
      const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
      return failure('transport_error', `connection failed: ${e.code ?? e.cause?.code ?? e.message}`);
    }
    const summary = (): string => errorBodySummary(status, body, statusText);
    if (status === 429) {
      return failure('rate_limited', `rate limited (429): ${summary()}`, {
        status,
        retryAfterMs: parseRetryAfter(retryAfter, this.now()),
      });
    }
    if (status >= 500) return failure('server_error', `server error (${status}): ${summary()}`, { status });
    if (status < 200 || status >= 300) {
      const said = summary();
      return failure('client_error', `request rejected (${status}): ${said}`, {
        status,
        formatRejected:
          (status === 400 || status === 422) && request.response_format !== undefined && FORMAT_REFUSAL.test(said),
        tokenParamRejected: status === 400 && TOKEN_PARAM_REFUSAL.test(said) && !FORMAT_REFUSAL.test(said),
      });
    }
    return this.readBody(request, body, status, contentType);
  }

  /** A 2xx body: one JSON completion, or an event stream (asked for or not); anything else fails at once. */
  private readBody(
    request: ChatCompletionRequest,
    body: string,
    status: number,
    contentType: string,
  ): ChatCompletionResult {
    const trimmed = body.trimStart();
    if (/text\/event-stream/i.test(contentType) || /^(data|event|id):/.test(trimmed)) {
      const streamed = readEventStream(body);
      if (!streamed) return failure('client_error', `unreadable event stream: ${oneLine(body, 120)}`, { status });
      if (streamed.error) return bodyFailure(streamed.error, 'an error in the event stream');
      return this.completed(request, streamed.parts, streamed.refusal, streamed.usage, streamed.finishReason);
    }
    if (/text\/html/i.test(contentType) || /^</.test(trimmed)) {
      return failure(
        'client_error',
        `not a chat completion: an HTML page ("${errorBodySummary(status, body)}"); is LLM_BASE_URL the API's /v1 address?`,
        { status },
      );
    }
    return this.readCompletion(request, body, status, contentType);
  }

  private readCompletion(
    request: ChatCompletionRequest,
    body: string,
    status: number,
    contentType: string,
  ): ChatCompletionResult {
    let parsed: {
      choices?: { message?: Record<string, unknown> | null; finish_reason?: string | null }[];
      usage?: Record<string, unknown> | null;
    };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      return failure(
        'client_error',
        `not a chat completion (content-type ${contentType || 'none'}): ${oneLine(body, 120)}`,
        { status },
      );
    }
    const said = errorInBody(parsed as Record<string, unknown>);
    if (said) return bodyFailure(said, `an error with status ${status}`);
    // A 2xx JSON without a chat completion in it is a broken gateway, not a bad model answer: retry it.
    if (Array.isArray(parsed.choices) && parsed.choices.length === 0)
      return failure('server_error', 'a completion with no choices (choices: [])', { status });
    const choice = parsed.choices?.[0];
    if (!choice?.message)
      return failure('server_error', 'malformed completion envelope: no choices[0].message', { status });
    const refusal = choice.message.refusal;
    return this.completed(
      request,
      messageParts(choice.message),
      typeof refusal === 'string' ? refusal : null,
      parsed.usage ?? null,
      choice.finish_reason ?? null,
    );
  }

  private completed(
    request: ChatCompletionRequest,
    parts: MessageParts,
    refusal: string | null,
    usage: Record<string, unknown> | null,
    finishReason: string | null,
  ): ChatCompletionOk {
    const content = replyText(parts);
    // Billed for all it wrote, thinking included, when the server does not say.
    const written = [parts.reasoning, parts.content, parts.toolArguments, refusal ?? ''].join('');
    const { usage: tokens, source } = usageOf(usage, request, written);
    return { kind: 'ok', content, refusal: refusal || null, usage: tokens, usageSource: source, finishReason };
  }
}

/**
 * A 2xx answer holding an `error` object: classed by the status it names (a gateway copies the upstream's), and
 * retried like a 5xx when it names none, since a gateway that failed to reach its upstream may reach it next time.
 */
function bodyFailure(error: BodyError, where: string): ChatCompletionFailure {
  const { status, message } = error;
  const said = `${where}${status === null ? '' : ` (${status})`}: ${message}`;
  if (status === 429) return failure('rate_limited', `rate limited, ${said}`, { status });
  if (status !== null && status < 500) return failure('client_error', `request rejected, ${said}`, { status });
  return failure('server_error', `server error, ${said}`, { status });
}

const count = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;

/** The reply's tokens: as reported, split from total_tokens alone, or estimated with a tokenizer when absent. */
export function usageOf(
  usage: Record<string, unknown> | null,
  request: ChatCompletionRequest,
  reply: string,
): { usage: TokenUsage; source: UsageSource } {
  const prompt = count(usage?.prompt_tokens ?? usage?.input_tokens);
  const completion = count(usage?.completion_tokens ?? usage?.output_tokens);
  const total = count(usage?.total_tokens);
  if (prompt !== null && completion !== null)
    return { usage: { prompt_tokens: prompt, completion_tokens: completion }, source: 'reported' };
  if (total !== null) {
    // The total is what was billed; its split is ours: the known part as said, the rest estimated then scaled.
    const promptPart =
      prompt ?? (completion !== null ? total - completion : Math.min(total, estimatePromptTokens(request.messages)));
    return {
      usage: { prompt_tokens: promptPart, completion_tokens: Math.max(0, total - promptPart) },
      source: 'total_only',
    };
  }
  return {
    usage: {
      prompt_tokens:
        prompt ??
        estimatePromptTokens(request.messages, request.response_format ? JSON.stringify(request.response_format) : ''),
      completion_tokens: completion ?? estimateCompletionTokens(reply),
    },
    source: 'estimated',
  };
}
