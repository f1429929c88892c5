import { describe, expect, it } from 'vitest';
import { gini, sortNonNegativeFloat32 } from '../../src/simulate/gini.ts';

describe('Gini index', () => {
  it('is 0 when everybody walks the same time', () => {
    expect(gini([5, 5, 5, 5])).toBe(0);
  });
  it('is (n-1)/n when one resident carries all the walking', () => {
    expect(gini([0, 0, 0, 12])).toBeCloseTo(0.75, 12);
  });
  it('sorts walking times by radix exactly as a comparison sort does', () => {
    const x = Float32Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 4999) / 37);
    expect([...sortNonNegativeFloat32(x)]).toEqual([...x].sort((a, b) => a - b));
    expect(gini(x)).toBeCloseTo(gini(Array.from(x)), 12);
  });
  it('matches the mean-absolute-difference definition', () => {
    const x = [1, 3, 7, 2, 9, 4];
    let mad = 0;
    for (const a of x) for (const b of x) mad += Math.abs(a - b);
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    expect(gini(x)).toBeCloseTo(mad / (2 * x.length * x.length * mean), 12);
  });
});
