/**
 * Seeded random MCLP instances for tests and benchmarks: n demand points and m sites uniform on the
 * unit square, integer weights 1..100, each site covering the points within a radius drawn so that
 * its disk holds 2-5% of the area (so 2-5% of the points, in expectation; less near the edges).
 * geometry 'torus' wraps the square round (no edges, so every disk holds its full share): a much
 * harder instance family, whose LP relaxation is about three times weaker.
 */
import seedrandom from 'seedrandom';
import { buildCoverage, type CoverageInstance } from '../model/coverage.ts';
import { randomPoints } from './points.ts';

export interface RandomMclpSpec {
  n: number;
  m: number;
  p: number;
  seed: string | number;
  minShare?: number;
  maxShare?: number;
  /** 'square' (default) or 'torus'. */
  geometry?: 'square' | 'torus';
}

export function randomMclp(spec: RandomMclpSpec): CoverageInstance {
  const torus = spec.geometry === 'torus';
  if (spec.geometry !== undefined && spec.geometry !== 'square' && !torus) throw new RangeError(`geometry must be 'square' or 'torus', got '${String(spec.geometry)}'`);
  const rng = seedrandom.alea(`mclp:${spec.seed}:${spec.n}:${spec.m}:${spec.p}`);
  const { n, m } = spec;
  const lo = spec.minShare ?? 0.02;
  const hi = spec.maxShare ?? 0.05;
  const { px, py, weight } = randomPoints(rng, n);
  // grid of points
  const G = Math.max(1, Math.floor(Math.sqrt(n / 4)));
  const cellStart = new Int32Array(G * G + 1);
  const cellOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    cellOf[i] = Math.min(G - 1, Math.floor(px[i] * G)) * G + Math.min(G - 1, Math.floor(py[i] * G));
    cellStart[cellOf[i] + 1]++;
  }
  for (let c = 0; c < G * G; c++) cellStart[c + 1] += cellStart[c];
  const fill = cellStart.slice(0, G * G);
  const cellPts = new Int32Array(n);
  for (let i = 0; i < n; i++) cellPts[fill[cellOf[i]]++] = i;
  // site -> points (then transpose to unit -> sites)
  const optStart = new Int32Array(m + 1);
  const pts: number[] = [];
  for (let k = 0; k < m; k++) {
    const sx = rng();
    const sy = rng();
    const share = lo + (hi - lo) * rng();
    const r = Math.sqrt(share / Math.PI);
    const r2 = r * r;
    const span = Math.ceil(r * G);
    const cx = Math.floor(sx * G);
    const cy = Math.floor(sy * G);
    const seen: number[] = [];
    const cellsSeen = new Set<number>();
    for (let dx = -span; dx <= span; dx++) for (let dy = -span; dy <= span; dy++) {
      if (!torus && (cx + dx < 0 || cx + dx >= G || cy + dy < 0 || cy + dy >= G)) continue;
      const gx = (((cx + dx) % G) + G) % G;
      const gy = (((cy + dy) % G) + G) % G;
      const c = gx * G + gy;
      if (cellsSeen.has(c)) continue;
      cellsSeen.add(c);
      for (let e = cellStart[c]; e < cellStart[c + 1]; e++) {
        const i = cellPts[e];
        let ddx = Math.abs(px[i] - sx);
        let ddy = Math.abs(py[i] - sy);
        if (torus && ddx > 0.5) ddx = 1 - ddx;
        if (torus && ddy > 0.5) ddy = 1 - ddy;
        if (ddx * ddx + ddy * ddy <= r2) seen.push(i);
      }
    }
    seen.sort((a, b) => a - b);
    for (const i of seen) pts.push(i);
    optStart[k + 1] = pts.length;
  }
  // transpose
  const coverStart = new Int32Array(n + 1);
  for (const i of pts) coverStart[i + 1]++;
  for (let i = 0; i < n; i++) coverStart[i + 1] += coverStart[i];
  const at = coverStart.slice(0, n);
  const coverOptions = new Int32Array(pts.length);
  for (let k = 0; k < m; k++) for (let e = optStart[k]; e < optStart[k + 1]; e++) coverOptions[at[pts[e]]++] = k;
  return buildCoverage({ nUnits: n, nOptions: m, weight, coverStart, coverOptions, maxOpen: spec.p });
}
