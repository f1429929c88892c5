/** Distance from each block to the nearest open site offering each service (Infinity beyond the matrix cutoff). */
import type { SparseDistanceMatrix } from '../travel/matrix.ts';
import type { SiteCatalogue } from '../travel/sites.ts';

/** Row-major nBlocks x nServices metres, over the services the catalogue's sites offer. */
export function nearestMetres(matrix: SparseDistanceMatrix, sites: Pick<SiteCatalogue, 'serviceOffsets' | 'serviceIndex'>, nServices: number): Float64Array {
  const { serviceOffsets, serviceIndex } = sites;
  const out = new Float64Array(matrix.rows * nServices).fill(Infinity);
  for (let i = 0; i < matrix.rows; i++) {
    const base = i * nServices;
    for (let p = matrix.offsets[i]; p < matrix.offsets[i + 1]; p++) {
      const j = matrix.index[p];
      const d = matrix.metres[p];
      for (let k = serviceOffsets[j]; k < serviceOffsets[j + 1]; k++) {
        const s = serviceIndex[k];
        if (d < out[base + s]) out[base + s] = d;
      }
    }
  }
  return out;
}
