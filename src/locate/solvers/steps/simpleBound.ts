/** The cheap valid bound a coverage solve starts from, before any Lagrangian or LP bound. */
import type { CoverageInstance } from '../../model/coverage.ts';

/** The smaller of the total coverable weight and the sum of the p largest option weights (+ must-open); pre-covered weight excluded. */
export function simpleBound(inst: CoverageInstance): number {
  let coverable = 0;
  for (let u = 0; u < inst.nUnits; u++) if (!inst.preCovered[u] && inst.coverStart[u + 1] > inst.coverStart[u]) coverable += inst.weight[u];
  if (!Number.isFinite(inst.maxOpen)) return coverable;
  const sizes: number[] = [];
  const must = new Set(inst.mustOpen);
  let mustSum = 0;
  for (let k = 0; k < inst.nOptions; k++) {
    let s = 0;
    for (let e = inst.optStart[k]; e < inst.optStart[k + 1]; e++) if (!inst.preCovered[inst.optUnits[e]]) s += inst.weight[inst.optUnits[e]];
    if (must.has(k)) mustSum += s;
    else sizes.push(s);
  }
  sizes.sort((a, b) => b - a);
  let top = mustSum;
  for (let i = 0; i < inst.maxOpen - must.size && i < sizes.length; i++) top += sizes[i];
  return Math.min(coverable, top);
}
