import { TransientError } from '@vs/contracts';

/**
 * The endpoint failed too often in a row; work is paused instead of piling requests onto it.
 * Transient (retriable), so the consumer base retries the pack later rather than dead-lettering it.
 */
export class CircuitOpenError extends TransientError {
  constructor(readonly retryInMs: number) {
    super(`llm: endpoint paused after repeated failures; retrying in ${Math.ceil(retryInMs / 1000)}s`);
  }
}
