/**
 * One 'abort' listener per signal, fanning out to callbacks held in a Set. Every queued batch of a pack waits on
 * the pack's one stop signal (800 for an 800-record pack of 1-record requests), and an EventTarget removes a
 * listener by a linear search of its list: each batch leaving the queue paid for all the others still in it.
 */
const fanouts = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `callback` once when `signal` aborts (not if it already has); the returned function forgets it, in O(1). */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = fanouts.get(signal);
  if (!callbacks) {
    const fresh = new Set<() => void>();
    callbacks = fresh;
    fanouts.set(signal, fresh);
    signal.addEventListener(
      'abort',
      () => {
        fanouts.delete(signal);
        for (const call of [...fresh]) call();
      },
      { once: true },
    );
  }
  callbacks.add(callback);
  const held = callbacks;
  return () => void held.delete(callback);
}
