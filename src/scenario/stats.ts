/** Summary counts of a scenario (residents by age band from block populations x shares). */
import { AGE_BANDS, N_AGE_BANDS, type AgeBand } from '../core/ageBands.ts';
import type { Scenario, ScenarioStats } from './types.ts';

export function scenarioStats(sc: Scenario): ScenarioStats {
  const byBand = new Float64Array(N_AGE_BANDS);
  let residents = 0;
  for (let i = 0; i < sc.blocks.count; i++) {
    residents += sc.blocks.population[i];
    for (let b = 0; b < N_AGE_BANDS; b++) byBand[b] += sc.blocks.population[i] * sc.blocks.ageShares[i * N_AGE_BANDS + b];
  }
  const residentsByBand = Object.fromEntries(AGE_BANDS.map((b, k) => [b, Math.round(byBand[k])])) as Record<AgeBand, number>;
  return { blocks: sc.blocks.count, residents, services: sc.services.length, facilities: sc.facilities.count, candidates: sc.candidates.count, residentsByBand };
}
