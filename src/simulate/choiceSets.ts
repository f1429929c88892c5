/**
 * The choice sets of one block: for each service, the sites within the distance matrix's reach that
 * offer it, in ascending site order, with their walking metres; and the nearest of them (ties: the
 * lower site index). Rebuilt for every block into the same arrays, which only grow.
 */
import type { SimulateStatic } from './task.ts';

export class ChoiceSets {
  /** Service s's choice set is positions offsets[s] .. offsets[s+1) of `site` and `metres`. */
  readonly offsets: Int32Array;
  site = new Int32Array(64);
  metres = new Float64Array(64);
  /** Position of the nearest site offering service s, -1 when none is within reach. */
  readonly nearest: Int32Array;
  private readonly fillAt: Int32Array;

  constructor(nServices: number) {
    this.offsets = new Int32Array(nServices + 1);
    this.nearest = new Int32Array(nServices);
    this.fillAt = new Int32Array(nServices);
  }

  /** Rebuild the choice sets for `block` (a row of the matrix) from the sites' services. */
  build(ctx: SimulateStatic, block: number): void {
    const { matrixOffsets: mOff, matrixIndex: mIdx, matrixMetres: mMet, siteServiceOffsets: sOff, siteServiceIndex: sIdx } = ctx;
    const nS = this.nearest.length;
    const off = this.offsets;
    off.fill(0);
    const r0 = mOff[block];
    const r1 = mOff[block + 1];
    for (let p = r0; p < r1; p++) {
      const j = mIdx[p];
      for (let k = sOff[j]; k < sOff[j + 1]; k++) off[sIdx[k] + 1]++;
    }
    for (let s = 0; s < nS; s++) off[s + 1] += off[s];
    if (off[nS] > this.site.length) {
      this.site = new Int32Array(off[nS] * 2);
      this.metres = new Float64Array(off[nS] * 2);
    }
    const { site, metres, fillAt } = this;
    fillAt.set(off.subarray(0, nS));
    for (let p = r0; p < r1; p++) {
      const j = mIdx[p];
      for (let k = sOff[j]; k < sOff[j + 1]; k++) {
        const q = fillAt[sIdx[k]]++;
        site[q] = j;
        metres[q] = mMet[p];
      }
    }
    for (let s = 0; s < nS; s++) {
      let best = -1;
      let bestM = Infinity;
      for (let q = off[s]; q < off[s + 1]; q++) {
        if (metres[q] < bestM) {
          bestM = metres[q];
          best = q;
        }
      }
      this.nearest[s] = best;
    }
  }

  /** Metres to the nearest site offering service s (Infinity when none is within reach). */
  nearestMetres(s: number): number {
    const q = this.nearest[s];
    return q >= 0 ? this.metres[q] : Infinity;
  }

  /**
   * The walk a resident must manage to reach every service flagged in `basic` (F15): the longest of
   * the nearest-site distances, Infinity when one is out of reach, 0 when no service is flagged.
   */
  farthestNearest(basic: Uint8Array): number {
    let far = 0;
    for (let s = 0; s < this.nearest.length; s++) {
      if (!basic[s]) continue;
      const m = this.nearestMetres(s);
      if (m > far) far = m;
    }
    return far;
  }
}
