/**
 * The site catalogue: every place a resident can walk to, numbered as the travel matrix's columns —
 * the existing facilities first (site f = facility f, 0..F-1), then the candidate spaces (site F + c =
 * candidate c). Given a plan, the candidates it converts offer its services; the others offer none.
 *
 * Capacity: a facility's own (NaN = uncapacitated); a converted candidate's is the sum of its services'
 * default capacities (ServiceDef capacity) that are finite, NaN when none is.
 */
import { EMPTY_PLAN, type Plan } from '../plan/types.ts';
import type { Scenario } from '../scenario/types.ts';

/** Coordinates of a list of points (blocks or sites). */
export interface Points {
  count: number;
  lon: Float64Array;
  lat: Float64Array;
}

export interface SiteCatalogue extends Points {
  /** F: sites 0..F-1 are the facilities, F.. the candidates. */
  nFacilities: number;
  ids: string[];
  /** The services of site j are serviceIndex[serviceOffsets[j] .. serviceOffsets[j+1]), ascending. */
  serviceOffsets: Int32Array;
  serviceIndex: Int32Array;
  capacity: Float64Array;
}

/** The housing blocks' coordinates (the travel matrix's rows). */
export function blockPoints(sc: Scenario): Points {
  return { count: sc.blocks.count, lon: sc.blocks.lon, lat: sc.blocks.lat };
}

/** The sites' coordinates alone (all that a distance matrix needs). */
export function sitePoints(sc: Scenario): Points {
  const F = sc.facilities.count;
  const C = sc.candidates.count;
  const lon = new Float64Array(F + C);
  const lat = new Float64Array(F + C);
  lon.set(sc.facilities.lon.subarray(0, F), 0);
  lon.set(sc.candidates.lon.subarray(0, C), F);
  lat.set(sc.facilities.lat.subarray(0, F), 0);
  lat.set(sc.candidates.lat.subarray(0, C), F);
  return { count: F + C, lon, lat };
}

/** The sites with the services they offer once `plan` is carried out (by default, today's). */
export function siteCatalogue(sc: Scenario, plan: Plan = EMPTY_PLAN): SiteCatalogue {
  const F = sc.facilities.count;
  const C = sc.candidates.count;
  const fac = sc.facilities;
  const converted: number[][] = Array.from({ length: C }, () => []);
  for (const conv of plan.conversions) converted[conv.candidateIndex].push(...conv.serviceIndices);
  const lists = converted.map((list) => [...new Set(list)].sort((a, b) => a - b));
  const serviceOffsets = new Int32Array(F + C + 1);
  for (let f = 0; f < F; f++) serviceOffsets[f + 1] = serviceOffsets[f] + (fac.serviceOffsets[f + 1] - fac.serviceOffsets[f]);
  for (let c = 0; c < C; c++) serviceOffsets[F + c + 1] = serviceOffsets[F + c] + lists[c].length;
  const serviceIndex = new Int32Array(serviceOffsets[F + C]);
  serviceIndex.set(fac.serviceIndex.subarray(fac.serviceOffsets[0], fac.serviceOffsets[F]), 0);
  const capacity = new Float64Array(F + C);
  capacity.set(fac.capacity.subarray(0, F), 0);
  for (let c = 0; c < C; c++) {
    serviceIndex.set(lists[c], serviceOffsets[F + c]);
    capacity[F + c] = convertedCapacity(sc, lists[c]);
  }
  return { ...sitePoints(sc), nFacilities: F, ids: [...fac.ids.slice(0, F), ...sc.candidates.ids.slice(0, C)], serviceOffsets, serviceIndex, capacity };
}

/** Sum of the finite default capacities of `services`; NaN when none is finite. */
function convertedCapacity(sc: Scenario, services: number[]): number {
  let cap = 0;
  let finite = false;
  for (const s of services) {
    const v = sc.services[s].capacity;
    if (Number.isFinite(v)) {
      cap += v;
      finite = true;
    }
  }
  return finite ? cap : NaN;
}

/** True when site j offers at least one service and has a finite capacity. */
export function isCapacitated(sites: SiteCatalogue, j: number): boolean {
  return Number.isFinite(sites.capacity[j]) && sites.serviceOffsets[j + 1] > sites.serviceOffsets[j];
}
