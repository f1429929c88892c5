/**
 * Walks between the stops of a chained tour on the scenario's OSM walking network: a site x site
 * matrix of network distances (access walks included, as in the block x site matrix) up to the travel
 * matrix's cutoff. tour.ts reads a leg from it and falls back to the straight line x detour factor
 * for pairs beyond the cutoff or off the network. A euclidean scenario has none (legs stay straight
 * lines), nor does a scenario whose network file is not on disk (built in memory, not yet written).
 *
 * The matrix depends only on the scenario's sites and network, so it is computed once per scenario
 * object (today's run and the plan's share it). It is exact (Dijkstra), so it is the same on any
 * number of threads.
 */
import fs from 'node:fs';
import { networkDistanceMatrix } from '../network/distanceMatrix.ts';
import type { Pool } from '../parallel/pool.ts';
import type { Scenario } from '../scenario/types.ts';
import { loadIndexed } from '../travel/osmMatrix.ts';
import { sitePoints } from '../travel/sites.ts';

/** Site x site walking metres, compressed sparse rows with columns ascending. */
export interface LegMatrix {
  offsets: Int32Array;
  index: Int32Array;
  metres: Float64Array;
}

const cache = new WeakMap<Scenario, { key: string; legs: LegMatrix }>();

/** The tour-leg matrix of an OSM scenario, or null (euclidean, no tours, no network file). */
export async function siteLegMatrix(sc: Scenario, cutoffM: number, threads: number, pool: Pool | null): Promise<LegMatrix | null> {
  if (sc.network.kind !== 'osm' || sc.behaviour.chainProbability <= 0) return null;
  const file = sc.network.file;
  if (!fs.existsSync(file)) return null;
  const pts = sitePoints(sc);
  const key = `${file}:${cutoffM}:${sc.network.snapLimitM}:${pts.count}:${pts.lon.join(',')}:${pts.lat.join(',')}`;
  const hit = cache.get(sc);
  if (hit && hit.key === key) return hit.legs;
  const { net, index } = loadIndexed(file);
  const snapped = index.snapAll(pts.lon, pts.lat, sc.network.snapLimitM);
  const m = await networkDistanceMatrix(net, snapped, snapped, cutoffM, { threads: pool ? Math.max(2, threads) : 1, pool: pool ?? undefined });
  const legs = { offsets: m.offsets, index: m.index, metres: m.metres };
  cache.set(sc, { key, legs });
  return legs;
}

/** Metres from site a to site b in the leg matrix (binary search in row a), or -1 when absent. */
export function legMetres(offsets: Int32Array, index: Int32Array, metres: Float64Array, a: number, b: number): number {
  let lo = offsets[a];
  let hi = offsets[a + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = index[mid];
    if (c === b) return metres[mid];
    if (c < b) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
