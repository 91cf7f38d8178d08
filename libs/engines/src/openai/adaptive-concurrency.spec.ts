import { describe, expect, it } from 'vitest';
import { AdaptiveConcurrencyLimiter, type LimiterClock } from './adaptive-concurrency';

/** A clock the spec moves by hand; sleeps resolve when time passes their deadline. */
class ManualClock implements LimiterClock {
  private time = 0;
  private readonly sleepers: { until: number; wake(): void }[] = [];
  now(): number {
    return this.time;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.sleepers.push({ until: this.time + ms, wake }));
  }
  async advance(ms: number): Promise<void> {
    this.time += ms;
    for (const s of this.sleepers.filter((s) => s.until <= this.time)) {
      this.sleepers.splice(this.sleepers.indexOf(s), 1);
      s.wake();
    }
    await new Promise((r) => setImmediate(r));
  }
}

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

describe(AdaptiveConcurrencyLimiter.name, () => {
  it('halves on overload down to minInFlight and grows by one per success up to maxInFlight', () => {
    const limiter = new AdaptiveConcurrencyLimiter({ maxInFlight: 8, minInFlight: 2 }, new ManualClock());
    const cycle = (outcome: 'success' | 'overload'): void => {
      void limiter.acquire();
      limiter.release(outcome);
    };
    cycle('overload');
    expect(limiter.stats().limit).toBe(4);
    cycle('overload');
    cycle('overload');
    expect(limiter.stats().limit).toBe(2);
    cycle('success');
    expect(limiter.stats().limit).toBe(3);
    for (let i = 0; i < 10; i++) cycle('success');
    expect(limiter.stats().limit).toBe(8);
  });

  it('queues callers beyond the limit and admits them as slots free', async () => {
    const limiter = new AdaptiveConcurrencyLimiter({ maxInFlight: 2, minInFlight: 1 }, new ManualClock());
    const admitted: number[] = [];
    for (const n of [1, 2, 3]) void limiter.acquire().then(() => admitted.push(n));
    await flush();
    expect(admitted).toEqual([1, 2]);
    expect(limiter.stats().queued).toBe(1);
    limiter.release('neutral');
    await flush();
    expect(admitted).toEqual([1, 2, 3]);
  });

  it('starts no request before a Retry-After pause has passed', async () => {
    const clock = new ManualClock();
    const limiter = new AdaptiveConcurrencyLimiter({ maxInFlight: 4, minInFlight: 1 }, clock);
    await limiter.acquire();
    limiter.release('overload', 1_000);
    let admitted = false;
    void limiter.acquire().then(() => (admitted = true));
    await clock.advance(999);
    expect(admitted).toBe(false);
    await clock.advance(1);
    expect(admitted).toBe(true);
    expect(limiter.stats()).toMatchObject({ pauses: 1, waitedMs: 1_000, limit: 2 });
  });

  it('rejects a queued acquire when its signal aborts, and forgets it', async () => {
    const limiter = new AdaptiveConcurrencyLimiter({ maxInFlight: 1, minInFlight: 1 }, new ManualClock());
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    expect(limiter.stats().queued).toBe(0);
  });
});
