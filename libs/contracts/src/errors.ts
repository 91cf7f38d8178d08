/**
 * The one error hierarchy. `retriable` decides, in one place (the consumer base), whether a message
 * is retried or dead-lettered; HTTP status decides what the admin API answers.
 */
export class VelocityError extends Error {
  constructor(
    message: string,
    readonly retriable: boolean,
    readonly httpStatus = 500,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input: naming the field, the problem and what is accepted. Never retried. */
export class InvalidInputError extends VelocityError {
  constructor(
    message: string,
    readonly issues: { field: string; problem: string; accepted?: string }[] = [],
  ) {
    super(message, false, 400, { issues });
  }
}

export class NotFoundError extends VelocityError {
  constructor(message: string) {
    super(message, false, 404);
  }
}

export class ConflictError extends VelocityError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, false, 409, details);
  }
}

export class ForbiddenError extends VelocityError {
  constructor(message: string) {
    super(message, false, 403);
  }
}

export class UnauthorizedError extends VelocityError {
  constructor(message: string) {
    super(message, false, 401);
  }
}

/** A dependency hiccup (broker, database, endpoint): worth retrying. */
export class TransientError extends VelocityError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, true, 503);
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** A message that can never be processed (undecodable, unknown job): dead-lettered at once. */
export class PoisonMessageError extends VelocityError {
  constructor(message: string) {
    super(message, false, 422);
  }
}

// SQLSTATE classes worth waiting out: connection, transaction rollback (serialization, deadlock),
// insufficient resources, operator intervention (shutdown), system errors. Everything else repeats.
const TRANSIENT_SQLSTATE_CLASSES = new Set(['08', '40', '53', '57', '58']);

/**
 * Whether waiting and trying again can help. Our own errors say so themselves; PostgreSQL errors are judged
 * by their SQLSTATE class; programming errors (TypeError and friends) never get better; anything else from a
 * driver (connection resets, timeouts) is treated as transient.
 */
export function isRetriable(error: unknown): boolean {
  if (error instanceof VelocityError) return error.retriable;
  if (
    error instanceof TypeError ||
    error instanceof RangeError ||
    error instanceof SyntaxError ||
    error instanceof ReferenceError
  ) {
    return false;
  }
  // pg's DatabaseError carries a severity; Node's own codes (EPIPE, ECONNRESET) do not.
  const { code, severity } = (error ?? {}) as { code?: unknown; severity?: unknown };
  if (typeof severity === 'string' && typeof code === 'string' && code.length === 5) {
    return TRANSIENT_SQLSTATE_CLASSES.has(code.slice(0, 2));
  }
  return true;
}
