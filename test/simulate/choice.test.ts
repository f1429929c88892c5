import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulate/simulate.ts';
import { EVEN_SHARES, tinyScenario } from './fixtures.ts';

const ADULTS_AND_ELDERS = [0, 0, 0.5, 0, 0, 0.5];

describe('destination choice', () => {
  it('sends every trip to the nearest site offering the service', async () => {
    const { scenario, matrix } = tinyScenario({
      services: [{ id: 'grocery', rates: [1, 1, 1, 1, 1, 1] }, { id: 'barber', rates: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5] }],
      blocks: [{ id: 'a', population: 500, shares: EVEN_SHARES }, { id: 'b', population: 500, shares: EVEN_SHARES }],
      facilities: [{ id: 'g-near-a', services: ['grocery'] }, { id: 'g-near-b', services: ['grocery', 'barber'] }, { id: 'barber-a', services: ['barber'] }],
      metres: [[200, 800, 700], [900, 150, 400]],
    });
    const r = await simulate(scenario, matrix);
    const expected = [
      [0, 2],
      [1, 1],
    ];
    for (let i = 0; i < r.trips.count; i++) {
      expect(r.trips.site[i]).toBe(expected[r.trips.originBlock[i]][r.trips.service[i]]);
      const speed = r.residents!.speedMps[r.trips.resident[i]];
      const metres = matrix.metres[matrix.offsets[r.trips.originBlock[i]] + r.trips.site[i]];
      expect(r.trips.walkMin[i]).toBeCloseTo(metres / speed / 60, 4);
    }
  });

  it('records a trip with no site within reach as unserved instead of dropping it', async () => {
    const { scenario, matrix } = tinyScenario({
      services: [{ id: 'grocery', rates: [1, 1, 1, 1, 1, 1] }, { id: 'clinic', rates: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5] }],
      blocks: [{ id: 'a', population: 400, shares: EVEN_SHARES }],
      facilities: [{ id: 'g', services: ['grocery'] }, { id: 'c', services: ['clinic'] }],
      metres: [[300]], // the clinic is beyond the matrix's reach
    });
    const r = await simulate(scenario, matrix);
    let clinicTrips = 0;
    for (let i = 0; i < r.trips.count; i++) {
      if (r.trips.service[i] !== 1) continue;
      clinicTrips++;
      expect(r.trips.site[i]).toBe(-1);
      expect(r.trips.walkMin[i]).toBeNaN();
      expect(r.trips.within[i]).toBe(0);
    }
    expect(clinicTrips).toBeGreaterThan(100);
    expect(r.metrics.unservedTrips).toBe(clinicTrips);
    expect(r.metrics.unservedByService.clinic).toBe(clinicTrips);
    expect(r.metrics.withinShare.byService.clinic).toBe(0);
    expect(r.metrics.f15.overall).toBe(0);
  });

  it('gives elderly residents a smaller 15-minute reach than adults at the same place', async () => {
    // 1000 m: adults (1.35 m/s +/-10%) need 11.2-13.7 min, over-75s (0.95 m/s +/-10%) 15.9-19.5 min
    const { scenario, matrix } = tinyScenario({
      services: [{ id: 'grocery', rates: [0, 0, 1, 1, 1, 1] }],
      blocks: [{ id: 'a', population: 2000, shares: ADULTS_AND_ELDERS }],
      facilities: [{ id: 'g', services: ['grocery'] }],
      metres: [[1000]],
    });
    const r = await simulate(scenario, matrix);
    expect(r.metrics.withinShare.byAgeBand['18-34']).toBe(1);
    expect(r.metrics.withinShare.byAgeBand['75+']).toBe(0);
    expect(r.metrics.f15.byAgeBand['18-34']).toBe(1);
    expect(r.metrics.f15.byAgeBand['75+']).toBe(0);
    expect(r.metrics.meanWalkingMin.byAgeBand['75+']!).toBeGreaterThan(r.metrics.meanWalkingMin.byAgeBand['18-34']!);
  });

  it('splits trips between two sites as the logit model says', async () => {
    const { scenario, matrix } = tinyScenario({
      services: [{ id: 'grocery', rates: [1, 1, 1, 1, 1, 1] }],
      blocks: [{ id: 'a', population: 12000, shares: [0, 0, 1, 0, 0, 0] }],
      facilities: [{ id: 'near', services: ['grocery'] }, { id: 'far', services: ['grocery'] }],
      metres: [[300, 600]],
    });
    const beta = -0.2;
    const r = await simulate(scenario, matrix, { choice: 'logit', betaPerMin: beta, speedSpread: 0 });
    const dt = 300 / 1.35 / 60;
    const pNear = 1 / (1 + Math.exp(beta * dt));
    const n = r.trips.count;
    const near = r.loads[0];
    expect(r.loads[0] + r.loads[1]).toBe(n);
    expect(Math.abs(near / n - pNear)).toBeLessThan(4 * Math.sqrt((pNear * (1 - pNear)) / n));
  });

  it('moves demand off a full site with shadow prices and reports the iterations', async () => {
    const spec = {
      services: [{ id: 'grocery', rates: [1, 1, 1, 1, 1, 1] }],
      blocks: [{ id: 'a', population: 300, shares: EVEN_SHARES }],
      facilities: [
        { id: 'near', services: ['grocery'], capacity: 160 },
        { id: 'far', services: ['grocery'], capacity: 400 },
      ],
      metres: [[300, 700]],
    };
    const { scenario, matrix } = tinyScenario(spec);
    const free = await simulate(scenario, matrix, { capacity: false });
    expect(free.capacity.enabled).toBe(false);
    expect(free.loads[0]).toBe(free.trips.count);
    const capped = await simulate(scenario, matrix, { maxIterations: 40 });
    expect(capped.capacity.enabled).toBe(true);
    expect(capped.capacity.iterations).toBeGreaterThan(1);
    expect(capped.trips.count).toBe(free.trips.count);
    expect(capped.loads[0]).toBeLessThanOrEqual(160 * 1.02);
    expect(capped.capacity.converged).toBe(true);
    expect(capped.capacity.stopped).toBe('converged');
    expect(capped.prices![0]).toBeGreaterThan(0);
  });

  it('reports the overload that no price can remove', async () => {
    const { scenario, matrix } = tinyScenario({
      services: [{ id: 'grocery', rates: [1, 1, 1, 1, 1, 1] }],
      blocks: [{ id: 'a', population: 300, shares: EVEN_SHARES }],
      facilities: [{ id: 'only', services: ['grocery'], capacity: 100 }],
      metres: [[300]],
    });
    const r = await simulate(scenario, matrix, { maxIterations: 5 });
    expect(r.capacity.iterations).toBe(4);
    expect(r.capacity.stopped).toBe('stagnated');
    expect(r.capacity.converged).toBe(false);
    expect(r.capacity.overloadTrips).toBe(r.trips.count - 100);
    expect(r.capacity.maxOverloadRatio).toBeCloseTo((r.trips.count - 100) / 100, 10);
  });

  it('adds a plan\'s converted candidates as sites', async () => {
    const { scenario, matrix } = tinyScenario({
      services: [{ id: 'grocery', rates: [1, 1, 1, 1, 1, 1] }, { id: 'repair', rates: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5] }],
      blocks: [{ id: 'a', population: 400, shares: EVEN_SHARES }],
      facilities: [{ id: 'g', services: ['grocery'] }],
      candidates: [{ id: 'kiosk', allowed: ['repair', 'grocery'] }],
      metres: [[500, 100]],
    });
    const before = await simulate(scenario, matrix);
    expect(before.metrics.unservedByService.repair).toBeGreaterThan(0);
    const after = await simulate(scenario, matrix, { plan: { conversions: [{ candidateIndex: 0, serviceIndices: [1] }] } });
    expect(after.metrics.unservedByService.repair).toBe(0);
    expect(after.loads[1]).toBe(after.demand[0 * 2 + 1] + after.demand[1 * 2 + 1] + after.demand[2 * 2 + 1] + after.demand[3 * 2 + 1] + after.demand[4 * 2 + 1] + after.demand[5 * 2 + 1]);
    // the same seed gives the same residents and trips; only the destinations changed
    expect(after.trips.count).toBe(before.trips.count);
    expect([...after.trips.departureMin]).toEqual([...before.trips.departureMin]);
  });
});

describe('edge cases of the simulation', () => {
  it('handles empty blocks and a town without any facility', async () => {
    const { scenario, matrix } = tinyScenario({
      services: [{ id: 'grocery', rates: [1, 1, 1, 1, 1, 1] }],
      blocks: [{ id: 'empty', population: 0, shares: EVEN_SHARES }, { id: 'a', population: 30, shares: EVEN_SHARES }],
      facilities: [],
      metres: [[], []],
    });
    const r = await simulate(scenario, matrix);
    expect(r.metrics.residents).toBe(30);
    expect(r.metrics.unservedTrips).toBe(r.trips.count);
    expect(r.metrics.gini.accessTime).toBeNull();
    expect(r.metrics.withinShare.overall).toBe(0);
  });
});
