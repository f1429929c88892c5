import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverageInstance } from '../../src/locate/model/coverage.ts';
import { objectiveWeight, preCoveredWeight, selectionToMask, violations } from '../../src/locate/model/evaluate.ts';
import { sitingCoverage } from '../../src/locate/siting.ts';
import { solveCoverage } from '../../src/locate/solvers/solveCoverage.ts';
import { cityBound, reachWeight } from '../../src/optimize/cityBound.ts';
import { solveCity } from '../../src/optimize/citySolve.ts';
import { expectedDemand } from '../../src/optimize/demand.ts';
import { buildSitingModel } from '../../src/optimize/sitingModel.ts';
import { isCityScale } from '../../src/optimize/solveSiting.ts';
import { createPool, type Pool } from '../../src/parallel/pool.ts';
import { generateCity } from '../../src/scenario/generate.ts';
import { computeDistanceMatrix } from '../../src/travel/travelMatrix.ts';

/** A small generated city (about 40 idle spaces) with a budget that binds, on expected demand. */
async function smallCity(seed: number, maxConversions: number): Promise<CoverageInstance> {
  const sc = await generateCity({ residents: 20_000, seed });
  sc.budget = { maxConversions, maxCost: 2_500_000 };
  const m = buildSitingModel(sc, await computeDistanceMatrix(sc), expectedDemand(sc));
  return sitingCoverage(m.input);
}

/** Every subset of the options, for a model of at most ~16 options: the optimum without pre-covered weight. */
function bruteForce(inst: CoverageInstance): number {
  let best = -Infinity;
  for (let s = 0; s < 1 << inst.nOptions; s++) {
    const sel: number[] = [];
    for (let k = 0; k < inst.nOptions; k++) if (s & (1 << k)) sel.push(k);
    const mask = selectionToMask(inst.nOptions, sel);
    if (violations(inst, mask).length === 0) best = Math.max(best, objectiveWeight(inst, mask));
  }
  return best;
}

describe('the city-scale solve', () => {
  let pool1: Pool;
  let pool2: Pool;
  beforeAll(() => {
    pool1 = createPool(1);
    pool2 = createPool(2);
  });
  afterAll(async () => {
    await pool1.destroy();
    await pool2.destroy();
  });

  it('finds the objective of the whole-model exact solve, and its bound bounds it', async () => {
    for (const seed of [3, 4]) {
      const inst = await smallCity(seed, 6);
      const exact = await solveCoverage(inst, { solver: 'exact', timeLimit: 60 });
      expect(exact.status).toBe('optimal');
      const city = await solveCity(inst, { pool: pool2, timeLimit: 60, seed });
      expect(violations(inst, selectionToMask(inst.nOptions, city.selected))).toEqual([]);
      expect(city.objective).toBeCloseTo(exact.objective, 6);
      expect(city.bound).toBeGreaterThanOrEqual(exact.objective - 1e-6);
      // few options can beat its plan there, so the MILP on them proves it
      expect(city.status).toBe('optimal');
      // the objective is the plan's coverage recounted on the whole model
      expect(city.objective).toBeCloseTo(objectiveWeight(inst, selectionToMask(inst.nOptions, city.selected)) + preCoveredWeight(inst), 6);
    }
  }, 120_000);

  it('bounds every plan at any prices, as brute force over a small model shows', async () => {
    const full = await smallCity(5, 3);
    // the 14 options reaching the most weight, as a model of their own
    const reach = reachWeight(full);
    const keep = [...reach.keys()].sort((a, b) => reach[b] - reach[a] || a - b).slice(0, 14).sort((a, b) => a - b);
    const inst: CoverageInstance = { ...full, ...pick(full, keep) };
    const optimum = bruteForce(inst);
    for (const prices of [{ mu: 0, nu: 0 }, { mu: 50, nu: 1e-4 }, { mu: 300, nu: 0 }, { mu: 10, nu: 1e-3 }]) {
      const b = await cityBound(inst, reachWeight(inst), prices, pool1, 30);
      expect(b.unsolved).toBe(0);
      expect(b.bound).toBeGreaterThanOrEqual(optimum - 1e-6);
    }
  }, 120_000);

  it('gives the same plan and bound on 1 thread and on 2', async () => {
    const inst = await smallCity(6, 8);
    const a = await solveCity(inst, { pool: pool1, timeLimit: 60, seed: 6 });
    const b = await solveCity(inst, { pool: pool2, timeLimit: 60, seed: 6 });
    expect(b.selected).toEqual(a.selected);
    expect(b.objective).toBe(a.objective);
    expect(b.bound).toBe(a.bound);
    expect(b.notes).toEqual(a.notes);
  }, 120_000);

  it('is taken only by models of city size, and never with equity floors', async () => {
    const inst = await smallCity(3, 6);
    expect(isCityScale(inst)).toBe(false);
  }, 60_000);
});

/** The instance restricted to options `keep` (renumbered), its units' covering lists filtered. */
function pick(inst: CoverageInstance, keep: number[]): Partial<CoverageInstance> {
  const idx = new Int32Array(inst.nOptions).fill(-1);
  keep.forEach((k, i) => (idx[k] = i));
  const coverStart = new Int32Array(inst.nUnits + 1);
  const coverOptions: number[] = [];
  for (let u = 0; u < inst.nUnits; u++) {
    for (let e = inst.coverStart[u]; e < inst.coverStart[u + 1]; e++) if (idx[inst.coverOptions[e]] >= 0) coverOptions.push(idx[inst.coverOptions[e]]);
    coverStart[u + 1] = coverOptions.length;
  }
  const optStart = new Int32Array(keep.length + 1);
  const optUnits: number[] = [];
  keep.forEach((k, i) => {
    for (let e = inst.optStart[k]; e < inst.optStart[k + 1]; e++) optUnits.push(inst.optUnits[e]);
    optStart[i + 1] = optUnits.length;
  });
  const sel = <T extends Float64Array | Int32Array>(a: T): T => a.filter((_, k) => idx[k] >= 0) as T;
  return { nOptions: keep.length, coverStart, coverOptions: Int32Array.from(coverOptions), optStart, optUnits: Int32Array.from(optUnits), cost: sel(inst.cost), group: sel(inst.group), area: sel(inst.area), optionClass: sel(inst.optionClass), mustOpen: new Int32Array(0), classMin: new Int32Array(inst.nClasses), optionIds: undefined };
}
