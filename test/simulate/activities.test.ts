import { describe, expect, it } from 'vitest';
import { AGE_BANDS, N_AGE_BANDS } from '../../src/core/ageBands.ts';
import { activityTables, drawHour, drawService, drawTripCount } from '../../src/simulate/activities.ts';
import { simulate } from '../../src/simulate/simulate.ts';
import { EVEN_SHARES, tinyScenario, type TinyService } from './fixtures.ts';

const SERVICES: TinyService[] = [
  { id: 'grocery', rates: [0.1, 0.1, 0.25, 0.3, 0.35, 0.25], profile: [0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 1, 1, 0, 0, 1, 2, 3, 3, 2, 1, 0, 0, 0] },
  { id: 'breakfast', rates: [0.2, 0.35, 0.3, 0.25, 0.2, 0.15], profile: [0, 0, 0, 0, 0, 0, 2, 5, 4, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
  { id: 'elder_canteen', category: 'quality', rates: [0, 0, 0, 0.01, 0.15, 0.3], profile: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 3, 0, 0, 0, 0, 3, 2, 0, 0, 0, 0, 0] },
  { id: 'clinic', thresholdMin: 10, rates: [0.03, 0.01, 0.01, 0.02, 0.05, 0.08] },
  { id: 'childcare', category: 'quality', thresholdMin: 10, rates: [0.8, 0, 0, 0, 0, 0], profile: [0, 0, 0, 0, 0, 0, 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0] },
];
const RESIDENTS = 240_000;

async function bigBlock() {
  const { scenario, matrix } = tinyScenario({
    services: SERVICES,
    blocks: [{ id: 'big', population: RESIDENTS, shares: EVEN_SHARES }],
    facilities: [{ id: 'all', services: SERVICES.map((s) => s.id) }],
    metres: [[400]],
    chainProbability: 0,
    seed: 2024,
  });
  return { scenario, result: await simulate(scenario, matrix) };
}

/** Upper critical value of chi-square with df degrees of freedom at p = 0.001 (Wilson-Hilferty). */
function chiSquareCritical(df: number): number {
  const z = 3.09;
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}

describe('daily activities', () => {
  it('samples the Poisson trip count by inversion with the right probabilities', () => {
    const rates = new Float64Array([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1, 1, 1]);
    const t = activityTables(rates, new Float64Array(48).fill(1 / 24), 2);
    // L = 1.5: P(0) = e^-1.5 = 0.2231, P(<=1) = 0.5578
    expect(drawTripCount(t, 0, 0.2)).toBe(0);
    expect(drawTripCount(t, 0, 0.3)).toBe(1);
    expect(drawTripCount(t, 0, 0.6)).toBe(2);
    expect(drawTripCount(t, 0, 0.999999999)).toBeGreaterThan(5);
  });

  it('picks services and hours by bisection exactly where a linear scan of the cumulative table would, ties and empty hours included', () => {
    const rates = Float64Array.from({ length: 5 * N_AGE_BANDS }, (_, k) => [0.2, 0, 0.5, 0.5, 0.1][Math.floor(k / N_AGE_BANDS)]);
    const profiles = Float64Array.from(SERVICES.flatMap((s) => s.profile ?? Array.from({ length: 24 }, () => 1)));
    const t = activityTables(rates, profiles, 5);
    const scan = (cdf: Float64Array, base: number, last: number, u: number): number => {
      let i = 0;
      while (i < last && u >= cdf[base + i]) i++;
      return i;
    };
    // every table entry itself (the ties), its neighbours, and a grid of draws
    const draws = [...t.serviceCdf, ...t.hourCdf].flatMap((v) => [v, v - 1e-12, v + 1e-12]).concat(Array.from({ length: 1000 }, (_, k) => k / 1000)).filter((u) => u >= 0 && u < 1);
    for (const u of draws) {
      for (let band = 0; band < N_AGE_BANDS; band++) expect(drawService(t, band, u)).toBe(scan(t.serviceCdf, band * 5, 4, u));
      for (let s = 0; s < 5; s++) expect(drawHour(t, s, u)).toBe(scan(t.hourCdf, s * 24, 23, u));
    }
  });

  it('makes trips per age band and service at the behaviour table\'s rates within sampling error', async () => {
    const { scenario, result } = await bigBlock();
    const perBand = RESIDENTS / N_AGE_BANDS;
    expect(result.residentsByBlockBand[0]).toBe(perBand);
    const nS = scenario.services.length;
    let checked = 0;
    for (let band = 0; band < N_AGE_BANDS; band++) {
      for (let s = 0; s < nS; s++) {
        const rate = scenario.behaviour.tripsPerDay[s * N_AGE_BANDS + band];
        const expected = perBand * rate;
        const observed = result.demand[band * nS + s];
        if (rate === 0) {
          expect(observed, `${AGE_BANDS[band]} ${scenario.services[s].id}`).toBe(0);
          continue;
        }
        // Poisson: variance = mean. 4 sigma.
        expect(Math.abs(observed - expected), `${AGE_BANDS[band]} ${scenario.services[s].id}: ${observed} vs ${expected}`).toBeLessThan(4 * Math.sqrt(expected));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
    // the trip table agrees with the tallies
    expect(result.trips.count).toBe(result.demand.reduce((a, b) => a + b, 0));
  });

  it('spreads departures over the hours as the service\'s profile says (chi-square, p = 0.001)', async () => {
    const { scenario, result } = await bigBlock();
    const nS = scenario.services.length;
    const hours = new Float64Array(nS * 24);
    const minutes = new Float64Array(60);
    for (let i = 0; i < result.trips.count; i++) {
      const d = result.trips.departureMin[i];
      hours[result.trips.service[i] * 24 + Math.floor(d / 60)]++;
      minutes[d % 60]++;
    }
    for (let s = 0; s < nS; s++) {
      let n = 0;
      for (let h = 0; h < 24; h++) n += hours[s * 24 + h];
      let chi = 0;
      let df = -1;
      for (let h = 0; h < 24; h++) {
        const p = scenario.behaviour.departureProfile[s * 24 + h];
        const o = hours[s * 24 + h];
        if (p === 0) {
          expect(o, `${scenario.services[s].id} hour ${h}`).toBe(0);
          continue;
        }
        chi += (o - n * p) ** 2 / (n * p);
        df++;
      }
      expect(chi, scenario.services[s].id).toBeLessThan(chiSquareCritical(df));
    }
    // minutes within the hour are uniform
    const total = result.trips.count;
    let chi = 0;
    for (let m = 0; m < 60; m++) chi += (minutes[m] - total / 60) ** 2 / (total / 60);
    expect(chi).toBeLessThan(chiSquareCritical(59));
  });

  it('chains a resident\'s trips into one tour whose stops depart one after the other', async () => {
    const { scenario, matrix } = tinyScenario({
      services: [{ id: 'grocery', rates: [2, 2, 2, 2, 2, 2] }, { id: 'pharmacy', rates: [1, 1, 1, 1, 1, 1] }],
      blocks: [{ id: 'b', population: 3000, shares: EVEN_SHARES }],
      facilities: [{ id: 'g', services: ['grocery'] }, { id: 'p', services: ['pharmacy'] }],
      metres: [[300, 600]],
      chainProbability: 0.6,
    });
    const r = await simulate(scenario, matrix, { dwellMin: 10 });
    const t = r.trips;
    let tours = 0;
    let multi = 0;
    for (let i = 0; i < t.count; ) {
      let j = i;
      while (j < t.count && t.resident[j] === t.resident[i]) j++;
      if (j - i >= 2) {
        multi++;
        if (t.tourLeg[i] === 1) {
          tours++;
          for (let k = i + 1; k < j; k++) {
            expect(t.tourLeg[k]).toBe(k - i + 1);
            // the next stop is left after the walk in and the 10-minute dwell
            expect(t.departureMin[k]).toBeGreaterThanOrEqual(t.departureMin[k - 1] + 10);
          }
        } else {
          for (let k = i; k < j; k++) expect(t.tourLeg[k]).toBe(0);
        }
      } else {
        expect(t.tourLeg[i]).toBe(0);
      }
      i = j;
    }
    // chained with probability 0.6 among residents with two or more trips
    expect(Math.abs(tours / multi - 0.6)).toBeLessThan(4 * Math.sqrt((0.6 * 0.4) / multi));
  });
});
