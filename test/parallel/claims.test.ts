import { describe, expect, it } from 'vitest';
import { claimCounter, claimNext } from '../../src/parallel/claims.ts';

describe('claims', () => {
  it('hand out every item once, in order, then -1', () => {
    const c = claimCounter();
    expect(c.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([0, 1, 2, 3].map(() => claimNext(c, 3))).toEqual([0, 1, 2, -1]);
    expect(claimNext(c, 3)).toBe(-1);
  });
});
