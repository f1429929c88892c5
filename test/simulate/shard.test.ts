import { describe, expect, it } from 'vitest';
import { simulateShard } from '../../src/simulate/shard.ts';
import { resolveOptions, simulate } from '../../src/simulate/simulate.ts';
import { siteCatalogue } from '../../src/travel/sites.ts';
import type { SimulateShardTask } from '../../src/simulate/task.ts';
import { EVEN_SHARES, tinyScenario } from './fixtures.ts';

const { scenario, matrix } = tinyScenario({
  services: [{ id: 'grocery', rates: [1, 1, 1, 1, 1, 1] }],
  blocks: [{ id: 'a', population: 50, shares: EVEN_SHARES }, { id: 'b', population: 70, shares: EVEN_SHARES }],
  facilities: [{ id: 'g', services: ['grocery'] }],
  metres: [[300], [500]],
});

function task(loadsOnly: boolean): SimulateShardTask {
  const sites = siteCatalogue(scenario, { conversions: [] });
  const r = resolveOptions(scenario, {});
  return {
    kind: 'simulate-shard',
    ctx: {
      seed: r.seed,
      nServices: 1,
      thresholdMin: Float64Array.of(15),
      basic: Uint8Array.of(1),
      speedMps: scenario.behaviour.speedMps,
      tripsPerDay: scenario.behaviour.tripsPerDay,
      departureProfile: scenario.behaviour.departureProfile,
      chainProbability: 0,
      nSites: sites.count,
      siteLon: sites.lon,
      siteLat: sites.lat,
      siteServiceOffsets: sites.serviceOffsets,
      siteServiceIndex: sites.serviceIndex,
      matrixOffsets: matrix.offsets,
      matrixIndex: matrix.index,
      matrixMetres: matrix.metres,
      choice: 'nearest',
      betaPerMin: r.betaPerMin,
      speedSpread: r.speedSpread,
      dwellMin: r.dwellMin,
      detourFactor: r.detourFactor,
      f15Min: 15,
    },
    blockStart: 0,
    blockEnd: 2,
    firstResident: 0,
    blockIds: ['a', 'b'],
    population: Int32Array.of(50, 70),
    ageShares: Float64Array.from([...EVEN_SHARES, ...EVEN_SHARES]),
    prices: null,
    loadsOnly,
    keepResidents: true,
  };
}

describe('simulation shards', () => {
  it('return their columns in shared memory when run in a worker, so they cross threads without a copy', () => {
    const r = simulateShard(task(false), true);
    expect(r.tripCols!.walkMin.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(r.residentCols!.speedMps.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(r.tripsBBS.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('tally the same loads with or without building the trip table', () => {
    const full = simulateShard(task(false), false);
    const lean = simulateShard(task(true), false);
    expect(lean.tripCols).toBeNull();
    expect(lean.residentCols).toBeNull();
    expect([...lean.loads]).toEqual([...full.loads]);
    expect([...lean.tripsBBS]).toEqual([...full.tripsBBS]);
    expect(lean.draws).toBe(full.draws);
  });

  it('refuse an unknown choice model or a positive logit coefficient', async () => {
    await expect(simulate(scenario, matrix, { choice: 'gravity' as never })).rejects.toThrow(/choice/);
    await expect(simulate(scenario, matrix, { betaPerMin: 0.3 })).rejects.toThrow(/betaPerMin/);
  });

  it('refuse a distance matrix that does not match the scenario', async () => {
    await expect(simulate(scenario, { ...matrix, rows: 5 })).rejects.toThrow(/rows/);
  });
});
