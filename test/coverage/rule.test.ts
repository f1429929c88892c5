/**
 * The coverage rule is one rule: static coverage, the siting model, the simulator and the report's
 * walking areas agree on it to the last bit. The threshold and speed below are chosen so that the two
 * ways of writing the rule disagree — 8.3 min at 1.125 m/s is 560.2500000000001 m, and that distance /
 * 1.125 / 60 is a hair above 8.3 — so a user that wrote the rule its own way would fail here. The
 * speed is exact in float32, the precision of the simulator's per-resident speeds.
 */
import { describe, expect, it } from 'vitest';
import { haversineM } from '../../src/network/geo.ts';
import { isWithin, thresholdMetres } from '../../src/coverage/rule.ts';
import { staticCoverage } from '../../src/coverage/static.ts';
import { N_AGE_BANDS } from '../../src/core/ageBands.ts';
import { expectedDemand } from '../../src/optimize/demand.ts';
import { buildSitingModel } from '../../src/optimize/sitingModel.ts';
import { conversionIsochrones } from '../../src/report/html/isochrones.ts';
import { simulate } from '../../src/simulate/simulate.ts';
import { EVEN_SHARES, tinyScenario } from '../simulate/fixtures.ts';

const THRESHOLD_MIN = 8.3;
const SPEED = 1.125;
const EDGE = thresholdMetres(THRESHOLD_MIN, SPEED);

/** The next larger double. */
function nextUp(x: number): number {
  const f = Float64Array.of(x);
  new BigInt64Array(f.buffer)[0] += 1n;
  return f[0];
}

const BEYOND = nextUp(EDGE);

// Block 'at' lies exactly at the threshold distance from the candidate space, block 'beyond' one
// double farther. The plan turns the space into the only grocery.
const { scenario, matrix } = tinyScenario({
  services: [{ id: 'grocery', thresholdMin: THRESHOLD_MIN, rates: [2, 2, 2, 2, 2, 2] }],
  blocks: [{ id: 'at', population: 60, shares: EVEN_SHARES }, { id: 'beyond', population: 60, shares: EVEN_SHARES }],
  facilities: [],
  candidates: [{ id: 'space', allowed: ['grocery'] }],
  speedMps: [SPEED, SPEED, SPEED, SPEED, SPEED, SPEED],
  metres: [[EDGE], [BEYOND]],
});
scenario.network = { kind: 'euclidean', detourFactor: 1 };
const plan = { conversions: [{ candidateIndex: 0, serviceIndices: [0] }] };

describe('the coverage rule', () => {
  it('is written so that the two ways of writing it would disagree at this edge', () => {
    expect(EDGE).toBe(560.2500000000001);
    expect(EDGE / SPEED / 60).toBeGreaterThan(THRESHOLD_MIN);
    expect(isWithin(EDGE, SPEED, THRESHOLD_MIN)).toBe(true);
    expect(isWithin(BEYOND, SPEED, THRESHOLD_MIN)).toBe(false);
  });

  it('covers a block at exactly the threshold distance in static coverage, and not one a hair beyond', () => {
    const { covered } = staticCoverage(scenario, matrix, plan).table;
    for (let b = 0; b < N_AGE_BANDS; b++) {
      expect(covered[0 * N_AGE_BANDS + b]).toBe(1);
      expect(covered[1 * N_AGE_BANDS + b]).toBe(0);
    }
  });

  it('lets the siting model\'s option cover the block at the threshold distance, and not the one beyond', () => {
    const model = buildSitingModel(scenario, matrix, expectedDemand(scenario));
    const { reachStart, reachOptions } = model.input;
    expect(model.unitBlock.length).toBe(2 * N_AGE_BANDS);
    for (let u = 0; u < model.unitBlock.length; u++) {
      const options = [...reachOptions.subarray(reachStart[u], reachStart[u + 1])];
      expect(options).toEqual(model.unitBlock[u] === 0 ? [0] : []);
    }
    expect(model.uncoverableWeight).toBeGreaterThan(0);
  });

  it('makes every simulated trip from the block at the threshold distance within, and none from the block beyond', async () => {
    const r = await simulate(scenario, matrix, { plan, speedSpread: 0 });
    const { trips } = r;
    expect(trips.count).toBeGreaterThan(100);
    for (let i = 0; i < trips.count; i++) {
      expect(trips.site[i]).toBe(0);
      expect(trips.within[i]).toBe(trips.originBlock[i] === 0 ? 1 : 0);
    }
  });

  it('draws the report\'s walking area out to exactly the threshold distance', () => {
    const conversion = { candidate: 'space', name: 'space', kind: 'vacant-shop', services: ['grocery'], areaM2Used: 1, cost: 1000, lon: scenario.candidates.lon[0], lat: scenario.candidates.lat[0] };
    const areas = conversionIsochrones(scenario, [conversion]);
    expect(areas).toHaveLength(N_AGE_BANDS);
    for (const a of areas) {
      expect(a.metres).toBe(Math.round(EDGE));
      const [lon, lat] = a.rings[0][0];
      expect(Math.abs(haversineM(conversion.lon, conversion.lat, lon, lat) - EDGE)).toBeLessThan(0.5);
    }
  });
});
