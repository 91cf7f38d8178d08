import { describe, expect, it } from 'vitest';
import { onAbort } from './abort-fanout';

describe('onAbort', () => {
  it('calls each callback still held once when the signal aborts, and none it was told to forget', () => {
    const controller = new AbortController();
    const called: string[] = [];
    onAbort(controller.signal, () => called.push('a'));
    const forgetB = onAbort(controller.signal, () => called.push('b'));
    onAbort(controller.signal, () => called.push('c'));
    forgetB();
    controller.abort(new Error('stop'));
    controller.abort(new Error('again'));
    expect(called).toEqual(['a', 'c']);
  });

  it('adds one listener to the signal however many callbacks wait on it', () => {
    const controller = new AbortController();
    let added = 0;
    const add = controller.signal.addEventListener.bind(controller.signal);
    controller.signal.addEventListener = ((...args: Parameters<typeof add>) => {
      added++;
      add(...args);
    }) as typeof add;
    const forgets = Array.from({ length: 1000 }, () => onAbort(controller.signal, () => undefined));
    for (const forget of forgets) forget();
    expect(added).toBe(1);
  });

  it('keeps signals apart: aborting one calls only its own callbacks', () => {
    const first = new AbortController();
    const second = new AbortController();
    const called: string[] = [];
    onAbort(first.signal, () => called.push('first'));
    onAbort(second.signal, () => called.push('second'));
    second.abort();
    expect(called).toEqual(['second']);
  });
});
