import { describe, expect, it } from 'vitest';
import { classifyError, InvalidInputError, isRetriable, PoisonMessageError, TransientError } from './errors';
import { Backoff, retry, RetriesExhaustedError } from './retry';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code, severity: 'ERROR' });

describe(isRetriable.name, () => {
  it('trusts the flag of our own errors', () => {
    expect(isRetriable(new TransientError('broker down'))).toBe(true);
    expect(isRetriable(new PoisonMessageError('undecodable'))).toBe(false);
    expect(isRetriable(new InvalidInputError('bad'))).toBe(false);
  });

  it('retries PostgreSQL connection loss, deadlocks and shutdowns but not data or integrity errors', () => {
    expect(isRetriable(pgError('08006'))).toBe(true);
    expect(isRetriable(pgError('40P01'))).toBe(true);
    expect(isRetriable(pgError('57P01'))).toBe(true);
    expect(isRetriable(pgError('22P02'))).toBe(false);
    expect(isRetriable(pgError('23505'))).toBe(false);
    expect(isRetriable(pgError('42703'))).toBe(false);
  });

  it('never retries a programming error, and treats unknown driver errors as transient', () => {
    expect(isRetriable(new TypeError('x is undefined'))).toBe(false);
    expect(isRetriable(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetriable(Object.assign(new Error('pipe'), { code: 'EPIPE' }))).toBe(true);
  });
});

const kafkaError = (name: string, retriable: boolean, cause?: unknown) =>
  Object.assign(new Error(name), { name, retriable, ...(cause ? { cause } : {}) });

describe(classifyError.name, () => {
  it('names the dependency an outage waits for', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9092'), { code: 'ECONNREFUSED' });
    expect(classifyError(kafkaError('KafkaJSNumberOfRetriesExceeded', false, refused))).toEqual({
      transient: true,
      dependency: 'Kafka',
    });
    expect(classifyError(kafkaError('KafkaJSConnectionError', true))).toEqual({ transient: true, dependency: 'Kafka' });
    expect(classifyError(pgError('57P01'))).toEqual({ transient: true, dependency: 'PostgreSQL' });
    expect(classifyError(Object.assign(new Error('x'), { code: '55000', severity: 'FATAL' })).transient).toBe(true);
    expect(classifyError(new Error('Connection terminated unexpectedly'))).toEqual({
      transient: true,
      dependency: 'PostgreSQL',
    });
    expect(classifyError(new TransientError('down', { dependency: 'schema registry' })).dependency).toBe(
      'schema registry',
    );
    expect(classifyError(Object.assign(new Error('Bad gateway'), { status: 502 }))).toEqual({
      transient: true,
      dependency: 'schema registry',
    });
    expect(classifyError(new TypeError('fetch failed', { cause: refused })).transient).toBe(true);
  });

  it('calls what retrying cannot fix permanent', () => {
    const tooLarge = Object.assign(kafkaError('KafkaJSProtocolError', false), { type: 'MESSAGE_TOO_LARGE' });
    expect(classifyError(kafkaError('KafkaJSNonRetriableError', false, tooLarge)).transient).toBe(false);
    expect(classifyError(new Error('invalid "string": undefined')).transient).toBe(false);
    expect(classifyError(new PoisonMessageError('foreign frame')).transient).toBe(false);
    expect(classifyError(Object.assign(new Error('no subject'), { status: 404 })).transient).toBe(false);
    expect(classifyError(new RetriesExhaustedError(3, 30_000, pgError('08006')))).toEqual({
      transient: true,
      dependency: 'PostgreSQL',
    });
  });
});

describe(retry.name, () => {
  it('retries a transient cause with growing waits and throws a permanent one at once', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await retry(
      async () => {
        if (++calls < 4) throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
        return 'done';
      },
      { initialRetryTime: 100, sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('done');
    expect(waits).toHaveLength(3);
    expect(waits[2]!).toBeGreaterThan(waits[0]!);
    await expect(
      retry(async () => {
        calls++;
        throw new PoisonMessageError('never');
      }),
    ).rejects.toBeInstanceOf(PoisonMessageError);
    expect(calls).toBe(5);
  });

  it('gives up on a transient cause after the max retry time, still transient', async () => {
    const failing = retry(async () => Promise.reject(pgError('08006')), { maxElapsedMs: 50, initialRetryTime: 10 });
    await expect(failing).rejects.toBeInstanceOf(RetriesExhaustedError);
  });
});

describe(Backoff.name, () => {
  it('grows by the multiplier within ±factor and never waits longer than the max retry time', () => {
    const backoff = new Backoff({ initialRetryTime: 100, factor: 0.2, multiplier: 2, maxRetryTime: 1000 }, () => 1);
    expect([1, 2, 3, 4, 5].map(() => backoff.next())).toEqual([120, 240, 480, 960, 1000]);
    backoff.reset();
    expect(backoff.next()).toBe(120);
  });
});

describe('classifyError on LLM outages', () => {
  it('names the LLM endpoint for the engine’s outage errors', () => {
    class LlmEndpointUnavailableError extends TransientError {}
    expect(classifyError(new LlmEndpointUnavailableError('gave up'))).toEqual({
      transient: true,
      dependency: 'LLM endpoint',
    });
  });
});
