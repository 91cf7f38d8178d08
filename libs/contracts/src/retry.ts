import { classifyError } from './errors';

/** kafkajs's retry settings, in its words: the first wait, the jitter factor, the growth and the longest wait. */
export interface BackoffOptions {
  /** The first wait, before jitter. */
  initialRetryTime?: number;
  /** Jitter: each wait is drawn from ±factor around its nominal value. */
  factor?: number;
  /** Each nominal wait is the previous one times this. */
  multiplier?: number;
  /** No single wait is longer than this. */
  maxRetryTime?: number;
}

const DEFAULTS: Required<BackoffOptions> = { initialRetryTime: 300, factor: 0.2, multiplier: 2, maxRetryTime: 30_000 };

/** Exponential back-off with jitter, as kafkajs's `src/retry` computes it; `reset` after a success. */
export class Backoff {
  private readonly options: Required<BackoffOptions>;
  private nominal: number;
  attempts = 0;

  constructor(
    options: BackoffOptions = {},
    private readonly random: () => number = Math.random,
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.nominal = this.options.initialRetryTime;
  }

  /** The wait before the next attempt. */
  next(): number {
    const { factor, multiplier, maxRetryTime } = this.options;
    const delta = factor * this.nominal;
    const wait = Math.min(Math.ceil(this.nominal - delta + this.random() * 2 * delta), maxRetryTime);
    this.nominal = Math.min(this.nominal * multiplier, maxRetryTime);
    this.attempts++;
    return wait;
  }

  reset(): void {
    this.nominal = this.options.initialRetryTime;
    this.attempts = 0;
  }
}

export interface RetryOptions extends BackoffOptions {
  /** Give up on a transient cause once this long has passed since the first attempt (default 30 s). */
  maxElapsedMs?: number;
  /** Called before each wait, with what failed and how long the wait is. */
  onRetry?: (event: { error: unknown; attempt: number; delayMs: number; elapsedMs: number }) => void;
  /** How to wait (a consumer heartbeats while it waits). */
  sleep?: (ms: number) => Promise<void>;
}

/** Retries ran out on a transient cause: still transient (the caller pauses), never a verdict on the input. */
export class RetriesExhaustedError extends Error {
  readonly retriable = true;

  constructor(
    readonly attempts: number,
    readonly elapsedMs: number,
    cause: unknown,
  ) {
    super(`gave up after ${attempts} attempts in ${Math.round(elapsedMs / 1000)}s: ${(cause as Error)?.message}`, {
      cause,
    });
    this.name = 'RetriesExhaustedError';
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one retry loop: runs `work`, retries a transient cause (as `classifyError` decides) with back-off and
 * jitter until `maxElapsedMs`, then throws `RetriesExhaustedError`; a permanent cause is thrown at once.
 */
export async function retry<T>(work: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const backoff = new Backoff(options);
  const started = Date.now();
  const maxElapsedMs = options.maxElapsedMs ?? 30_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (!classifyError(error).transient) throw error;
      const elapsedMs = Date.now() - started;
      if (elapsedMs >= maxElapsedMs) throw new RetriesExhaustedError(attempt, elapsedMs, error);
      const delayMs = Math.min(backoff.next(), Math.max(1, maxElapsedMs - elapsedMs));
      options.onRetry?.({ error, attempt, delayMs, elapsedMs });
      await (options.sleep ?? sleep)(delayMs);
    }
  }
}
