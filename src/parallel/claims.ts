/**
 * Work items claimed one at a time through a counter in shared memory, by this thread and by workers
 * alike: each claim takes the next item nobody has taken, so whoever is free takes the next one and no
 * item is taken twice. What is computed must not depend on who claimed what (the caller merges the
 * results by item number). This folder is a leaf: it imports no domain code.
 */

/** A fresh claim counter (no item taken yet), in shared memory so that workers can claim from it too. */
export function claimCounter(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

/** Claim the next of `count` items: its number, or -1 when every item is taken. */
export function claimNext(counter: Int32Array, count: number): number {
  const k = Atomics.add(counter, 0, 1);
  return k < count ? k : -1;
}

/** Let the event loop run (a thread that claims between its turns lets its replies and dispatches through). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
