import { describe, expect, it } from 'vitest';
import { capacityLoop, excessTrips, type CapacityLoopSettings } from '../../src/simulate/capacityLoop.ts';
import { TRIP_COLUMN_NAMES } from '../../src/simulate/columns.ts';
import { simulate } from '../../src/simulate/simulate.ts';
import { generateCity } from '../../src/scenario/generate.ts';
import type { Scenario } from '../../src/scenario/types.ts';
import { computeDistanceMatrix } from '../../src/travel/travelMatrix.ts';
import { siteCatalogue } from '../../src/travel/sites.ts';
import { EVEN_SHARES, tinyScenario } from './fixtures.ts';

const SETTINGS: CapacityLoopSettings = { maxIterations: 20, tolerance: 0.02, priceStepMin: 5, stagnationPasses: 3, stagnationTolerance: 0.01 };

function twoSites() {
  return tinyScenario({
    services: [{ id: 'grocery', rates: [1, 1, 1, 1, 1, 1] }],
    blocks: [{ id: 'a', population: 300, shares: EVEN_SHARES }],
    facilities: [
      { id: 'near', services: ['grocery'], capacity: 100 },
      { id: 'far', services: ['grocery'], capacity: 100 },
    ],
    metres: [[300, 700]],
  });
}

/** A generated town whose facilities have 15% less capacity than the generator gives: the prices bind. */
async function tightTown(): Promise<Scenario> {
  const sc = await generateCity({ residents: 20_000, seed: 5 });
  sc.facilities.capacity = sc.facilities.capacity.map((c) => Math.round(c * 0.85));
  return sc;
}

describe('the capacity loop', () => {
  it('stops on stagnation and says so, when no price moves a trip', async () => {
    const { scenario } = twoSites();
    const sites = siteCatalogue(scenario);
    const loads = Float64Array.from([300, 0]);
    let calls = 0;
    const r = await capacityLoop(sites, loads, async () => (calls++, loads), { ...SETTINGS, stagnationPasses: 5 });
    expect(r.stopped).toBe('stagnated');
    expect(r.passes).toBe(6);
    expect(calls).toBe(5);
    expect(r.excess).toBe(excessTrips(sites, loads, 0.02));
  });

  it('stops at the pass limit and says so, keeping the best pass rather than the last', async () => {
    const { scenario } = twoSites();
    const sites = siteCatalogue(scenario);
    const seq = [Float64Array.from([200, 100]), Float64Array.from([250, 50])];
    let k = 0;
    const r = await capacityLoop(sites, Float64Array.from([300, 0]), async () => seq[Math.min(k++, 1)], { ...SETTINGS, maxIterations: 3 });
    expect(r.stopped).toBe('pass limit');
    expect(r.passes).toBe(3);
    expect(r.bestPass).toBe(2);
    expect(Array.from(r.loads)).toEqual([200, 100]);
    expect(r.prices[0]).toBeGreaterThan(0);
  });

  it('converges when the prices bring every load within capacity', async () => {
    const { scenario } = twoSites();
    const sites = siteCatalogue(scenario);
    const r = await capacityLoop(sites, Float64Array.from([150, 30]), async (p) => (p[0] > 0 ? Float64Array.from([100, 80]) : Float64Array.from([150, 30])), { ...SETTINGS });
    expect(r.stopped).toBe('converged');
    expect(r.excess).toBe(0);
    expect(r.passes).toBe(2);
  });

  it('gives the same day as a whole simulation under the prices it kept', async () => {
    const sc = await tightTown();
    const m = await computeDistanceMatrix(sc);
    for (const choice of ['nearest', 'logit'] as const) {
      const looped = await simulate(sc, m, { keepResidents: false, choice });
      expect(looped.capacity.iterations).toBeGreaterThan(1);
      expect(looped.capacity.blocksResimulated).toBeGreaterThan(0);
      if (choice === 'nearest') expect(looped.capacity.blocksResimulated).toBeLessThan(sc.blocks.count / 10);
      const whole = await simulate(sc, m, { keepResidents: false, choice, shadowPrices: looped.prices! });
      for (const k of TRIP_COLUMN_NAMES) expect(whole.trips[k], k).toEqual(looped.trips[k]);
      expect(whole.loads).toEqual(looped.loads);
      expect(whole.within).toEqual(looped.within);
      expect(whole.minutesSum).toEqual(looped.minutesSum);
      expect({ ...whole.metrics, capacity: null, options: null }).toEqual({ ...looped.metrics, capacity: null, options: null });
    }
  }, 60_000);

  it('gives the same result on 1 and 2 threads, its passes in this thread or on the pool, with no NaN or Infinity in its report', async () => {
    const sc = await tightTown();
    const m = await computeDistanceMatrix(sc);
    for (const choice of ['nearest', 'logit'] as const) {
      const one = await simulate(sc, m, { keepResidents: false, choice, threads: 1 });
      const two = await simulate(sc, m, { keepResidents: false, choice, threads: 2 });
      const twoOnPool = await simulate(sc, m, { keepResidents: false, choice, threads: 2, rechoicePoolTrips: 0 });
      for (const k of TRIP_COLUMN_NAMES) expect(two.trips[k], k).toEqual(one.trips[k]);
      for (const k of TRIP_COLUMN_NAMES) expect(twoOnPool.trips[k], k).toEqual(one.trips[k]);
      expect(JSON.stringify(two.metrics)).toBe(JSON.stringify(one.metrics));
      expect(JSON.stringify(twoOnPool.metrics)).toBe(JSON.stringify(one.metrics));
      expect(JSON.stringify(one.metrics)).not.toMatch(/NaN|Infinity/);
      const c = one.capacity;
      expect(['converged', 'stagnated', 'pass limit']).toContain(c.stopped);
      for (const v of [c.iterations, c.bestPass, c.maxOverloadRatio, c.overloadTrips, c.overloadedSiteTrips, c.servedTrips, c.blocksResimulated]) expect(Number.isFinite(v)).toBe(true);
      expect(c.overloadedSiteTrips).toBeLessThanOrEqual(c.servedTrips);
    }
  }, 60_000);

  it("says 'off' when capacities are off", async () => {
    const { scenario, matrix } = twoSites();
    const r = await simulate(scenario, matrix, { capacity: false });
    expect(r.capacity.stopped).toBe('off');
    expect(r.capacity.iterations).toBe(1);
  });
});
