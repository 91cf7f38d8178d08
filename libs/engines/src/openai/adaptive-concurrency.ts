import { onAbort } from './abort-fanout';
/** How a request that held a slot ended: success grows the window, overload (429, 5xx, timeout) halves it. */
export type LimiterOutcome = 'success' | 'overload' | 'neutral';

/** Injected so specs can drive time; the engine uses the system clock. */
export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface LimiterStats {
  limit: number;
  inFlight: number;
  queued: number;
  /** Times a Retry-After paused new requests. */
  pauses: number;
  /** Total time callers spent waiting in acquire(). */
  waitedMs: number;
}

interface Waiter {
  since: number;
  resolve(): void;
  reject(reason: unknown): void;
  detach(): void;
}

/** AIMD concurrency limiter for one endpoint: shared by every batch, so all jobs back off together. */
export class AdaptiveConcurrencyLimiter {
  private current: number;
  private active = 0;
  private pausedUntil = 0;
  private pauses = 0;
  private waitedMs = 0;
  private wakeArmed = false;
  private readonly waiters: Waiter[] = [];

  constructor(
    private readonly bounds: { maxInFlight: number; minInFlight: number },
    private readonly clock: LimiterClock = systemClock,
  ) {
    this.current = bounds.maxInFlight;
  }

  stats(): LimiterStats {
    return {
      limit: this.current,
      inFlight: this.active,
      queued: this.waiters.length,
      pauses: this.pauses,
      waitedMs: this.waitedMs,
    };
  }

  /** Resolves when a slot is free and no Retry-After pause is running; rejects if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.waiters.length === 0 && this.active < this.current && this.clock.now() >= this.pausedUntil) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { since: this.clock.now(), resolve, reject, detach: () => undefined };
      if (signal)
        waiter.detach = onAbort(signal, () => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(signal.reason);
        });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  release(outcome: LimiterOutcome, retryAfterMs: number | null = null): void {
    this.active = Math.max(0, this.active - 1);
    if (outcome === 'success') this.current = Math.min(this.bounds.maxInFlight, this.current + 1);
    if (outcome === 'overload') this.current = Math.max(this.bounds.minInFlight, Math.floor(this.current / 2));
    if (retryAfterMs !== null && retryAfterMs > 0) {
      this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + retryAfterMs);
      this.pauses++;
    }
    this.pump();
  }

  private pump(): void {
    while (this.waiters.length > 0 && this.active < this.current) {
      const wait = this.pausedUntil - this.clock.now();
      if (wait > 0) return this.wakeAfter(wait);
      const waiter = this.waiters.shift() as Waiter;
      waiter.detach();
      this.active++;
      this.waitedMs += this.clock.now() - waiter.since;
      waiter.resolve();
    }
  }

  private wakeAfter(ms: number): void {
    if (this.wakeArmed) return;
    this.wakeArmed = true;
    void this.clock.sleep(ms).then(() => {
      this.wakeArmed = false;
      this.pump();
    });
  }
}
