import { CircuitOpenError } from './openai-errors';

export type CircuitState = 'closed' | 'open' | 'half_open';

/**
 * Stops calling an endpoint that keeps failing (after transport retries), so jobs pause with a retriable
 * error instead of burning retries. After the cooldown one probe is let through: success closes, failure reopens.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private lastFailure: string | null = null;

  constructor(
    private readonly options: { failureThreshold: number; cooldownMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  state(): CircuitState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.options.cooldownMs ? 'half_open' : 'open';
  }

  /** Throws CircuitOpenError while open; half-open lets requests through as probes. */
  assertClosed(): void {
    if (this.state() !== 'open') return;
    const retryInMs = (this.openedAt as number) + this.options.cooldownMs - this.now();
    throw new CircuitOpenError(retryInMs, this.options.cooldownMs, this.lastFailure);
  }

  recordSuccess(): void {
    this.failures = 0;
    this.openedAt = null;
    this.lastFailure = null;
  }

  /** `reason` is kept so a paused job can say why the endpoint was paused. */
  recordFailure(reason?: string): void {
    this.failures++;
    this.lastFailure = reason ?? this.lastFailure;
    // A failed probe reopens at once; otherwise open on the threshold-th consecutive failure.
    if (this.state() === 'half_open' || this.failures >= this.options.failureThreshold) this.openedAt = this.now();
  }
}
