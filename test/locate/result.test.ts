import { describe, expect, it } from 'vitest';
import { makeResult, SOLVER_NAMES, type ResultParts } from '../../src/locate/model/result.ts';

const parts = (over: Partial<ResultParts>): ResultParts => ({
  model: 'mclp',
  solver: 'auto',
  sense: 'max',
  status: 'feasible',
  objective: 90,
  bound: 100,
  selected: [4, 1, 3],
  optionIds: ['a', 'b', 'c', 'd', 'e'],
  coveredWeight: 90,
  totalWeight: 120,
  uncoverableWeight: 5,
  timings: { local: 1 },
  t0: performance.now(),
  notes: ['local: best 90'],
  seed: 7,
  ...over,
});

describe('the one LocateResult builder', () => {
  it('sorts the selection, names its sites and reports the honest gap of an unproven result', () => {
    const r = makeResult(parts({}));
    expect(r.selected).toEqual([1, 3, 4]);
    expect(r.selectedIds).toEqual(['b', 'd', 'e']);
    expect(r.bound).toBe(100);
    expect(r.gap).toBeCloseTo(0.1, 12);
    expect(r.coveredPercent).toBe(75);
    expect(r.uncoverableWeight).toBe(5);
    expect(Object.keys(r.timings)).toEqual(['local', 'total']);
  });

  it('gives an optimal result its objective as bound and a zero gap', () => {
    const r = makeResult(parts({ status: 'optimal', objective: 99.6, bound: 100 }));
    expect(r.bound).toBe(99.6);
    expect(r.gap).toBe(0);
  });

  it('counts every client served in the assignment models, and leaves out the uncoverable weight they do not report', () => {
    const r = makeResult(parts({ model: 'pmedian', sense: 'min', objective: 10, bound: 8, coveredWeight: undefined, uncoverableWeight: undefined, totalWeight: 3 }));
    expect(r.coveredWeight).toBe(3);
    expect(r.coveredPercent).toBe(100);
    expect(r.gap).toBeCloseTo(0.25, 12);
    expect('uncoverableWeight' in r).toBe(false);
  });

  it('reports no gap (null, never Infinity) when no solution was found', () => {
    expect(makeResult(parts({ status: 'error', objective: NaN, selected: [] })).gap).toBeNull();
    expect(makeResult(parts({ status: 'infeasible', objective: NaN, bound: 161, selected: [] })).gap).toBeNull();
  });

  it('writes a missing number in its notes as none, never NaN or Infinity', () => {
    const r = makeResult(parts({ status: 'infeasible', objective: NaN, selected: [], notes: ['exact (HiGHS): infeasible, objective NaN, dual bound Infinity', 'lower bound -Infinity'] }));
    expect(r.notes).toEqual(['exact (HiGHS): infeasible, objective none, dual bound none', 'lower bound none']);
  });

  it('lists each solver once', () => {
    expect(new Set(SOLVER_NAMES).size).toBe(SOLVER_NAMES.length);
    expect(SOLVER_NAMES).toContain('auto');
  });
});
