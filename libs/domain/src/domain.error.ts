/**
 * The domain lib's error base: pure logic never retries, so every domain error says it is not
 * retriable and carries a stable code that callers (and dead-letter records) can match on.
 */
export class DomainError extends Error {
  readonly retriable = false;

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
