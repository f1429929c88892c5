import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { AGE_BAND_YEARS, N_AGE_BANDS } from '../../src/core/ageBands.ts';
import { allocateBands, synthesizeBlock } from '../../src/simulate/population.ts';
import { allocResidents } from '../../src/simulate/columns.ts';
import { simulate } from '../../src/simulate/simulate.ts';
import { tinyScenario } from './fixtures.ts';

const SPEEDS = Float64Array.from([1.0, 1.2, 1.35, 1.35, 1.15, 0.95]);

describe('population synthesis', () => {
  it('keeps every block total exact and each band within one of its quota', () => {
    const rng = seedrandom('population-test');
    const out = new Int32Array(6);
    for (let trial = 0; trial < 2000; trial++) {
      const total = Math.floor(rng() * 5000);
      const shares = Array.from({ length: 6 }, () => (rng() < 0.2 ? 0 : rng()));
      allocateBands(total, shares, 0, out);
      const sum = shares.reduce((a, b) => a + b, 0);
      expect(out.reduce((a, b) => a + b, 0)).toBe(total);
      for (let b = 0; b < 6; b++) {
        const quota = sum > 0 ? (total * shares[b]) / sum : b === 3 ? total : 0;
        expect(out[b]).toBeGreaterThanOrEqual(Math.floor(quota));
        expect(out[b]).toBeLessThanOrEqual(Math.ceil(quota));
      }
    }
  });

  it('gives the leftover residents to the largest remainders', () => {
    const out = new Int32Array(6);
    allocateBands(10, [0.26, 0.24, 0.2, 0.15, 0.1, 0.05], 0, out);
    // quotas 2.6, 2.4, 2.0, 1.5, 1.0, 0.5: floors sum to 8, remainders .6 and .5 (first of the ties) win
    expect([...out]).toEqual([3, 2, 2, 2, 1, 0]);
  });

  it('draws ages inside their band and speeds within the spread of the band speed', () => {
    const counts = Int32Array.from([30, 40, 50, 60, 70, 80]);
    const n = counts.reduce((a, b) => a + b, 0);
    const cols = allocResidents(n, false);
    const draws = synthesizeBlock(counts, SPEEDS, 0.1, seedrandom.alea('x'), cols, 0, 1000);
    expect(draws).toBe(2 * n);
    for (let i = 0; i < n; i++) {
      const band = cols.ageBand[i];
      const [lo, hi] = AGE_BAND_YEARS[band];
      expect(cols.ageYears[i]).toBeGreaterThanOrEqual(lo);
      expect(cols.ageYears[i]).toBeLessThanOrEqual(hi);
      if (band > 0) {
        expect(cols.speedMps[i]).toBeGreaterThanOrEqual(Math.fround(SPEEDS[band] * 0.9) - 1e-6);
        expect(cols.speedMps[i]).toBeLessThanOrEqual(Math.fround(SPEEDS[band] * 1.1) + 1e-6);
      }
    }
  });

  it('lets every 0-5 year old travel with an adult of its household at the pair\'s shared speed', () => {
    const counts = Int32Array.from([25, 10, 8, 7, 5, 5]);
    const n = counts.reduce((a, b) => a + b, 0);
    const cols = allocResidents(n, false);
    const first = 500;
    synthesizeBlock(counts, SPEEDS, 0.1, seedrandom.alea('y'), cols, 0, first);
    for (let i = 0; i < counts[0]; i++) {
      const e = cols.escort[i] - first;
      expect(e).toBeGreaterThanOrEqual(0);
      expect([2, 3]).toContain(cols.ageBand[e]);
      expect(cols.household[i]).toBe(cols.household[e]);
      expect(cols.speedMps[i]).toBe(Math.min(cols.speedMps[e], Math.fround(SPEEDS[0])));
    }
    for (let i = counts[0]; i < n; i++) expect(cols.escort[i]).toBe(-1);
    // households of adults hold at most two adults
    const adultsPerHousehold = new Map<number, number>();
    for (let i = 0; i < n; i++) if (cols.ageBand[i] === 2 || cols.ageBand[i] === 3) adultsPerHousehold.set(cols.household[i], (adultsPerHousehold.get(cols.household[i]) ?? 0) + 1);
    expect(Math.max(...adultsPerHousehold.values())).toBeLessThanOrEqual(2);
  });

  it('gives children of a block without working-age adults a grandparent escort', () => {
    const counts = Int32Array.from([3, 2, 0, 0, 2, 1]);
    const cols = allocResidents(8, false);
    synthesizeBlock(counts, SPEEDS, 0, seedrandom.alea('z'), cols, 0, 0);
    for (let i = 0; i < 3; i++) expect(cols.ageBand[cols.escort[i]]).toBeGreaterThanOrEqual(4);
  });

  it('makes every simulated block population exact after rounding', async () => {
    const rng = seedrandom('blocks');
    const blocks = Array.from({ length: 60 }, (_, i) => ({ id: `b${i}`, population: Math.floor(rng() * 900), shares: Array.from({ length: 6 }, () => rng()) }));
    const { scenario, matrix } = tinyScenario({
      services: [{ id: 'grocery', rates: [0.1, 0.1, 0.3, 0.3, 0.4, 0.3] }],
      blocks,
      facilities: [{ id: 'g', services: ['grocery'] }],
      metres: blocks.map(() => [500]),
    });
    const r = await simulate(scenario, matrix, { shardResidents: 3000 });
    for (let b = 0; b < blocks.length; b++) {
      let sum = 0;
      for (let band = 0; band < N_AGE_BANDS; band++) sum += r.residentsByBlockBand[b * N_AGE_BANDS + band];
      expect(sum).toBe(blocks[b].population);
    }
    expect(r.residents!.count).toBe(blocks.reduce((a, b) => a + b.population, 0));
    // residents are numbered in block order
    for (let i = 1; i < r.residents!.count; i++) expect(r.residents!.homeBlock[i]).toBeGreaterThanOrEqual(r.residents!.homeBlock[i - 1]);
  });
});
