/**
 * Capacities consistent with demand, by the per-service norms of defaults/capacities.csv:
 *
 * - residents_per_site N_s: how many residents one site of service s is planned for (GB 50180-2018's
 *   life-circle levels); headroom H_s: a site's daily capacity over its visits on an average day.
 * - A converted space (services.csv `capacity`, visits/day): H_s x N_s x r_s, rounded to 10, where r_s
 *   is the trips per resident per day to s at an age profile (the import's default profile for the
 *   built-in catalogue).
 * - A generated facility (facilities.csv `capacity`): spread x the sum over its services of
 *   H_s x max(E_s, 1,000 x r_s), rounded, where E_s is the visits/day it expects when every trip goes to
 *   the nearest site offering s within the travel matrix's reach (the simulation's 'nearest' rule, on
 *   straight lines x the detour factor), r_s the city's mean trips per resident, and spread a draw in
 *   [1 - CAPACITY_SPREAD, 1 + CAPACITY_SPREAD] (operators differ). The floor gives a site no catchment
 *   of its own the visits of 1,000 residents (the smallest residential block).
 */
import { N_AGE_BANDS } from '../core/ageBands.ts';
import KDBush from 'kdbush';
import { haversineM, localProjection } from '../network/geo.ts';
import { reachM } from '../travel/reach.ts';
import { readDefaultTable } from './defaults.ts';
import { FieldReader, Problems } from './rows.ts';
import type { Scenario, ServiceDef } from './types.ts';

/** Relative spread of generated facilities' capacities around the rule (uniform, ±15%). */
export const CAPACITY_SPREAD = 0.15;
/** Residents whose visits a generated facility can take at least (the smallest residential block). */
export const FLOOR_RESIDENTS = 1000;

export interface CapacityNorm {
  service: string;
  residentsPerSite: number;
  headroom: number;
  level: string;
  source: string;
}

/** The norms of defaults/capacities.csv, one per service of `services`, in their order. */
export async function readCapacityNorms(services: ServiceDef[]): Promise<CapacityNorm[]> {
  const table = await readDefaultTable('capacities');
  const problems = new Problems();
  const f = new FieldReader(table, problems);
  f.requireColumns(['service', 'residents_per_site', 'headroom']);
  const byId = new Map<string, CapacityNorm>();
  for (const r of table.rows) {
    const service = f.str(r, 'service');
    byId.set(service, { service, residentsPerSite: f.num(r, 'residents_per_site', { min: 1 }), headroom: f.num(r, 'headroom', { min: 1 }), level: f.str(r, 'level', { optional: true }), source: f.str(r, 'source', { optional: true }) });
  }
  const norms = services.map((s) => {
    const n = byId.get(s.id);
    if (!n) problems.add(table.file, `no row for service '${s.id}'`, undefined, 'service');
    return n ?? { service: s.id, residentsPerSite: NaN, headroom: NaN, level: '', source: '' };
  });
  problems.throwIfAny();
  return norms;
}

/** Trips per resident per day to service s at an age profile (6 shares). */
export function tripsPerResident(tripsPerDay: Float64Array, s: number, profile: ArrayLike<number>): number {
  let r = 0;
  for (let b = 0; b < N_AGE_BANDS; b++) r += profile[b] * tripsPerDay[s * N_AGE_BANDS + b];
  return r;
}

/** A converted space's capacity for one service, visits/day: H x N x r, rounded to 10 (at least 10). */
export function conversionCapacity(norm: CapacityNorm, tripsPerResidentPerDay: number): number {
  return Math.max(10, Math.round((norm.headroom * norm.residentsPerSite * tripsPerResidentPerDay) / 10) * 10);
}

/**
 * Expected visits/day of every facility for every service, row-major facilities x services, when every
 * trip goes to the nearest facility offering its service within the travel matrix's reach (ties: the
 * lower index), as the simulation's 'nearest' choice does; demand = residents x age shares x trip rates.
 */
export function expectedVisits(sc: Scenario): Float64Array {
  const { blocks, facilities: fac, services, behaviour } = sc;
  const nS = services.length;
  const detour = sc.network.kind === 'euclidean' ? sc.network.detourFactor : 1.3;
  const cutoffM = reachM(sc);
  // The pairs and metres of the travel matrix (travel/euclidean.ts: the same projection, query radius
  // and haversine x detour), without building it: only each block's nearest facility per service.
  const proj = localProjection(0, blocks.count > 0 ? blocks.lat[0] : 0);
  const index = new KDBush(Math.max(1, fac.count));
  for (let j = 0; j < fac.count; j++) index.add(fac.lon[j] * proj.mPerDegLon, fac.lat[j] * proj.mPerDegLat);
  if (fac.count === 0) index.add(Infinity, Infinity);
  index.finish();
  const radius = (cutoffM / detour) * 1.01;
  const visits = new Float64Array(fac.count * nS);
  const best = new Int32Array(nS);
  const bestM = new Float64Array(nS);
  for (let i = 0; i < blocks.count; i++) {
    best.fill(-1);
    bestM.fill(Infinity);
    const x = blocks.lon[i] * proj.mPerDegLon;
    const y = blocks.lat[i] * proj.mPerDegLat;
    for (const j of index.range(x - radius, y - radius, x + radius, y + radius)) {
      if (j >= fac.count) continue;
      const d = haversineM(blocks.lon[i], blocks.lat[i], fac.lon[j], fac.lat[j]) * detour;
      if (d > cutoffM) continue;
      for (let k = fac.serviceOffsets[j]; k < fac.serviceOffsets[j + 1]; k++) {
        const s = fac.serviceIndex[k];
        // the nearest, ties to the lower index (the matrix rows ascend: ChoiceSets keeps the first)
        if (d < bestM[s] || (d === bestM[s] && j < best[s])) {
          bestM[s] = d;
          best[s] = j;
        }
      }
    }
    for (let s = 0; s < nS; s++) {
      if (best[s] < 0) continue;
      let trips = 0;
      for (let b = 0; b < N_AGE_BANDS; b++) trips += blocks.ageShares[i * N_AGE_BANDS + b] * behaviour.tripsPerDay[s * N_AGE_BANDS + b];
      visits[best[s] * nS + s] += blocks.population[i] * trips;
    }
  }
  return visits;
}

/** The city's mean trips per resident per day to each service. */
export function cityTripsPerResident(sc: Scenario): Float64Array {
  const { blocks, services, behaviour } = sc;
  const profile = new Float64Array(N_AGE_BANDS);
  let total = 0;
  for (let i = 0; i < blocks.count; i++) {
    total += blocks.population[i];
    for (let b = 0; b < N_AGE_BANDS; b++) profile[b] += blocks.population[i] * blocks.ageShares[i * N_AGE_BANDS + b];
  }
  if (total > 0) for (let b = 0; b < N_AGE_BANDS; b++) profile[b] /= total;
  return Float64Array.from(services, (_, s) => tripsPerResident(behaviour.tripsPerDay, s, profile));
}

/**
 * Generated facilities' capacities (see the file comment): spread[f] x sum over f's services of
 * headroom x max(expected visits, visits of FLOOR_RESIDENTS residents), rounded, at least 1.
 */
export function facilityCapacities(sc: Scenario, norms: CapacityNorm[], spread: ArrayLike<number>): Float64Array {
  const fac = sc.facilities;
  const nS = sc.services.length;
  const visits = expectedVisits(sc);
  const rate = cityTripsPerResident(sc);
  const cap = new Float64Array(fac.count);
  for (let f = 0; f < fac.count; f++) {
    let c = 0;
    for (let k = fac.serviceOffsets[f]; k < fac.serviceOffsets[f + 1]; k++) {
      const s = fac.serviceIndex[k];
      c += norms[s].headroom * Math.max(visits[f * nS + s], FLOOR_RESIDENTS * rate[s]);
    }
    cap[f] = Math.max(1, Math.round(spread[f] * c));
  }
  return cap;
}
