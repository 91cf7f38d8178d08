import { describe, expect, it } from 'vitest';
import { createLogger } from '@vs/logging';
import { PollingLoop } from './polling.loop';

const logger = createLogger('polling-loop-spec', 'silent');

describe(PollingLoop.name, () => {
  it('backs off after a failing sweep and returns to its interval after a successful one', async () => {
    const at: number[] = [];
    let calls = 0;
    const loop = new PollingLoop(
      'spec sweep',
      20,
      async () => {
        at.push(Date.now());
        if (++calls <= 3) throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
      },
      logger,
    );
    loop.start();
    while (calls < 6) await new Promise((r) => setTimeout(r, 20));
    await loop.stop();
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    // Three failures: waits of about 500, 1000 and 2000 ms (±20%), then the 20 ms interval again.
    expect(gaps[0]).toBeGreaterThanOrEqual(390);
    expect(gaps[1]).toBeGreaterThan(gaps[0]!);
    expect(gaps[2]).toBeGreaterThan(gaps[1]!);
    expect(gaps[4]).toBeLessThan(300);
  }, 10_000);

  it('runs one sweep at a time and stops waiting for the running one', async () => {
    let running = 0;
    let overlapped = false;
    const loop = new PollingLoop(
      'slow sweep',
      1,
      async () => {
        overlapped ||= running > 0;
        running++;
        await new Promise((r) => setTimeout(r, 30));
        running--;
      },
      logger,
    );
    loop.start();
    await new Promise((r) => setTimeout(r, 150));
    await loop.stop();
    expect(overlapped).toBe(false);
    expect(running).toBe(0);
  });
});
