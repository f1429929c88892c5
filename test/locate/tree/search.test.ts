import { describe, expect, it } from 'vitest';
import { branchAndBound, treeApplies } from '../../../src/locate/solvers/tree/search.ts';
import { poolBatchSolver } from '../../../src/locate/solvers/tree/parallelBatch.ts';
import { randomMclp } from '../../../src/locate/instances/randomMclp.ts';
import { objectiveWeight, preCoveredWeight, selectionToMask, violations } from '../../../src/locate/model/evaluate.ts';
import { createPool } from '../../../src/parallel/pool.ts';
import { bruteForce, randomCoverage } from '../fixtures.ts';

const SHAPES = [
  { name: 'plain MCLP', o: { nUnits: 40, nOptions: 10, p: 3 } },
  { name: 'MCLP with a predefined site and pre-covered units', o: { nUnits: 40, nOptions: 10, p: 3, must: true, preCovered: true } },
  { name: 'sparse MCLP with p = 4', o: { nUnits: 60, nOptions: 12, p: 4, coverProb: 0.12 } },
  { name: 'dense MCLP with p = 2', o: { nUnits: 30, nOptions: 9, p: 2, coverProb: 0.5 } },
];
const SEEDS = Array.from({ length: 8 }, (_, i) => `tree${i}`);

describe('branch-and-bound over the options', () => {
  describe.each(SHAPES)('on small random instances: $name', ({ o }) => {
    it.each(SEEDS)('seed %s: proves the brute-force optimum, and every bound it reports bounds it', async (seed) => {
      const inst = randomCoverage(`${seed}:${JSON.stringify(o)}`, o);
      expect(treeApplies(inst)).toBe(true);
      const brute = bruteForce(inst);
      const opt = { objective: brute.objective - preCoveredWeight(inst) }; // the tree counts no pre-covered weight
      const r = await branchAndBound(inst, { deadline: Infinity, batch: 3, nodeIterations: 20 });
      const where = `${r.status} ${r.objective} bound ${r.bound}, optimum ${opt.objective}`;
      expect(r.status, where).toBe('optimal');
      expect(r.objective, where).toBe(opt.objective);
      expect(violations(inst, selectionToMask(inst.nOptions, r.selection))).toEqual([]);
      expect(objectiveWeight(inst, selectionToMask(inst.nOptions, r.selection))).toBe(r.objective);
      expect(r.bound, where).toBeGreaterThanOrEqual(opt.objective);
      expect(r.bound, where).toBeLessThan(opt.objective + 1);
      expect(r.rootBound, where).toBeGreaterThanOrEqual(opt.objective - 1e-9);
      // Cut short after one batch: still a valid bound, and no 'optimal' unless the tree was exhausted.
      const cut = await branchAndBound(inst, { deadline: Infinity, batch: 1, maxNodes: 1, rootIterations: 5 });
      expect(cut.bound, `${cut.status} bound ${cut.bound}`).toBeGreaterThanOrEqual(opt.objective);
      if (cut.status === 'optimal') expect(cut.objective).toBe(opt.objective);
      // With the optimum given as a cutoff, nothing better is found and the bound stays below optimum + 1.
      const proof = await branchAndBound(inst, { deadline: Infinity, cutoff: opt.objective });
      expect(proof.status).toBe('optimal');
      expect(proof.objective).toBeLessThanOrEqual(opt.objective);
      expect(Math.max(proof.bound, opt.objective)).toBeLessThan(opt.objective + 1);
    });
  });

  it('refuses instances with side constraints (auto keeps its LP probing and HiGHS for them)', () => {
    expect(treeApplies(randomCoverage('b', { nUnits: 20, nOptions: 6, budget: true }))).toBe(false);
    expect(treeApplies(randomCoverage('e', { nUnits: 20, nOptions: 6, p: 2, equity: true }))).toBe(false);
    expect(treeApplies(randomCoverage('c', { nUnits: 20, nOptions: 6, p: 2, classes: true }))).toBe(false);
    expect(treeApplies(randomCoverage('g', { nUnits: 20, nOptions: 6, p: 2, groups: true }))).toBe(false);
  });

  it('builds the same tree on 1 thread and on 2 worker threads', async () => {
    const inst = randomMclp({ n: 2000, m: 150, p: 10, seed: 4, minShare: 0.08, maxShare: 0.08, geometry: 'torus' });
    const one = await branchAndBound(inst, { deadline: Infinity, maxNodes: 48 });
    const pool = createPool(2);
    try {
      const two = await branchAndBound(inst, { deadline: Infinity, maxNodes: 48, solveBatch: poolBatchSolver(inst, pool, 2) });
      expect(two).toEqual(one);
    } finally {
      await pool.destroy();
    }
    expect(one.nodes).toBeGreaterThan(16);
  }, 120_000);
});
