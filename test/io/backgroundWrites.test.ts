import { describe, expect, it } from 'vitest';
import { BackgroundWrites } from '../../src/io/backgroundWrites.ts';

const after = <T>(ms: number, value: T, fail = false): Promise<T> => new Promise((resolve, reject) => setTimeout(() => (fail ? reject(new Error(String(value))) : resolve(value)), ms));

describe('BackgroundWrites', () => {
  it('hands back each write to await its own result, in the order the job chooses', async () => {
    const bg = new BackgroundWrites();
    const slow = bg.add(after(30, 'coverage.csv.gz'));
    const fast = bg.add(after(5, 'trips.csv.gz'));
    expect([await slow, await fast]).toEqual(['coverage.csv.gz', 'trips.csv.gz']);
  });

  it('holds a failed write without an unhandled rejection until settle, which waits for every write and never throws', async () => {
    const bg = new BackgroundWrites();
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      bg.add(after(1, 'disk full', true));
      let finished = false;
      bg.add(after(25, 'ok').then(() => (finished = true)));
      await after(10, null);
      await bg.settle();
      expect(finished).toBe(true);
      await after(5, null);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('counts the wall time with at least one write in flight, overlapping writes once', async () => {
    const bg = new BackgroundWrites();
    expect(bg.busySeconds()).toBe(0);
    await Promise.all([bg.add(after(40, 1)), bg.add(after(40, 2))]);
    const busy = bg.busySeconds();
    expect(busy).toBeGreaterThanOrEqual(0.035);
    expect(busy).toBeLessThan(0.075);
    await after(30, null);
    expect(bg.busySeconds()).toBe(busy); // idle time is not counted
  });
});
