import { describe, expect, it } from 'vitest';
import { randomMclp } from '../../src/locate/instances/randomMclp.ts';
import { solveCoverage } from '../../src/locate/solvers/solveCoverage.ts';

describe('auto with LP probing (its tree switched off) on a mid-size random MCLP', () => {
  const inst = randomMclp({ n: 4000, m: 300, p: 15, seed: 1 });

  it('proves the same optimum as the monolithic MILP, on one thread and on two, with the same sites', async () => {
    const exact = await solveCoverage(inst, { solver: 'exact', timeLimit: 60 });
    const one = await solveCoverage(inst, { solver: 'auto', timeLimit: 60, threads: 1, tree: false });
    const two = await solveCoverage(inst, { solver: 'auto', timeLimit: 60, threads: 2, tree: false });
    expect(exact.status).toBe('optimal');
    for (const r of [one, two]) {
      expect(r.status, r.notes.join(' | ')).toBe('optimal');
      expect(r.objective).toBe(exact.objective);
      expect(r.notes.some((n) => n.startsWith('probe:')), r.notes.join(' | ')).toBe(true);
    }
    expect(two.selected).toEqual(one.selected);
    expect(two.notes.filter((n) => n.startsWith('probe:'))).toEqual(one.notes.filter((n) => n.startsWith('probe:')));
  }, 240_000);

  it('reaches the same optimum with probing switched off', async () => {
    const on = await solveCoverage(inst, { solver: 'auto', timeLimit: 60, threads: 2, tree: false });
    const off = await solveCoverage(inst, { solver: 'auto', timeLimit: 60, threads: 2, tree: false, probe: false });
    expect(off.notes.some((n) => n.startsWith('probe:'))).toBe(false);
    expect(off.status).toBe('optimal');
    expect(off.objective).toBe(on.objective);
  }, 240_000);
});
