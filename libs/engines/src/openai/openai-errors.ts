import { TransientError, VelocityError } from '@vs/contracts';

/**
 * The endpoint failed too often in a row; work is paused instead of piling requests onto it.
 * Transient (retriable), so the consumer base retries the pack later rather than dead-lettering it.
 */
export class CircuitOpenError extends TransientError {
  constructor(
    readonly retryInMs: number,
    /** How long each pause lasts: work paused for longer has seen a probe fail after a full pause. */
    readonly cooldownMs: number,
    readonly lastFailure: string | null = null,
  ) {
    const last = lastFailure ? ` (last: ${lastFailure.slice(0, 200)})` : '';
    super(`llm: endpoint paused after repeated failures${last}; retrying in ${Math.ceil(retryInMs / 1000)}s`);
  }

  /** For a job that is final: why the endpoint was paused, with no promise of a retry. */
  finalReason(): string {
    return `llm: endpoint paused after repeated failures${this.lastFailure ? ` (last: ${this.lastFailure.slice(0, 200)})` : ''}`;
  }
}

/**
 * The endpoint could not be reached (or kept failing) through every transport retry of a request. That is
 * an outage, not something wrong with the records: they are not rejected for it. The pack is retried,
 * the circuit breaker opens after repeated outages, and a job paused for a whole cooldown fails with the
 * reason, ready for a rerun once the endpoint is back.
 */
export class LlmEndpointUnavailableError extends TransientError {
  constructor(message: string) {
    super(`llm endpoint unavailable: ${message}`);
  }
}

/**
 * Every request of a pack failed for a reason asking again will not change (a 400 the negotiation could not get
 * round, an unreadable body, the model refusing each one): the job fails with this one-line reason and can be
 * rerun once the endpoint or the configuration is put right. Not retriable; the generator fails the job with it.
 */
export class LlmRequestsFailedError extends VelocityError {
  constructor(readonly reason: string) {
    super(reason, false, 502);
  }
}
