/**
 * The one error hierarchy. `retriable`, read by `classifyError` below (the one place that decides), says
 * whether a cause is retried (and then paused on) or dead-lettered; HTTP status decides what the admin API answers.
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
  constructor(message: string, options?: { cause?: unknown; dependency?: string }) {
    super(message, true, 503, options?.dependency ? { dependency: options.dependency } : {});
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** A message that can never be processed (undecodable, unknown job): dead-lettered at once. */
export class PoisonMessageError extends VelocityError {
  constructor(message: string) {
    super(message, false, 422);
  }
}

/** What a transient cause is waiting for: named on the job while a stage is paused. */
export type Dependency = 'Kafka' | 'schema registry' | 'PostgreSQL' | 'LLM endpoint' | 'a dependency';

export interface ErrorClass {
  /** Waiting and trying again can help: retry, then pause; never dead-letter, never fail a job. */
  transient: boolean;
  dependency?: Dependency;
}

// SQLSTATE classes worth waiting out: connection, transaction rollback (serialization, deadlock),
// insufficient resources, operator intervention (shutdown, terminated backend), system errors.
const TRANSIENT_SQLSTATE_CLASSES = new Set(['08', '40', '53', '57', '58']);
/** A database that does not accept connections for now (ALTER DATABASE ... ALLOW_CONNECTIONS false, maintenance). */
const TRANSIENT_SQLSTATES = new Set(['55000']);
const NETWORK_CODES =
  /^(ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|EPIPE|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|UND_ERR_\w+)$/;
/** pg and pg-pool raise these as plain Errors when a connection dies or cannot be had. */
const PG_CONNECTION_MESSAGES =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable|terminating connection/i;
/** kafkajs errors whose class says "not now" even where kafkajs itself stopped retrying. */
const KAFKAJS_TRANSIENT = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSBrokerNotFound',
  'KafkaJSGroupCoordinatorNotFound',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSStaleTopicMetadataAssignment',
  'KafkaJSTimeout',
  'KafkaJSLockTimeout',
  'KafkaJSNumberOfRetriesExceeded',
]);
/** The OpenAI-compatible engine's outage errors (libs/engines): named here so a pause says what it waits for. */
const LLM_ERRORS = new Set(['LlmEndpointUnavailableError', 'CircuitOpenError']);
const UNRECOVERABLE = new Set(['TypeError', 'RangeError', 'SyntaxError', 'ReferenceError']);

type Inspected = Error & {
  code?: unknown;
  severity?: unknown;
  status?: unknown;
  retriable?: unknown;
  type?: unknown;
  cause?: unknown;
  originalError?: unknown;
};

function chainOf(error: unknown): Inspected[] {
  const chain: Inspected[] = [];
  for (let e = error as Inspected | undefined; e && typeof e === 'object' && chain.length < 8;) {
    chain.push(e);
    e = (e.cause ?? e.originalError) as Inspected | undefined;
    if (chain.includes(e as Inspected)) break;
  }
  return chain;
}

/**
 * The one place that decides whether a cause is transient (broker, registry or PostgreSQL unreachable,
 * timeouts, leader changes: retry, then pause) or permanent (undecodable or foreign value, Avro encode
 * failure, message too large, invalid input, programming errors: dead-letter at once, fail the job).
 * Anything not recognised as an outage is permanent: a wrong guess that way fails one job with its reason,
 * where the other way blocked a partition for minutes.
 */
export function classifyError(error: unknown): ErrorClass {
  const chain = chainOf(error);
  const top = chain[0];
  if (!top) return { transient: false };
  if (top instanceof VelocityError) {
    const dependency =
      (top.details.dependency as Dependency | undefined) ?? (LLM_ERRORS.has(top.name) ? 'LLM endpoint' : undefined);
    if (top.retriable && !dependency) {
      const inner = chain
        .slice(1)
        .map(classifyOne)
        .find((c) => c?.transient && c.dependency);
      return { transient: true, dependency: inner?.dependency };
    }
    return { transient: top.retriable, ...(dependency ? { dependency } : {}) };
  }
  // The first link that says anything decides: a wrapper (fetch failed, retries exceeded) defers to its cause.
  for (const link of chain) {
    const verdict = classifyOne(link);
    if (verdict) return verdict;
  }
  return { transient: false };
}

function classifyOne(e: Inspected): ErrorClass | undefined {
  if (e instanceof VelocityError) return { transient: e.retriable, dependency: e.details.dependency as Dependency };
  const code = typeof e.code === 'string' ? e.code : '';
  if (typeof e.severity === 'string' && code.length === 5) {
    const transient = TRANSIENT_SQLSTATE_CLASSES.has(code.slice(0, 2)) || TRANSIENT_SQLSTATES.has(code);
    return { transient, dependency: 'PostgreSQL' };
  }
  if (NETWORK_CODES.test(code)) return { transient: true };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return { transient: true };
  if (PG_CONNECTION_MESSAGES.test(e.message ?? '')) return { transient: true, dependency: 'PostgreSQL' };
  if (e.name?.startsWith('KafkaJS')) {
    // kafkajs's own flag, as its retrier reads it; a protocol error names its type (MESSAGE_TOO_LARGE is not retriable).
    if (KAFKAJS_TRANSIENT.has(e.name) || e.retriable === true) return { transient: true, dependency: 'Kafka' };
    if (e.name === 'KafkaJSNonRetriableError' && e.cause) return undefined;
    return { transient: false, dependency: 'Kafka' };
  }
  if (e.name === 'RetriesExhaustedError') return undefined;
  // The registry client's ResponseError carries the HTTP status.
  if (typeof e.status === 'number') {
    return { transient: e.status >= 500 || e.status === 429 || e.status === 408, dependency: 'schema registry' };
  }
  if (UNRECOVERABLE.has(e.name) && !(e.name === 'TypeError' && /fetch failed/.test(e.message))) {
    return { transient: false };
  }
  if (/fetch failed|socket hang up/i.test(e.message ?? '')) return { transient: true };
  return undefined;
}

/** Whether waiting and trying again can help (see `classifyError`). */
export function isRetriable(error: unknown): boolean {
  return classifyError(error).transient;
}
