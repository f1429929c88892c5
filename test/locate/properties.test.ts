import { describe, expect, it } from 'vitest';
import { solveCoverage } from '../../src/locate/solvers/solveCoverage.ts';
import { selectionToMask, violations } from '../../src/locate/model/evaluate.ts';
import type { SolverName } from '../../src/locate/model/result.ts';
import { bruteForce, constraintShapes, randomCoverage } from './fixtures.ts';

const SHAPES = constraintShapes(40, 9);
const SOLVERS: SolverName[] = ['exact', 'auto', 'greedy', 'local', 'lagrangian', 'jslp'];
const SEEDS = ['a', 'b', 'c'];

describe.each(SHAPES)('small random instances with %s', (_, shape) => {
  it.each(SEEDS)('seed %s: exact equals brute force, every answer is feasible and every bound valid and honest', async (seed) => {
    const inst = randomCoverage(`${seed}:${JSON.stringify(shape)}`, shape);
    const opt = bruteForce(inst);
    for (const solver of SOLVERS) {
      const r = await solveCoverage(inst, { solver, timeLimit: 20, seed: 7 });
      const where = `${solver}: ${r.status} ${r.objective} bound ${r.bound} (optimum ${opt.objective}) ${r.notes.join(' | ')}`;
      if (opt.objective === -Infinity) {
        expect(r.status, where).not.toBe('optimal');
        continue;
      }
      if (r.selected.length > 0 || Number.isFinite(r.objective)) {
        expect(violations(inst, selectionToMask(inst.nOptions, r.selected)), where).toEqual([]);
        expect(r.objective, where).toBeLessThanOrEqual(opt.objective + 1e-9);
      }
      expect(r.bound, where).toBeGreaterThanOrEqual(opt.objective - 1e-6);
      if (Number.isFinite(r.objective)) expect(r.gap, where).toBeCloseTo(r.status === 'optimal' ? 0 : (r.bound - r.objective) / r.bound, 12);
      if (r.status === 'optimal') expect(r.objective, where).toBe(opt.objective);
      if (solver === 'exact') {
        expect(r.status, where).toBe('optimal');
        expect(r.objective, where).toBe(opt.objective);
      }
    }
  });
});

describe('multi-start local search', () => {
  it('gives the same answer with 1 thread or 2 for the same seed and number of starts', async () => {
    const inst = randomCoverage('threads', { nUnits: 4000, nOptions: 200, p: 8, coverProb: 0.3 }); // big enough to use the pool
    const one = await solveCoverage(inst, { solver: 'local', seed: 3, starts: 6, threads: 1, timeLimit: 60 });
    const two = await solveCoverage(inst, { solver: 'local', seed: 3, starts: 6, threads: 2, timeLimit: 60 });
    expect(two.selected).toEqual(one.selected);
    expect(two.objective).toBe(one.objective);
    expect(two.notes[0]).toBe(one.notes[0]);
  });
});
