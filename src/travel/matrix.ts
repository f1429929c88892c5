/**
 * A scenario's block x site walking-distance matrix: rows = housing blocks, columns = sites (the site
 * catalogue's order, sites.ts: facilities, then candidates). Its layout is the network layer's
 * compressed sparse rows (network/distanceMatrix.ts DistanceMatrix), whichever way it was computed.
 */
import type { DistanceMatrix } from '../network/distanceMatrix.ts';

export type SparseDistanceMatrix = DistanceMatrix;

/** Assemble a matrix from per-row entry lists (columns need not be sorted). */
export function matrixFromRows(cols: number, cutoffM: number, rowCols: ArrayLike<number>[], rowMetres: ArrayLike<number>[]): SparseDistanceMatrix {
  const rows = rowCols.length;
  const offsets = new Int32Array(rows + 1);
  for (let i = 0; i < rows; i++) offsets[i + 1] = offsets[i] + rowCols[i].length;
  const nnz = offsets[rows];
  const index = new Int32Array(nnz);
  const metres = new Float64Array(nnz);
  for (let i = 0; i < rows; i++) {
    const c = rowCols[i];
    const m = rowMetres[i];
    const order = Array.from({ length: c.length }, (_, k) => k).sort((a, b) => c[a] - c[b]);
    let p = offsets[i];
    for (const k of order) {
      index[p] = c[k];
      metres[p] = m[k];
      p++;
    }
  }
  return { rows, cols, offsets, index, metres, cutoffM };
}

/** Distance of (row, col), or Infinity when absent. */
export function matrixGet(m: SparseDistanceMatrix, row: number, col: number): number {
  let lo = m.offsets[row];
  let hi = m.offsets[row + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = m.index[mid];
    if (c === col) return m.metres[mid];
    if (c < col) lo = mid + 1;
    else hi = mid - 1;
  }
  return Infinity;
}
