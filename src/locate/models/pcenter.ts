/**
 * p-center: open p sites minimising the largest cost from any client to its nearest open site.
 * Solved as a search over the sorted distinct costs r: r is achievable iff the clients can all be
 * covered within r (cost <= r) by at most p sites (predefined ones included) — a set-covering
 * question answered exactly by HiGHS (exact/auto) or, for heuristics, by greedy set cover (which
 * can only prove achievability). The lower end starts at the largest nearest-candidate cost,
 * the upper end at a farthest-first + greedy solution.
 */
import { coverageFromCosts, type CostMatrix } from '../model/costMatrix.ts';
import { setCoverLp } from '../model/lpFormat.ts';
import { runHighs } from '../solvers/highs/highs.ts';
import { readHighs } from '../solvers/highs/outcome.ts';
import { greedySetCover, packingBound } from '../solvers/setCover.ts';
import { makeResult, type LocateResult, type SolveStatus } from '../model/result.ts';
import type { ClassicOptions } from './common.ts';

function maxCost(cm: CostMatrix, open: number[]): { value: number; assignment: Int32Array } {
  const { nClients: n, nSites: m, cost } = cm;
  const assignment = new Int32Array(n).fill(-1);
  let worst = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (const j of open) if (cost[i * m + j] < best) {
      best = cost[i * m + j];
      assignment[i] = j;
    }
    if (cm.weight[i] > 0 && best > worst) worst = best;
  }
  return { value: worst, assignment };
}

export async function pcenter(cm: CostMatrix, p: number, opts: ClassicOptions = {}): Promise<LocateResult> {
  const t0 = performance.now();
  const solver = opts.solver ?? 'auto';
  const exact = solver === 'auto' || solver === 'exact' || solver === 'jslp';
  const predefined = opts.predefined ?? [];
  if (predefined.length > p) throw new RangeError(`${predefined.length} predefined sites exceed p = ${p}`);
  const deadline = t0 + (opts.timeLimit ?? 60) * 1000;
  const { nClients: n, nSites: m, cost } = cm;
  const notes: string[] = [];
  // Candidate radii, and the lower bound: every client needs some site.
  let lower = 0;
  for (let i = 0; i < n; i++) {
    if (cm.weight[i] <= 0) continue;
    let best = Infinity;
    for (let j = 0; j < m; j++) best = Math.min(best, cost[i * m + j]);
    lower = Math.max(lower, best);
  }
  const radii = Array.from(new Set(Array.from(cost).filter((v) => Number.isFinite(v) && v >= lower))).sort((a, b) => a - b);
  // Upper: greedy farthest-first from the predefined sites.
  const sel = [...new Set(predefined)];
  if (sel.length === 0) sel.push(0);
  while (sel.length < p) {
    const { assignment } = maxCost(cm, sel);
    let far = -1;
    let farD = -1;
    for (let i = 0; i < n; i++) {
      const d = assignment[i] < 0 ? Infinity : cost[i * m + assignment[i]];
      if (cm.weight[i] > 0 && d > farD) {
        farD = d;
        far = i;
      }
    }
    let bestJ = -1;
    for (let j = 0; j < m; j++) if (!sel.includes(j) && (bestJ < 0 || cost[far * m + j] < cost[far * m + bestJ])) bestJ = j;
    if (bestJ < 0) break;
    sel.push(bestJ);
  }
  let best = sel.sort((a, b) => a - b);
  let objective = maxCost(cm, best).value;
  notes.push(`farthest-first: ${objective}`);
  let lowIdx = 0; // radii[lowIdx] is the smallest radius not yet proven infeasible
  let bound = lower;
  let hitLimit = false;
  const onlyWeighted = (r: number) => {
    const inst = coverageFromCosts(cm, r, { mustOpen: predefined });
    // clients with zero weight need no cover
    for (let i = 0; i < n; i++) if (cm.weight[i] <= 0) inst.preCovered[i] = 1;
    return inst;
  };
  let hi = radii.findIndex((r) => r >= objective);
  if (hi < 0) hi = radii.length - 1;
  while (lowIdx < hi) {
    if (performance.now() > deadline) {
      hitLimit = true;
      break;
    }
    const mid = (lowIdx + hi) >> 1;
    const inst = onlyWeighted(radii[mid]);
    let feasible: boolean | undefined;
    let chosen: number[] | undefined;
    const g = greedySetCover(inst);
    if (g.length <= p) {
      feasible = true;
      chosen = g;
    } else if (packingBound(inst) > p) feasible = false;
    else if (exact) {
      const r = await runHighs(setCoverLp(inst), { timeLimit: Math.max(0.1, (deadline - performance.now()) / 1000), start: g, nOptions: m });
      const o = readHighs(r);
      if (o.hasSolution && r.selected.length <= p) {
        feasible = true;
        chosen = r.selected;
      } else if (o.optimal && o.hasSolution) feasible = false;
      else if (o.infeasible) feasible = false;
      else {
        notes.push(`radius ${radii[mid]}: HiGHS ${o.label}, undecided`);
        hitLimit = true;
        break;
      }
    } else {
      notes.push(`radius ${radii[mid]}: greedy needs ${g.length} > p sites; heuristic cannot decide`);
      // heuristic: treat as infeasible for the search but do not raise the bound
      lowIdx = mid + 1;
      continue;
    }
    if (feasible) {
      hi = mid;
      const filled = [...chosen!];
      for (let j = 0; filled.length < p && j < m; j++) if (!filled.includes(j)) filled.push(j);
      const v = maxCost(cm, filled).value;
      if (v < objective) {
        objective = v;
        best = filled.sort((a, b) => a - b);
      }
    } else {
      lowIdx = mid + 1;
      bound = Math.max(bound, radii[mid + 1] ?? radii[mid]);
    }
  }
  if (exact && lowIdx >= hi && !hitLimit) bound = Math.max(bound, radii[hi] ?? objective);
  bound = Math.min(bound, objective);
  const proven = bound >= objective; // infeasibility is monotone in r, so every proven-infeasible radius bounds the optimum
  notes.push(`radius search over ${radii.length} candidate radii: ${objective}, lower bound ${bound}`);
  const status: SolveStatus = proven ? 'optimal' : hitLimit ? 'time-limit' : 'feasible';
  let totalW = 0;
  for (let i = 0; i < n; i++) totalW += cm.weight[i];
  return makeResult({
    model: 'pcenter',
    solver,
    sense: 'min',
    status,
    objective,
    bound,
    selected: best,
    optionIds: cm.siteIds,
    assignment: maxCost(cm, best).assignment,
    totalWeight: totalW,
    timings: {},
    t0,
    notes,
    seed: opts.seed ?? 1,
  });
}
