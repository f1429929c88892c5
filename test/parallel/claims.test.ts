import { describe, expect, it } from 'vitest';
import { claimAll, claimCounter, claimIfNext, claimNext, claimTasks, gatherClaimed, type Claimed } from '../../src/parallel/claims.ts';

describe('claims', () => {
  it('hand out every item once, in order, then -1', () => {
    const c = claimCounter();
    expect(c.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([0, 1, 2, 3].map(() => claimNext(c, 3))).toEqual([0, 1, 2, -1]);
    expect(claimNext(c, 3)).toBe(-1);
  });

  it('claimIfNext takes an item only when nobody has taken it or any after it', () => {
    const c = claimCounter();
    expect(claimIfNext(c, 1)).toBe(false); // item 0 not taken yet
    expect(claimIfNext(c, 0)).toBe(true);
    expect(claimIfNext(c, 0)).toBe(false); // taken
    expect(claimNext(c, 3)).toBe(1);
  });

  it('claimAll computes every item left, letting the event loop run between them when asked', async () => {
    const c = claimCounter();
    claimNext(c, 5); // item 0 taken elsewhere
    let turns = 0;
    const tick = setInterval(() => turns++, 0);
    const mine = await claimAll(c, 5, (k) => {
      const until = performance.now() + 3;
      while (performance.now() < until); // 3 ms of work
      return k * 10;
    }, true);
    clearInterval(tick);
    expect(mine).toEqual([1, 2, 3, 4].map((k) => ({ index: k, result: k * 10 })));
    expect(turns).toBeGreaterThan(0);
  });

  it('gatherClaimed returns the results in item order once all are in, without waiting for a task that never started', async () => {
    const never = new Promise<Claimed<string>[]>(() => {});
    const late = new Promise<Claimed<string>[]>((resolve) => setTimeout(() => resolve([{ index: 2, result: 'c' }, { index: 0, result: 'a' }]), 20));
    expect(await gatherClaimed(4, [{ index: 3, result: 'd' }, { index: 1, result: 'b' }], [never, late])).toEqual(['a', 'b', 'c', 'd']);
    // everything claimed here: no task is waited for
    expect(await gatherClaimed(2, [{ index: 1, result: 'y' }, { index: 0, result: 'x' }], [never])).toEqual(['x', 'y']);
  });

  it('claimTasks marks the tasks handled: one failing while this thread still claims is reported by gatherClaimed, not as an unhandled rejection', async () => {
    const theirs = claimTasks(1, () => Promise.reject(new Error('worker gone')));
    await new Promise((resolve) => setTimeout(resolve, 20)); // this thread busy meanwhile
    await expect(gatherClaimed(2, [{ index: 0, result: 1 }], theirs)).rejects.toThrow('worker gone');
  });

  it('gatherClaimed fails when a task that claimed items fails', async () => {
    const failing = Promise.reject(new Error('worker gone'));
    await expect(gatherClaimed(2, [{ index: 0, result: 1 }], [failing])).rejects.toThrow('worker gone');
  });
});
