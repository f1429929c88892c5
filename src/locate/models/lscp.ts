/**
 * Location set covering (LSCP): the fewest sites (least total cost) so that every client that some
 * site can reach within `radius` is covered; clients no site reaches are reported as uncoverable.
 * exact/auto/jslp: HiGHS MILP (jslp is mapped to HiGHS, see notes); greedy/local/lagrangian: greedy
 * set cover with redundant sites dropped, bounded below by a packing of clients with pairwise
 * disjoint covering sets (each needs its own site).
 */
import { coverageFromCosts, type CostMatrix } from '../costMatrix.ts';
import type { CoverageInstance } from '../coverage.ts';
import { setCoverLp } from '../lpFormat.ts';
import { runHighs } from '../highs.ts';
import { boundProvesOptimal, relativeGap, type LocateResult, type SolveStatus } from '../result.ts';
import { CoverState } from '../coverState.ts';
import { totalWeight, uncoverableWeight } from '../evaluate.ts';
import type { ClassicOptions } from './common.ts';

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

export async function lscpCoverage(inst: CoverageInstance, opts: ClassicOptions = {}): Promise<LocateResult> {
  const t0 = performance.now();
  const solver = opts.solver ?? 'auto';
  const notes: string[] = [];
  const timings: Record<string, number> = {};
  let sel = greedySetCover(inst);
  const costOf = (s: number[]): number => s.reduce((a, k) => a + inst.cost[k], 0);
  let objective = costOf(sel);
  let bound = packingBound(inst);
  timings.greedy = performance.now() - t0;
  notes.push(`greedy set cover: ${objective}; packing lower bound ${bound}`);
  let hitLimit = false;
  let integral = true;
  for (let k = 0; k < inst.nOptions; k++) if (!Number.isInteger(inst.cost[k])) integral = false;
  if (solver === 'auto' || solver === 'exact' || solver === 'jslp') {
    if (solver === 'jslp') notes.push('jslp: LSCP is solved with HiGHS');
    const s = performance.now();
    const r = await runHighs(setCoverLp(inst), { timeLimit: opts.timeLimit ?? 60, mipRelGap: opts.mipRelGap, start: sel, nOptions: inst.nOptions });
    timings.exact = performance.now() - s;
    notes.push(`exact (HiGHS): ${r.failure ?? r.modelStatus}, objective ${r.objective}, dual bound ${r.dualBound}`);
    if (r.modelStatus === 'timeLimit') hitLimit = true;
    if (r.hasSolution && r.objective < objective) {
      sel = r.selected;
      objective = costOf(sel);
    }
    if (Number.isFinite(r.dualBound) && r.dualBound > bound) bound = r.dualBound;
  }
  if (bound > objective) bound = objective;
  const optimal = boundProvesOptimal(objective, bound, 'min', integral);
  const status: SolveStatus = optimal ? 'optimal' : hitLimit ? 'time-limit' : 'feasible';
  const total = totalWeight(inst);
  const unc = uncoverableWeight(inst);
  const assignment = new Int32Array(inst.nUnits).fill(-1);
  const open = new Uint8Array(inst.nOptions);
  for (const k of sel) open[k] = 1;
  for (let u = 0; u < inst.nUnits; u++) for (let e = inst.coverStart[u]; e < inst.coverStart[u + 1]; e++) if (open[inst.coverOptions[e]]) {
    assignment[u] = inst.coverOptions[e];
    break;
  }
  timings.total = performance.now() - t0;
  return {
    model: 'lscp',
    solver,
    sense: 'min',
    status,
    objective,
    bound: optimal ? objective : bound,
    gap: optimal ? 0 : relativeGap(objective, bound, 'min'),
    selected: [...sel].sort((a, b) => a - b),
    selectedIds: inst.optionIds ? [...sel].sort((a, b) => a - b).map((k) => inst.optionIds![k]) : undefined,
    assignment,
    coveredWeight: total - unc,
    totalWeight: total,
    coveredPercent: total > 0 ? (100 * (total - unc)) / total : 100,
    uncoverableWeight: unc,
    timings,
    notes,
    seed: opts.seed ?? 1,
  };
}

export function lscp(cm: CostMatrix, radius: number, opts: ClassicOptions = {}): Promise<LocateResult> {
  return lscpCoverage(coverageFromCosts(cm, radius, { mustOpen: opts.predefined }), opts);
}
