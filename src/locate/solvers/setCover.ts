/**
 * Set covering heuristics for LSCP and the p-center radius search: a greedy cover (most newly covered
 * units per cost, then redundant options dropped) and a lower bound on the cost of any cover (a
 * packing of units whose covering sets are pairwise disjoint: each needs its own option).
 */
import type { CoverageInstance } from '../model/coverage.ts';
import { CoverState } from '../model/coverState.ts';

/** Greedy set cover (covered-units per cost), then drop sites made redundant. */
export function greedySetCover(inst: CoverageInstance): number[] {
  const st = new CoverState(inst);
  for (const k of inst.mustOpen) if (!st.open[k]) st.add(k);
  // count-based gains: treat every unit as weight 1
  const need = new Uint8Array(inst.nUnits);
  for (let u = 0; u < inst.nUnits; u++) need[u] = !inst.preCovered[u] && inst.coverStart[u + 1] > inst.coverStart[u] && st.count[u] === 0 ? 1 : 0;
  const gain = new Float64Array(inst.nOptions);
  for (let k = 0; k < inst.nOptions; k++) for (let e = inst.optStart[k]; e < inst.optStart[k + 1]; e++) gain[k] += need[inst.optUnits[e]];
  for (;;) {
    let best = -1;
    let bestScore = 0;
    for (let k = 0; k < inst.nOptions; k++) {
      if (st.open[k] || gain[k] <= 0) continue;
      const s = inst.cost[k] > 0 ? gain[k] / inst.cost[k] : Infinity;
      if (best < 0 || s > bestScore) {
        best = k;
        bestScore = s;
      }
    }
    if (best < 0) break;
    st.add(best);
    for (let e = inst.optStart[best]; e < inst.optStart[best + 1]; e++) {
      const u = inst.optUnits[e];
      if (!need[u]) continue;
      need[u] = 0;
      for (let f = inst.coverStart[u]; f < inst.coverStart[u + 1]; f++) gain[inst.coverOptions[f]]--;
    }
  }
  // drop redundant (most expensive first)
  const sel = st.selection().filter((k) => !st.must[k]).sort((a, b) => inst.cost[b] - inst.cost[a] || b - a);
  for (const k of sel) {
    let redundant = true;
    for (let e = inst.optStart[k]; e < inst.optStart[k + 1] && redundant; e++) {
      const u = inst.optUnits[e];
      if (!inst.preCovered[u] && st.count[u] === 1) redundant = false;
    }
    if (redundant) st.remove(k);
  }
  return st.selection();
}

/** Lower bound: must-open cost + a greedy packing of clients whose covering sets are pairwise disjoint, each needing its cheapest site. */
export function packingBound(inst: CoverageInstance): number {
  const must = new Uint8Array(inst.nOptions);
  let b = 0;
  for (const k of inst.mustOpen) if (!must[k]) {
    must[k] = 1;
    b += inst.cost[k];
  }
  const used = new Uint8Array(inst.nOptions);
  const units: number[] = [];
  for (let u = 0; u < inst.nUnits; u++) {
    if (inst.preCovered[u] || inst.coverStart[u + 1] === inst.coverStart[u]) continue;
    let byMust = false;
    for (let e = inst.coverStart[u]; e < inst.coverStart[u + 1]; e++) if (must[inst.coverOptions[e]]) byMust = true;
    if (!byMust) units.push(u);
  }
  units.sort((a, c) => inst.coverStart[a + 1] - inst.coverStart[a] - (inst.coverStart[c + 1] - inst.coverStart[c]) || a - c);
  for (const u of units) {
    let free = true;
    let cheapest = Infinity;
    for (let e = inst.coverStart[u]; e < inst.coverStart[u + 1]; e++) {
      const k = inst.coverOptions[e];
      if (used[k]) free = false;
      cheapest = Math.min(cheapest, inst.cost[k]);
    }
    if (!free) continue;
    for (let e = inst.coverStart[u]; e < inst.coverStart[u + 1]; e++) used[inst.coverOptions[e]] = 1;
    b += cheapest;
  }
  return b;
}
