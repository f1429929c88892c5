import { describe, expect, it } from 'vitest';
import { DEFAULT_AGE_PROFILE } from '../../src/osm/ageProfile.ts';
import { CAPACITY_SPREAD, cityTripsPerResident, conversionCapacity, expectedVisits, FLOOR_RESIDENTS, readCapacityNorms, tripsPerResident } from '../../src/scenario/capacity.ts';
import { defaultCatalogue } from '../../src/scenario/defaults.ts';
import { generateCity } from '../../src/scenario/generate.ts';
import { simulate } from '../../src/simulate/simulate.ts';
import { computeDistanceMatrix } from '../../src/travel/travelMatrix.ts';
import { isCapacitated } from '../../src/travel/sites.ts';

describe('capacities consistent with demand', () => {
  it('has a norm with a headroom of at least 1 and a source for every service of the catalogue', async () => {
    const { services } = await defaultCatalogue();
    const norms = await readCapacityNorms(services);
    expect(norms.map((n) => n.service)).toEqual(services.map((s) => s.id));
    for (const n of norms) {
      expect(n.headroom).toBeGreaterThanOrEqual(1);
      expect(n.headroom).toBeLessThanOrEqual(1.5);
      expect(n.residentsPerSite).toBeGreaterThan(0);
      expect(n.source).toMatch(/GB 50180-2018|MOFCOM/);
    }
  });

  it('gives a converted space headroom x residents per site x trips per resident (services.csv)', async () => {
    const { services, behaviour } = await defaultCatalogue();
    const norms = await readCapacityNorms(services);
    services.forEach((s, k) => {
      expect(s.capacity, s.id).toBe(conversionCapacity(norms[k], tripsPerResident(behaviour.tripsPerDay, k, DEFAULT_AGE_PROFILE)));
    });
  });

  it("gives each generated facility headroom x its expected visits (at least 1,000 residents' worth), within the spread", async () => {
    const sc = await generateCity({ residents: 8000, seed: 21 });
    const norms = await readCapacityNorms(sc.services);
    const visits = expectedVisits(sc);
    const rate = cityTripsPerResident(sc);
    const nS = sc.services.length;
    const f = sc.facilities;
    for (let j = 0; j < f.count; j++) {
      let rule = 0;
      for (let k = f.serviceOffsets[j]; k < f.serviceOffsets[j + 1]; k++) {
        const s = f.serviceIndex[k];
        rule += norms[s].headroom * Math.max(visits[j * nS + s], FLOOR_RESIDENTS * rate[s]);
      }
      expect(f.capacity[j], f.ids[j]).toBeGreaterThanOrEqual(Math.floor((1 - CAPACITY_SPREAD) * rule));
      expect(f.capacity[j], f.ids[j]).toBeLessThanOrEqual(Math.ceil((1 + CAPACITY_SPREAD) * rule));
    }
    // every expected visit lands at some facility: the sum is the demand within reach of one
    let total = 0;
    for (const v of visits) total += v;
    expect(total).toBeGreaterThan(0);
  });

  it('keeps a generated city busy but within capacity', async () => {
    const sc = await generateCity({ residents: 20_000, seed: 3 });
    const r = await simulate(sc, await computeDistanceMatrix(sc), { keepResidents: false, capacity: false });
    let load = 0;
    let cap = 0;
    let worst = 0;
    let atOverloaded = 0;
    for (let j = 0; j < r.sites.count; j++) {
      if (!isCapacitated(r.sites, j)) continue;
      load += r.loads[j];
      cap += r.sites.capacity[j];
      worst = Math.max(worst, r.loads[j] / r.sites.capacity[j]);
      if (r.loads[j] > r.sites.capacity[j]) atOverloaded += r.loads[j];
    }
    expect(load / cap).toBeGreaterThan(0.5);
    expect(worst).toBeLessThan(1.3);
    expect(atOverloaded / load).toBeLessThan(0.05);
  });
});
