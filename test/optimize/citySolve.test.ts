import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasEquity, type CoverageInstance } from '../../src/locate/model/coverage.ts';
import { objectiveWeight, preCoveredWeight, selectionToMask, violations } from '../../src/locate/model/evaluate.ts';
import { sitingCoverage } from '../../src/locate/siting.ts';
import { solveCoverage } from '../../src/locate/solvers/solveCoverage.ts';
import { cityBound, reachWeight } from '../../src/optimize/cityBound.ts';
import { solveCity } from '../../src/optimize/citySolve.ts';
import { shadowOf } from '../../src/optimize/explain.ts';
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

  it('certifies a plan the first bounds leave beyond the gap asked by HiGHS on the options that could beat it, with a bound of the whole model', async () => {
    for (const seed of [3, 4]) {
      const inst = await smallCity(seed, 6);
      const exact = await solveCoverage(inst, { solver: 'exact', timeLimit: 60 });
      // steps 4 and 5 forced on this small model: the heuristic MILP, then step 5 at any gap
      const city = await solveCity(inst, { pool: pool1, timeLimit: 60, seed, exactMaxOptions: 0, certifyGap: 0 });
      expect(city.notes.some((n) => n.includes('options can be open in a better plan (L + reduced cost at both prices); MILP on them'))).toBe(true);
      expect(violations(inst, selectionToMask(inst.nOptions, city.selected))).toEqual([]);
      // the dual bound of the MILP on those options bounds the whole model's optimum
      expect(city.bound).toBeGreaterThanOrEqual(exact.objective - 1e-6);
      expect(city.objective).toBeLessThanOrEqual(exact.objective + 1e-6);
      // and certifies the plan within TARGET_GAP (0.08%) of the objective with pre-covered weight
      expect(city.bound - city.objective).toBeLessThanOrEqual(8e-4 * city.objective + 1e-6);
      // the same on 2 threads
      const two = await solveCity(inst, { pool: pool2, timeLimit: 60, seed, exactMaxOptions: 0, certifyGap: 0 });
      expect([two.selected, two.objective, two.bound, two.notes]).toEqual([city.selected, city.objective, city.bound, city.notes]);
    }
  }, 120_000);

  it('brackets what a relaxed limit is worth without a MILP that proves, from the plan before it was relaxed', async () => {
    for (const seed of [3, 4]) {
      // the optimum with 6 conversions, and (exactly) with 7
      const six = await solveCoverage(await smallCity(seed, 6), { solver: 'exact', timeLimit: 60 });
      const sevenInst = await smallCity(seed, 7);
      const seven = await solveCoverage(sevenInst, { solver: 'exact', timeLimit: 60 });
      expect([six.status, seven.status]).toEqual(['optimal', 'optimal']);
      // boundsOnly: never the exact step 4 or step 5, whatever the model's size
      const relaxed = await solveCity(sevenInst, { pool: pool1, timeLimit: 60, seed, boundsOnly: true, initial: [six.selected], exactMaxOptions: 1e9, certifyGap: 0 });
      expect(relaxed.notes.filter((n) => /not proved \(bounds only\); MILP on the \d+ options the LPs open/.test(n))).toHaveLength(1);
      expect(relaxed.notes.some((n) => /MILP on them/.test(n))).toBe(false);
      expect(violations(sevenInst, selectionToMask(sevenInst.nOptions, relaxed.selected))).toEqual([]);
      // its plan is at least the plan it started from, its bound at least the relaxed optimum
      expect(relaxed.objective).toBeGreaterThanOrEqual(six.objective - 1e-6);
      expect(relaxed.objective).toBeLessThanOrEqual(seven.objective + 1e-6);
      expect(relaxed.bound).toBeGreaterThanOrEqual(seven.objective - 1e-6);
      // so the shadow value of the seventh conversion lies in the bracket (or is exact when the bracket closes)
      const sh = shadowOf(six, relaxed);
      const worth = seven.objective - six.objective;
      if (sh.value !== null) expect(sh.value).toBeCloseTo(worth, 3);
      else {
        expect(sh.range!.low).toBeLessThanOrEqual(worth + 1e-3);
        expect(sh.range!.high).toBeGreaterThanOrEqual(worth - 1e-3);
      }
      // no bracket without a proven plan to measure from
      expect(shadowOf({ ...six, status: 'feasible' }, relaxed)).toEqual({ value: null, range: null });
    }
  }, 120_000);

  it('is taken by models of city size, by options or by units, and never with equity floors', async () => {
    expect(isCityScale(await smallCity(3, 6))).toBe(false);
    // the default scenario's size keeps the auto recipe
    const def = await generateCity({ residents: 60_000, seed: 7 });
    const defInst = sitingCoverage(buildSitingModel(def, await computeDistanceMatrix(def), expectedDemand(def)).input);
    expect(defInst.nOptions).toBeLessThan(1000);
    expect(isCityScale(defInst)).toBe(false);
    // 100,000 residents: over 1,000 options
    const big = await generateCity({ residents: 100_000, seed: 11 });
    const bigInst = sitingCoverage(buildSitingModel(big, await computeDistanceMatrix(big), expectedDemand(big)).input);
    expect(bigInst.nOptions).toBeGreaterThanOrEqual(1000);
    expect(isCityScale(bigInst)).toBe(true);
    // 60,000 residents on 1,000 blocks: fewer options, over 20,000 units
    const spread = await generateCity({ residents: 60_000, blocks: 1000, seed: 3 });
    const spreadInst = sitingCoverage(buildSitingModel(spread, await computeDistanceMatrix(spread), expectedDemand(spread)).input);
    expect(spreadInst.nOptions).toBeLessThan(1000);
    expect(spreadInst.nUnits).toBeGreaterThanOrEqual(20_000);
    expect(isCityScale(spreadInst)).toBe(true);
    // equity floors: never
    const floors: CoverageInstance = { ...bigInst, nUnitGroups: 1, equityShare: new Float64Array([0.5]) };
    expect(hasEquity(floors)).toBe(true);
    expect(isCityScale(floors)).toBe(false);
  }, 120_000);
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
