/**
 * Straight-line walking distances x a detour factor, for scenarios without a network.
 *
 * The pairs considered for an origin are the targets in a square of half-side (cutoff / detour) x 1.01
 * around it on an equirectangular projection at the latitude farthest from the equator among all the
 * points: there a degree of longitude is shortest, so projected distances are never longer than true
 * ones and no pair within the haversine cutoff falls outside the square, however far north and south
 * the points spread (the 1% covers the rest of the approximation); each pair is kept when its
 * haversine distance x detour is within the cutoff.
 * The targets are bucketed on a grid of that square's half-side, so an origin looks at the targets of
 * at most 3 x 3 cells; its row lists them by ascending target, as the CSR matrix needs.
 *
 * Rows are independent, so a range of rows can be computed on its own (euclideanRows) and ranges
 * concatenated in order (joinRows): the result is the same however the rows are cut. (Cutting them
 * over a pool's workers did not pay on two cores: each thread's first rows run before its code is
 * optimised, and the whole matrix takes about 0.1 s in one thread.)
 */
import { EARTH_RADIUS_M, localProjection } from '../network/geo.ts';
import type { SparseDistanceMatrix } from './matrix.ts';
import type { Points } from './sites.ts';

const RAD = Math.PI / 180;

/** Rows r0 .. r1 of a matrix: rowCounts[r - r0] entries each, in row order. */
export interface MatrixRows {
  r0: number;
  r1: number;
  rowCounts: Int32Array;
  index: Int32Array;
  metres: Float64Array;
}

/** The grid of targets an origin's square is looked up in (see the file comment). */
interface TargetGrid {
  /** Projected coordinates of the targets, metres. */
  x: Float64Array;
  y: Float64Array;
  /** cos(lat) of each target, as haversineM computes it. */
  cosLat: Float64Array;
  minX: number;
  minY: number;
  cell: number;
  nx: number;
  ny: number;
  /** Targets of cell (cx, cy) = cellTargets[cellStart[cy * nx + cx] .. cellStart[cy * nx + cx + 1]), ascending. */
  cellStart: Int32Array;
  cellTargets: Int32Array;
}

/** At most this many grid cells (the cell grows beyond the square's half-side when a scenario is wide). */
const MAX_CELLS = 1 << 22;

function targetGrid(targets: Points, mpdLon: number, mpdLat: number, radius: number): TargetGrid {
  const n = targets.count;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const cosLat = new Float64Array(n);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let j = 0; j < n; j++) {
    x[j] = targets.lon[j] * mpdLon;
    y[j] = targets.lat[j] * mpdLat;
    cosLat[j] = Math.cos(targets.lat[j] * RAD);
    if (x[j] < minX) minX = x[j];
    if (x[j] > maxX) maxX = x[j];
    if (y[j] < minY) minY = y[j];
    if (y[j] > maxY) maxY = y[j];
  }
  if (!(maxX >= minX && maxY >= minY)) {
    minX = minY = 0;
    maxX = maxY = 0;
  }
  let cell = radius > 0 && Number.isFinite(radius) ? radius : Math.max(1, maxX - minX, maxY - minY);
  const span = (lo: number, hi: number) => Math.floor((hi - lo) / cell) + 1;
  while (span(minX, maxX) * span(minY, maxY) > MAX_CELLS) cell *= 2;
  const nx = span(minX, maxX);
  const ny = span(minY, maxY);
  const cellOf = new Int32Array(n);
  const cellStart = new Int32Array(nx * ny + 1);
  for (let j = 0; j < n; j++) {
    const c = Math.floor((y[j] - minY) / cell) * nx + Math.floor((x[j] - minX) / cell);
    cellOf[j] = c;
    cellStart[c + 1]++;
  }
  for (let c = 0; c < nx * ny; c++) cellStart[c + 1] += cellStart[c];
  const fill = cellStart.slice(0, nx * ny);
  const cellTargets = new Int32Array(n);
  for (let j = 0; j < n; j++) cellTargets[fill[cellOf[j]]++] = j;
  return { x, y, cosLat, minX, minY, cell, nx, ny, cellStart, cellTargets };
}

/** The latitude of origins and targets farthest from the equator (0 when there are none). */
function farthestLatitude(origins: Points, targets: Points): number {
  let lat = 0;
  for (const p of [origins, targets]) for (let i = 0; i < p.count; i++) if (Math.abs(p.lat[i]) > Math.abs(lat)) lat = p.lat[i];
  return lat;
}

/** Rows r0 .. r1 of the origins x targets matrix (see the file comment). */
export function euclideanRows(origins: Points, targets: Points, detourFactor: number, cutoffM: number, r0 = 0, r1 = origins.count): MatrixRows {
  const proj = localProjection(0, farthestLatitude(origins, targets));
  const mpdLon = proj.mPerDegLon;
  const mpdLat = proj.mPerDegLat;
  // the equirectangular query radius is widened by 1% so that no pair within the haversine cutoff is missed
  const radius = (cutoffM / detourFactor) * 1.01;
  const g = targetGrid(targets, mpdLon, mpdLat, radius);
  const rowCounts = new Int32Array(Math.max(0, r1 - r0));
  let index: Int32Array = new Int32Array(Math.max(16, (r1 - r0) * 64));
  let metres: Float64Array = new Float64Array(index.length);
  let found: Int32Array = new Int32Array(64);
  let nnz = 0;
  for (let i = r0; i < r1; i++) {
    const lon1 = origins.lon[i];
    const lat1 = origins.lat[i];
    const ox = lon1 * mpdLon;
    const oy = lat1 * mpdLat;
    const x0 = ox - radius;
    const x1 = ox + radius;
    const y0 = oy - radius;
    const y1 = oy + radius;
    const cx0 = Math.max(0, Math.floor((x0 - g.minX) / g.cell));
    const cx1 = Math.min(g.nx - 1, Math.floor((x1 - g.minX) / g.cell));
    const cy0 = Math.max(0, Math.floor((y0 - g.minY) / g.cell));
    const cy1 = Math.min(g.ny - 1, Math.floor((y1 - g.minY) / g.cell));
    let nf = 0;
    for (let cy = cy0; cy <= cy1; cy++) {
      for (let cx = cx0; cx <= cx1; cx++) {
        const c = cy * g.nx + cx;
        for (let k = g.cellStart[c]; k < g.cellStart[c + 1]; k++) {
          const j = g.cellTargets[k];
          const x = g.x[j];
          const y = g.y[j];
          if (x >= x0 && x <= x1 && y >= y0 && y <= y1) {
            if (nf === found.length) found = grow(found, nf * 2) as Int32Array;
            found[nf++] = j;
          }
        }
      }
    }
    const row = found.subarray(0, nf).sort();
    if (nnz + nf > index.length) {
      index = grow(index, Math.max(index.length * 2, nnz + nf)) as Int32Array;
      metres = grow(metres, index.length) as Float64Array;
    }
    const cos1 = Math.cos(lat1 * RAD);
    let kept = 0;
    for (let k = 0; k < nf; k++) {
      const j = row[k];
      // haversineM (network/geo.ts), term by term in its order, with the cosines computed once per point
      const s = Math.sin(((targets.lat[j] - lat1) * RAD) / 2);
      const t = Math.sin(((targets.lon[j] - lon1) * RAD) / 2);
      const a = s * s + cos1 * g.cosLat[j] * t * t;
      const d = 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a))) * detourFactor;
      if (d <= cutoffM) {
        index[nnz] = j;
        metres[nnz] = d;
        nnz++;
        kept++;
      }
    }
    rowCounts[i - r0] = kept;
  }
  return { r0, r1, rowCounts, index: index.slice(0, nnz), metres: metres.slice(0, nnz) };
}

function grow(a: Int32Array | Float64Array, size: number): Int32Array | Float64Array {
  const b = new (a.constructor as Int32ArrayConstructor | Float64ArrayConstructor)(size);
  b.set(a);
  return b;
}

/** Consecutive row ranges (from row 0, in order, covering every row) as one matrix. */
export function joinRows(parts: MatrixRows[], rows: number, cols: number, cutoffM: number): SparseDistanceMatrix {
  if (parts.length === 1 && parts[0].r0 === 0 && parts[0].r1 === rows) {
    const p = parts[0];
    const offsets = new Int32Array(rows + 1);
    for (let i = 0; i < rows; i++) offsets[i + 1] = offsets[i] + p.rowCounts[i];
    return { rows, cols, offsets, index: p.index, metres: p.metres, cutoffM };
  }
  const offsets = new Int32Array(rows + 1);
  let nnz = 0;
  let next = 0;
  for (const p of parts) {
    if (p.r0 !== next) throw new Error(`joinRows: rows ${p.r0}-${p.r1} follow row ${next}`);
    for (let i = p.r0; i < p.r1; i++) offsets[i + 1] = offsets[i] + p.rowCounts[i - p.r0];
    nnz += p.index.length;
    next = p.r1;
  }
  if (next !== rows) throw new Error(`joinRows: rows end at ${next}, expected ${rows}`);
  const index = new Int32Array(nnz);
  const metres = new Float64Array(nnz);
  for (const p of parts) {
    index.set(p.index, offsets[p.r0]);
    metres.set(p.metres, offsets[p.r0]);
  }
  return { rows, cols, offsets, index, metres, cutoffM };
}

export function euclideanDistanceMatrix(origins: Points, targets: Points, detourFactor: number, cutoffM: number): SparseDistanceMatrix {
  return joinRows([euclideanRows(origins, targets, detourFactor, cutoffM)], origins.count, targets.count, cutoffM);
}
