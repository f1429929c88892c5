/**
 * Demand per (block, age band, service) in the simulator's layout — index (block * 6 + band) * nServices
 * + service — either simulated trips, or, without a simulation, the expected trips: residents x rate.
 */
import { N_AGE_BANDS } from '../core/ageBands.ts';
import type { Scenario } from '../scenario/types.ts';

export function demandIndex(nServices: number, block: number, band: number, service: number): number {
  return (block * N_AGE_BANDS + band) * nServices + service;
}

/** Expected daily trips: population x age share x trips per day. */
export function expectedDemand(sc: Scenario): Float64Array {
  const S = sc.services.length;
  const out = new Float64Array(sc.blocks.count * N_AGE_BANDS * S);
  for (let i = 0; i < sc.blocks.count; i++) {
    for (let b = 0; b < N_AGE_BANDS; b++) {
      const residents = sc.blocks.population[i] * sc.blocks.ageShares[i * N_AGE_BANDS + b];
      for (let s = 0; s < S; s++) out[demandIndex(S, i, b, s)] = residents * sc.behaviour.tripsPerDay[s * N_AGE_BANDS + b];
    }
  }
  return out;
}
