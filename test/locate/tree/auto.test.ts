import { describe, expect, it } from 'vitest';
import { randomMclp } from '../../../src/locate/instances/randomMclp.ts';
import { solveCoverage } from '../../../src/locate/solvers/solveCoverage.ts';
import { objectiveWeight, selectionToMask } from '../../../src/locate/model/evaluate.ts';

describe('auto with its branch-and-bound (LP probing off) on a mid-size random MCLP', () => {
  const inst = randomMclp({ n: 4000, m: 300, p: 15, seed: 1 });

  it('proves the optimum the monolithic MILP proves, with the same sites and tree on one thread and on two', async () => {
    const exact = await solveCoverage(inst, { solver: 'exact', timeLimit: 60 });
    const one = await solveCoverage(inst, { solver: 'auto', timeLimit: 60, threads: 1, probe: false });
    const two = await solveCoverage(inst, { solver: 'auto', timeLimit: 60, threads: 2, probe: false });
    expect(exact.status).toBe('optimal');
    for (const r of [one, two]) {
      expect(r.status, r.notes.join(' | ')).toBe('optimal');
      expect(r.objective).toBe(exact.objective);
      expect(objectiveWeight(inst, selectionToMask(inst.nOptions, r.selected))).toBe(r.objective);
      expect(r.notes.some((n) => n.startsWith('tree: exhausted')), r.notes.join(' | ')).toBe(true);
    }
    expect(two.selected).toEqual(one.selected);
    expect(two.notes.filter((n) => n.startsWith('tree:'))).toEqual(one.notes.filter((n) => n.startsWith('tree:')));
  }, 240_000);
});
