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

/** Claim item `k` only if it is the next one nobody has taken (a thread taking over an item before anyone else gets to it); whether it did. */
export function claimIfNext(counter: Int32Array, k: number): boolean {
  return Atomics.compareExchange(counter, 0, k, k + 1) === k;
}

/** Let the event loop run (a thread that claims between its turns lets its replies and dispatches through). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** An item's result, with its number. */
export interface Claimed<R> {
  index: number;
  result: R;
}

/**
 * Claim items one at a time until none is left, computing `work(k)` for each; with `pause`, the event
 * loop runs after each (a thread claiming beside workers lets the pool's dispatches and replies through).
 */
export async function claimAll<R>(counter: Int32Array, count: number, work: (k: number) => R, pause = false): Promise<Claimed<R>[]> {
  const done: Claimed<R>[] = [];
  for (let k = claimNext(counter, count); k >= 0; k = claimNext(counter, count)) {
    done.push({ index: k, result: work(k) });
    if (pause) await yieldToEventLoop();
  }
  return done;
}

/**
 * `n` workers' tasks made by `start`, each marked handled at once: one that fails while this thread is
 * still claiming is not an unhandled rejection (gatherClaimed still takes its failure).
 */
export function claimTasks<R>(n: number, start: () => Promise<Claimed<R>[]>): Promise<Claimed<R>[]>[] {
  return Array.from({ length: Math.max(0, n) }, () => {
    const t = start();
    t.catch(() => {});
    return t;
  });
}

/**
 * The results of all `count` items, in item order, once every one is in: `mine` (claimed here) and what
 * the workers' tasks `theirs` (claimTasks) answer. A task that has not started by then (its worker
 * busy) claims nothing when it does and is not waited for; a task that fails fails the whole.
 */
export async function gatherClaimed<R>(count: number, mine: readonly Claimed<R>[], theirs: readonly Promise<Claimed<R>[]>[]): Promise<R[]> {
  const all = [...mine];
  if (all.length < count) {
    await new Promise<void>((resolve, reject) => {
      for (const t of theirs) {
        t.then((r) => {
          all.push(...r);
          if (all.length >= count) resolve();
        }, reject);
      }
    });
  }
  all.sort((a, b) => a.index - b.index);
  return all.map((c) => c.result);
}
