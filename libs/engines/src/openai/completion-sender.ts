import { createHash } from 'node:crypto';
import { onAbort } from './abort-fanout';
import type { PromptPack, TokenUsage } from '@vs/contracts';
import type { AdaptiveConcurrencyLimiter, LimiterOutcome } from './adaptive-concurrency';
import type {
  ChatCompletionFailure,
  ChatCompletionRequest,
  ChatCompletionResult,
  ChatCompletionsClient,
  TokenParam,
  UsageSource,
} from './chat-completions.client';
import type { CircuitBreaker } from './circuit-breaker';
import { completionCacheKey, type CachedCompletion, type CompletionCache } from './completion-cache';

/** Optional spend limit; `pack` lets one hook serve many jobs, and a hook that ignores it still fits. */
export interface TokenBudget {
  remaining(pack: PromptPack): number;
  spend(usage: TokenUsage, pack: PromptPack): void;
}

export type SendOutcome =
  | {
      kind: 'ok';
      content: string;
      usage: TokenUsage;
      cached: boolean;
      refusal: string | null;
      finishReason: string | null;
      usageSource: UsageSource;
    }
  /** `negotiated`: refused for how it asked, and ctx.negotiate found another way to ask: send it again. */
  | { kind: 'failed'; message: string; negotiated: boolean }
  /** Every transport retry failed (unreachable, 5xx, 429, timeouts): an outage, not a verdict on the request. */
  | { kind: 'unavailable'; message: string }
  | { kind: 'budget_exhausted' };

export interface SendContext {
  pack: PromptPack;
  schemaVersion: string;
  /** Seeds the backoff jitter, so retries spread out yet a rerun waits the same. */
  jitterKey: string;
  /** The job's cancel signal: aborts the HTTP request itself. */
  signal?: AbortSignal;
  /** Also aborts waits (limiter, backoff) when a sibling batch has already failed the whole call. */
  stop?: AbortSignal;
  /** The token limit's field name as the endpoint wants it, read when the request is sent. */
  tokenParam?: () => TokenParam;
  /**
   * Told of a request refused for how it asked (response_format, token field) while its slot is still held, so
   * no request queued behind it goes out the refused way; true when there is another way to ask.
   */
  negotiate?: (refused: ChatCompletionFailure) => boolean;
}

export interface SenderCounters {
  requests: number;
  cacheHits: number;
  cacheErrors: number;
  transportRetries: number;
  transportFailures: number;
}

export interface CompletionSenderDeps {
  client: ChatCompletionsClient;
  limiter: AdaptiveConcurrencyLimiter;
  breaker: CircuitBreaker;
  cache?: CompletionCache;
  budget?: TokenBudget;
  retry: { maxTransportRetries: number; retryBaseDelayMs: number; retryMaxDelayMs: number };
}

function limiterOutcome(result: ChatCompletionResult): LimiterOutcome {
  if (result.kind === 'ok') return 'success';
  if (result.kind === 'rate_limited' || result.kind === 'server_error' || result.timedOut) return 'overload';
  return 'neutral';
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const forget = signal
      ? onAbort(signal, () => {
          clearTimeout(timer);
          reject(signal.reason);
        })
      : undefined;
    const timer = setTimeout(() => {
      forget?.();
      resolve();
    }, ms);
  });
}

/** One logical completion: cache, budget, circuit, limiter, HTTP, and transport retries, decided here only. */
export class CompletionSender {
  readonly counters: SenderCounters = {
    requests: 0,
    cacheHits: 0,
    cacheErrors: 0,
    transportRetries: 0,
    transportFailures: 0,
  };

  constructor(private readonly deps: CompletionSenderDeps) {}

  /**
   * `build` is called again once a slot is held: a request queued behind one that taught the engine how the
   * endpoint wants to be asked (response_format, token field) goes out that way, not the way it was queued.
   */
  async send(build: () => ChatCompletionRequest, ctx: SendContext): Promise<SendOutcome> {
    const { client, limiter, breaker, cache, budget, retry } = this.deps;
    const keyOf = (r: ChatCompletionRequest): string | null =>
      cache
        ? completionCacheKey({ ...r, response_format: r.response_format, schema_version: ctx.schemaVersion })
        : null;
    const key = keyOf(build());
    const hit = key ? await this.cached(key) : null;
    // Refusals are never stored, so a hit is an answer; it is read exactly as it was when it was live.
    if (hit) return { kind: 'ok', ...hit, cached: true, refusal: null };
    let last: ChatCompletionFailure | null = null;
    let sentKey = key;
    for (let attempt = 0; attempt <= retry.maxTransportRetries; attempt++) {
      if (last) {
        this.counters.transportRetries++;
        // With Retry-After the limiter holds every request back; otherwise exponential backoff, full jitter.
        if (last.retryAfterMs === null) await sleep(this.backoffMs(attempt, ctx.jitterKey), ctx.stop);
      }
      breaker.assertClosed();
      await limiter.acquire(ctx.stop);
      // Budget checked once a slot is held, so requests queued behind a spending one see its spend.
      if (budget && budget.remaining(ctx.pack) <= 0) {
        limiter.release('neutral');
        return { kind: 'budget_exhausted' };
      }
      let result: ChatCompletionResult;
      try {
        breaker.assertClosed(); // it may have opened while this request queued
        this.counters.requests++;
        const request = build();
        sentKey = keyOf(request);
        result = await client.complete(request, ctx.signal, ctx.tokenParam?.());
      } catch (error) {
        limiter.release('neutral');
        throw error;
      }
      const negotiated =
        result.kind === 'client_error' && (result.formatRejected || result.tokenParamRejected)
          ? (ctx.negotiate?.(result) ?? false)
          : false;
      limiter.release(limiterOutcome(result), result.kind === 'rate_limited' ? result.retryAfterMs : null);
      if (result.kind === 'ok') {
        breaker.recordSuccess();
        budget?.spend(result.usage, ctx.pack);
        // A refusal is not kept: a rerun asks again, and a model (or its filter) may answer then.
        if (sentKey && !result.refusal && result.finishReason !== 'content_filter') {
          const { content, usage, finishReason, usageSource } = result;
          await this.store(sentKey, { content, usage, finishReason, usageSource });
        }
        return {
          kind: 'ok',
          content: result.content,
          usage: result.usage,
          cached: false,
          refusal: result.refusal,
          finishReason: result.finishReason,
          usageSource: result.usageSource,
        };
      }
      if (result.kind === 'cancelled') throw ctx.signal?.reason ?? new Error(result.message);
      if (!result.retriable) {
        return { kind: 'failed', message: result.message, negotiated };
      }
      last = result;
    }
    this.counters.transportFailures++;
    const message = `gave up after ${retry.maxTransportRetries + 1} attempts: ${last?.message}`;
    breaker.recordFailure(message);
    return { kind: 'unavailable', message };
  }

  private backoffMs(attempt: number, jitterKey: string): number {
    const { retryBaseDelayMs, retryMaxDelayMs } = this.deps.retry;
    const ceiling = Math.min(retryMaxDelayMs, retryBaseDelayMs * 2 ** (attempt - 1));
    const unit = createHash('sha256').update(`${jitterKey}#${attempt}`).digest().readUInt32BE(0) / 2 ** 32;
    return Math.floor(unit * ceiling);
  }

  // The cache saves money but must never stop generation: its failures count as misses.
  private async cached(key: string): Promise<CachedCompletion | null> {
    try {
      const hit = await this.deps.cache?.get(key);
      if (hit) this.counters.cacheHits++;
      return hit ?? null;
    } catch {
      this.counters.cacheErrors++;
      return null;
    }
  }

  private async store(key: string, completion: CachedCompletion): Promise<void> {
    try {
      await this.deps.cache?.put(key, completion);
    } catch {
      this.counters.cacheErrors++;
    }
  }
}
