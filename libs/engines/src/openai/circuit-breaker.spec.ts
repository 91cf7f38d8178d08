import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker';
import { CircuitOpenError } from './openai-errors';

describe(CircuitBreaker.name, () => {
  let now = 0;
  const breaker = (): CircuitBreaker => new CircuitBreaker({ failureThreshold: 3, cooldownMs: 10_000 }, () => now);

  it('opens on the threshold-th consecutive failure and says how long it is paused', () => {
    now = 0;
    const subject = breaker();
    subject.recordFailure();
    subject.recordFailure();
    expect(subject.state()).toBe('closed');
    subject.recordFailure();
    now = 2_500;
    expect(() => subject.assertClosed()).toThrow(CircuitOpenError);
    expect(() => subject.assertClosed()).toThrow('retrying in 8s');
  });

  it('counts only consecutive failures', () => {
    now = 0;
    const subject = breaker();
    subject.recordFailure();
    subject.recordFailure();
    subject.recordSuccess();
    subject.recordFailure();
    expect(subject.state()).toBe('closed');
  });

  it('goes half-open after the cooldown: a failed probe reopens, a good one closes', () => {
    now = 0;
    const subject = breaker();
    for (let i = 0; i < 3; i++) subject.recordFailure();
    now = 10_000;
    expect(subject.state()).toBe('half_open');
    expect(() => subject.assertClosed()).not.toThrow();
    subject.recordFailure();
    expect(subject.state()).toBe('open');
    now = 20_000;
    subject.recordSuccess();
    expect(subject.state()).toBe('closed');
  });
});
