/**
 * Seeded random capacitated MCLP instances for tests and benchmarks, in the family of randomMclp.ts:
 * n demand points and m sites uniform on the unit square, integer weights 1..100, each site covering
 * the points within its own radius, drawn so that its disk holds 2-5% of the square. The cost matrix
 * holds distance / the site's radius, so the coverage rule is cost <= 1 (radius 1). Each site's
 * capacity is an integer share, uniform in [capLo, capHi] (default 0.3-0.7), of the weight its disk
 * holds: capacities bind, and split demand matters.
 */
import seedrandom from 'seedrandom';
import type { CostMatrix } from '../model/costMatrix.ts';
import { randomPoints } from './points.ts';

export interface RandomCapacitatedSpec {
  n: number;
  m: number;
  p: number;
  seed: string | number;
  minShare?: number;
  maxShare?: number;
  capLo?: number;
  capHi?: number;
}

export interface RandomCapacitated {
  cm: CostMatrix;
  capacity: Float64Array;
  /** Always 1: costs are distances in units of each site's radius. */
  radius: number;
  p: number;
}

export function randomCapacitated(spec: RandomCapacitatedSpec): RandomCapacitated {
  const { n, m } = spec;
  const rng = seedrandom.alea(`cmclp:${spec.seed}:${n}:${m}:${spec.p}`);
  const lo = spec.minShare ?? 0.02;
  const hi = spec.maxShare ?? 0.05;
  const capLo = spec.capLo ?? 0.3;
  const capHi = spec.capHi ?? 0.7;
  const { px, py, weight } = randomPoints(rng, n);
  const cost = new Float64Array(n * m);
  const capacity = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const sx = rng();
    const sy = rng();
    const r = Math.sqrt((lo + (hi - lo) * rng()) / Math.PI);
    let held = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.hypot(px[i] - sx, py[i] - sy) / r;
      cost[i * m + j] = d;
      if (d <= 1) held += weight[i];
    }
    capacity[j] = Math.max(1, Math.round((capLo + (capHi - capLo) * rng()) * held));
  }
  const ids = (prefix: string, k: number) => Array.from({ length: k }, (_, i) => `${prefix}${i + 1}`);
  return { cm: { nClients: n, nSites: m, cost, weight, clientIds: ids('d', n), siteIds: ids('s', m) }, capacity, radius: 1, p: spec.p };
}
