/**
 * The sites a trip can go to: the existing facilities (site f = facility f) and the candidates a plan
 * converts (site F + c = candidate c), each with the services it offers and its capacity.
 * A converted candidate's capacity is the sum of its new services' default capacities (ServiceDef
 * capacity) that are finite; NaN (uncapacitated) when none is.
 */
import type { Scenario } from '../scenario/types.ts';
import type { Plan } from './plan.ts';

export interface SiteCatalogue {
  count: number;
  nFacilities: number;
  ids: string[];
  lon: Float64Array;
  lat: Float64Array;
  capacity: Float64Array;
  serviceOffsets: Int32Array;
  serviceIndex: Int32Array;
}

export function siteCatalogue(scenario: Scenario, plan: Plan): SiteCatalogue {
  const F = scenario.facilities.count;
  const C = scenario.candidates.count;
  const count = F + C;
  const perCandidate: number[][] = Array.from({ length: C }, () => []);
  for (const conv of plan.conversions) perCandidate[conv.candidateIndex].push(...conv.serviceIndices);
  const fac = scenario.facilities;
  const serviceOffsets = new Int32Array(count + 1);
  for (let f = 0; f < F; f++) serviceOffsets[f + 1] = serviceOffsets[f] + (fac.serviceOffsets[f + 1] - fac.serviceOffsets[f]);
  for (let c = 0; c < C; c++) serviceOffsets[F + c + 1] = serviceOffsets[F + c] + perCandidate[c].length;
  const serviceIndex = new Int32Array(serviceOffsets[count]);
  serviceIndex.set(fac.serviceIndex.subarray(fac.serviceOffsets[0], fac.serviceOffsets[F]), 0);
  const capacity = new Float64Array(count);
  capacity.set(fac.capacity.subarray(0, F), 0);
  for (let c = 0; c < C; c++) {
    const list = [...perCandidate[c]].sort((a, b) => a - b);
    serviceIndex.set(list, serviceOffsets[F + c]);
    let cap = 0;
    let finite = false;
    for (const s of list) {
      const v = scenario.services[s].capacity;
      if (Number.isFinite(v)) {
        cap += v;
        finite = true;
      }
    }
    capacity[F + c] = finite ? cap : NaN;
  }
  const lon = new Float64Array(count);
  const lat = new Float64Array(count);
  lon.set(fac.lon.subarray(0, F), 0);
  lat.set(fac.lat.subarray(0, F), 0);
  lon.set(scenario.candidates.lon.subarray(0, C), F);
  lat.set(scenario.candidates.lat.subarray(0, C), F);
  return { count, nFacilities: F, ids: [...fac.ids.slice(0, F), ...scenario.candidates.ids.slice(0, C)], lon, lat, capacity, serviceOffsets, serviceIndex };
}

/** True when a site offers at least one service and has a finite capacity. */
export function isCapacitated(sites: SiteCatalogue, j: number): boolean {
  return Number.isFinite(sites.capacity[j]) && sites.serviceOffsets[j + 1] > sites.serviceOffsets[j];
}
