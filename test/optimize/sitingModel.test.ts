import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedDemand } from '../../src/optimize/demand.ts';
import { optimizeScenario } from '../../src/optimize/optimize.ts';
import { buildSitingModel } from '../../src/optimize/sitingModel.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { computeDistanceMatrix } from '../../src/travel/travelMatrix.ts';
import { FIXTURES } from '../helpers/fixtures.ts';

const TINY = path.join(FIXTURES, 'scenarios', 'tiny');

// The tiny fixture, by hand. Blocks A, B, C lie 600 m apart; groceries at A and C, a repair kiosk at C.
// Demand (residents x trips/day x age weight): grocery 35-59: A 25, B 30, C 45 — all within 10 min of a
// grocery at 1 m/s; repair 60-74 (5 min at 0.5 m/s = 150 m): A 5 (nothing ever within 150 m),
// B 4 (kiosk K1 at B), C 3 (existing kiosk); clinic 75+ (10 min at 0.5 m/s = 300 m): B 4 x weight 2 = 8
// (shop S1, 111 m from B). Options: K1 repair (30,000), S1 grocery (360,000), S1 clinic (960,000).
describe('the living-circle siting model of a scenario', () => {
  it('pre-covers what existing facilities reach and reports what no idle space can reach', async () => {
    const sc = await loadScenario(TINY);
    const m = buildSitingModel(sc, await computeDistanceMatrix(sc), expectedDemand(sc));
    expect(m.totalWeight).toBeCloseTo(120, 9);
    expect(m.preCoveredWeight).toBeCloseTo(103, 9);
    expect(m.uncoverableWeight).toBeCloseTo(5, 9);
    expect(m.input.optionIds).toEqual(['K1:repair', 'S1:grocery', 'S1:clinic']);
    expect(Array.from(m.input.optionCost!)).toEqual([30000, 360000, 960000]);
  });

  it('chooses within the cost budget, and shares a space only within its floor area', async () => {
    const sc = await loadScenario(TINY);
    const matrix = await computeDistanceMatrix(sc);
    const demand = expectedDemand(sc);
    const tight = await optimizeScenario(sc, matrix, demand, { solver: 'exact' });
    expect(tight.solver.status).toBe('optimal');
    expect(tight.plan).toEqual({ conversions: [{ candidateIndex: 0, serviceIndices: [1] }] });
    expect(tight.solver.objective).toBeCloseTo(107, 6);
    sc.budget.maxCost = 2_000_000;
    const loose = await optimizeScenario(sc, matrix, demand, { solver: 'exact' });
    // grocery (60 m²) and clinic (120 m²) do not both fit S1's 150 m²; the clinic covers more
    expect(loose.plan.conversions).toEqual([
      { candidateIndex: 0, serviceIndices: [1] },
      { candidateIndex: 1, serviceIndices: [2] },
    ]);
    expect(loose.solver.objective).toBeCloseTo(115, 6);
    expect(loose.model.coveredShareWithPlan).toBeCloseTo(115 / 120, 3);
  });

  it('honours a minimum count even when it covers nothing new', async () => {
    const sc = await loadScenario(TINY);
    sc.budget.maxCost = 2_000_000;
    sc.constraints.minCount = { grocery: 1 };
    const r = await optimizeScenario(sc, await computeDistanceMatrix(sc), expectedDemand(sc), { solver: 'exact' });
    expect(r.plan.conversions.flatMap((c) => c.serviceIndices)).toContain(0);
    expect(r.solver.objective).toBeCloseTo(107, 6); // the grocery takes S1, so the clinic cannot open
  });
});
