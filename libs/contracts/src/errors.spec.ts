import { describe, expect, it } from 'vitest';
import { InvalidInputError, isRetriable, PoisonMessageError, TransientError } from './errors';

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
