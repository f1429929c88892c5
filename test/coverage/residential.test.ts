import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticCoverage } from '../../src/coverage/static.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { computeDistanceMatrix } from '../../src/travel/travelMatrix.ts';
import { FIXTURES } from '../helpers/fixtures.ts';

const TINY = path.join(FIXTURES, 'scenarios', 'tiny');

describe('residential coverage', () => {
  it('covers a resident when the nearest site is within the threshold at their age band speed', async () => {
    // Blocks A, B, C lie 600 m apart; groceries at A and C (10 min), a repair kiosk at C (5 min).
    // Speeds: 1.0 m/s up to 59, 0.5 m/s from 60: block B reaches a grocery in 10 min (adults) or 20 min (60+).
    const sc = await loadScenario(TINY);
    const m = await computeDistanceMatrix(sc);
    const { summary } = staticCoverage(sc, m);
    // grocery, 35-59: A (50) + B (60) + C (90) all covered
    expect(summary.byService.grocery['35-59']).toBe(1);
    // grocery, 60-74: A (50) covered at 0 m, B (40) not (20 min), C (30) covered
    expect(summary.byService.grocery['60-74']).toBeCloseTo(80 / 120, 4);
    // repair, 18-34: only C (90 of 130) is within 5 min of the kiosk at C
    expect(summary.byService.repair['18-34']).toBeCloseTo(90 / 130, 4);
    // nobody has a clinic
    expect(summary.byService.clinic.all).toBe(0);
  });

  it('adds the services of a plan to the candidate spaces', async () => {
    const sc = await loadScenario(TINY);
    const m = await computeDistanceMatrix(sc);
    const plan = { conversions: [{ candidateIndex: 0, serviceIndices: [1] }] }; // a repair kiosk at B
    const { summary } = staticCoverage(sc, m, plan);
    expect(summary.byService.repair['18-34']).toBe(1);
  });
});
