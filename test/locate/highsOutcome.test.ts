import { describe, expect, it } from 'vitest';
import { highsStatusName, readHighs } from '../../src/locate/solvers/highs/outcome.ts';

describe('reading a HiGHS outcome', () => {
  it('names the status codes HiGHS returns', () => {
    expect(highsStatusName(7)).toBe('optimal');
    expect(highsStatusName(8)).toBe('infeasible');
    expect(highsStatusName(13)).toBe('timeLimit');
    expect(highsStatusName(99)).toBe('status99');
  });

  it('takes an optimal status with a solution and a finite dual bound as proved', () => {
    expect(readHighs({ modelStatus: 'optimal', hasSolution: true, dualBound: 5 })).toEqual({ failed: false, optimal: true, infeasible: false, hitLimit: false, hasSolution: true, hasBound: true, label: 'optimal' });
  });

  it('counts time and iteration limits and interruptions as limits, and keeps an incumbent found before the limit', () => {
    for (const s of ['timeLimit', 'iterationLimit', 'interrupted']) expect(readHighs({ modelStatus: s, hasSolution: true, dualBound: NaN })).toMatchObject({ hitLimit: true, optimal: false, hasSolution: true, hasBound: false });
    expect(readHighs({ modelStatus: 'unknown' }).hitLimit).toBe(false);
  });

  it('reads a proof of infeasibility', () => {
    expect(readHighs({ modelStatus: 'infeasible', hasSolution: false, dualBound: NaN })).toMatchObject({ infeasible: true, optimal: false, hasSolution: false });
  });

  it('trusts nothing from a failed worker and labels the run with its message', () => {
    const o = readHighs({ modelStatus: 'optimal', hasSolution: true, dualBound: 3, failure: 'HiGHS worker killed after 60 s' });
    expect(o).toEqual({ failed: true, optimal: false, infeasible: false, hitLimit: false, hasSolution: false, hasBound: false, label: 'HiGHS worker killed after 60 s' });
  });
});
