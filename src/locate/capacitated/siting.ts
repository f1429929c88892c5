/**
 * The living-circle siting model with capacities (opt-in): the coverage instance of src/locate/siting.ts
 * plus, for each unit u, its demand d_u (expected visits per day, unweighted) and, for each option k
 * (a space converted to a service), its capacity cap_k (the service's visits per day). Demand is
 * assigned: a_uk = share of unit u's visits served by option k, and
 *
 *   maximise  pre-covered weight + sum_u w_u sum_k a_uk            (w_u: visits x age weight)
 *   subject to sum_k a_uk <= 1,  a_uk <= x_k,  sum_u d_u a_uk <= cap_k x_k   (visits, not weights)
 *              and every constraint of the coverage model on x (conversions, cost, floor area, minimum counts)
 *
 * so the age weights act on the objective only. Units existing facilities reach are served by them.
 * The MILP runs in HiGHS (worker), warm-started from the greedy selection; the open options it returns
 * are re-evaluated from scratch by a maximum-profit flow (profit w_u / d_u per visit), which is the
 * exact best assignment of those options. Equity floors are not combined with capacities here.
 */
import type { CoverageInstance } from '../model/coverage.ts';
import { hasEquity } from '../model/coverage.ts';
import { LpText, optionRows } from '../model/lpFormat.ts';
import { preCoveredWeight, selectionToMask, totalWeight, uncoverableWeight, violations } from '../model/evaluate.ts';
import { boundProvesOptimal, makeResult, type LocateResult, type SolveStatus } from '../model/result.ts';
import { readHighs } from '../solvers/highs/outcome.ts';
import { solveCoverage } from '../solvers/solveCoverage.ts';
import { simpleBound } from '../solvers/steps/simpleBound.ts';
import { withPool, type Pool } from '../../parallel/pool.ts';
import { minCostFlow } from './flow.ts';
import { runMilp } from './solve.ts';

export interface CapacitatedSitingOptions {
  timeLimit?: number;
  seed?: number;
  pool?: Pool;
}

export interface CapacitatedSitingResult {
  result: LocateResult;
  /** Visits per day assigned to each option (0 for closed ones). */
  optionLoad: Float64Array;
}

/** A unit the model assigns: not pre-covered, reachable, with demand. */
const assignable = (inst: CoverageInstance, demand: Float64Array, u: number): boolean =>
  !inst.preCovered[u] && inst.coverStart[u + 1] > inst.coverStart[u] && inst.weight[u] > 0 && demand[u] > 0;

/** The exact best assignment of the open options: covered weight (without pre-covered) and visits per option. */
export function evaluateCapacitatedSiting(inst: CoverageInstance, demand: Float64Array, capacity: Float64Array, open: Uint8Array): { objective: number; load: Float64Array; feasible: boolean } {
  const supply = new Float64Array(inst.nUnits);
  const profit = new Float64Array(inst.coverOptions.length);
  for (let u = 0; u < inst.nUnits; u++) {
    if (!assignable(inst, demand, u)) continue;
    supply[u] = demand[u];
    for (let e = inst.coverStart[u]; e < inst.coverStart[u + 1]; e++) profit[e] = -inst.weight[u] / demand[u];
  }
  const cap = Float64Array.from(capacity, (c) => (Number.isFinite(c) ? c : Infinity));
  const f = minCostFlow({ n: inst.nUnits, m: inst.nOptions, supply, capacity: cap, start: inst.coverStart, site: inst.coverOptions, cost: profit, open }, true);
  const load = new Float64Array(inst.nOptions);
  for (let e = 0; e < f.arcFlow.length; e++) load[inst.coverOptions[e]] += f.arcFlow[e];
  return { objective: -f.cost, load, feasible: violations(inst, open).length === 0 };
}

export function capacitatedSitingLp(inst: CoverageInstance, demand: Float64Array, capacity: Float64Array): string {
  const lp = new LpText();
  const obj: [number, string][] = [];
  for (let u = 0; u < inst.nUnits; u++) {
    if (!assignable(inst, demand, u)) continue;
    for (let e = inst.coverStart[u]; e < inst.coverStart[u + 1]; e++) obj.push([inst.weight[u], `a${u}_${inst.coverOptions[e]}`]);
  }
  lp.objective('Maximize', obj);
  lp.line('Subject To');
  const aVars: string[] = [];
  const perOption: [number, string][][] = Array.from({ length: inst.nOptions }, () => []);
  for (let u = 0; u < inst.nUnits; u++) {
    if (!assignable(inst, demand, u)) continue;
    const terms: [number, string][] = [];
    for (let e = inst.coverStart[u]; e < inst.coverStart[u + 1]; e++) {
      const k = inst.coverOptions[e];
      const v = `a${u}_${k}`;
      terms.push([1, v]);
      aVars.push(v);
      perOption[k].push([demand[u], v]);
      lp.row(`l${u}_${k}`, [[1, v], [-1, `x${k}`]], '<=', 0);
    }
    lp.row(`c${u}`, terms, '<=', 1);
  }
  for (let k = 0; k < inst.nOptions; k++) if (perOption[k].length && Number.isFinite(capacity[k])) lp.row(`q${k}`, [...perOption[k], [-capacity[k], `x${k}`]], '<=', 0);
  const allX = optionRows(lp, inst);
  lp.line('Bounds');
  for (const v of aVars) lp.line(` 0 <= ${v} <= 1`);
  for (const k of inst.mustOpen) lp.line(` x${k} = 1`);
  lp.list('Binaries', allX.map(([, v]) => v));
  lp.line('End');
  return lp.toString();
}

export async function solveCapacitatedSiting(inst: CoverageInstance, demand: Float64Array, capacity: Float64Array, opts: CapacitatedSitingOptions = {}): Promise<CapacitatedSitingResult> {
  if (hasEquity(inst)) throw new RangeError('capacitated siting: equity floors together with capacities are not supported');
  const t0 = performance.now();
  const timeLimit = opts.timeLimit ?? 60;
  const notes: string[] = [];
  const timings: Record<string, number> = {};
  const pre = preCoveredWeight(inst);
  let bound = simpleBound(inst); // capacities only lower what can be covered
  // Incumbent: the greedy selection of the coverage model (feasible for every constraint on x), assigned exactly.
  const tg = performance.now();
  const g = await solveCoverage(inst, { solver: 'greedy', timeLimit: Math.max(1, timeLimit / 10), seed: opts.seed });
  let best: { open: Uint8Array; objective: number; load: Float64Array } | undefined;
  if (g.status !== 'infeasible' && g.status !== 'error') {
    const open = selectionToMask(inst.nOptions, g.selected);
    const ev = evaluateCapacitatedSiting(inst, demand, capacity, open);
    if (ev.feasible) best = { open, objective: ev.objective, load: ev.load };
  }
  timings.greedy = performance.now() - tg;
  notes.push(best ? `greedy (capacities assigned): ${best.objective}` : 'greedy: no feasible selection');
  const lp = capacitatedSitingLp(inst, demand, capacity);
  let start: { names: string[]; values: Float64Array } | undefined;
  if (best) {
    const names: string[] = [];
    const values: number[] = [];
    for (let k = 0; k < inst.nOptions; k++) {
      names.push(`x${k}`);
      values.push(best.open[k]);
    }
    start = { names, values: Float64Array.from(values) };
  }
  const th = performance.now();
  const r = await withPool(opts.pool, 1, (pool) => runMilp(lp, Math.max(0.1, timeLimit - (performance.now() - t0) / 1000), start, pool));
  timings.exact = performance.now() - th;
  const o = readHighs(r);
  notes.push(`exact (HiGHS, capacitated): ${o.label}, objective ${r.objective}, dual bound ${r.dualBound}, warm start ${r.warmStart}`);
  let agrees = false;
  if (o.hasSolution) {
    const open = new Uint8Array(inst.nOptions);
    for (const s of r.selectedNames) if (s.startsWith('x')) open[Number(s.slice(1))] = 1;
    const ev = evaluateCapacitatedSiting(inst, demand, capacity, open);
    if (!ev.feasible) notes.push('exact: its selection violates a constraint; not kept');
    else {
      notes.push(`re-evaluated from scratch (maximum-profit flow): ${ev.objective}`);
      agrees = Math.abs(ev.objective - r.objective) <= 1e-6 * Math.max(1, Math.abs(r.objective));
      if (!best || ev.objective > best.objective) best = { open, objective: ev.objective, load: ev.load };
    }
  }
  let status: SolveStatus;
  if (!best) status = o.infeasible ? 'infeasible' : o.hitLimit ? 'time-limit' : 'error';
  else {
    if (o.hasBound && !o.infeasible) bound = Math.min(bound, r.dualBound);
    if (bound < best.objective) bound = best.objective; // tolerances
    const tol = 1e-6 * Math.max(1, Math.abs(best.objective));
    if (o.optimal && agrees && bound - best.objective <= tol) status = 'optimal';
    else if (boundProvesOptimal(best.objective, bound, 'max', false)) status = 'optimal';
    else status = o.hitLimit ? 'time-limit' : 'feasible';
  }
  const selected: number[] = [];
  if (best) for (let k = 0; k < inst.nOptions; k++) if (best.open[k]) selected.push(k);
  const objective = best ? best.objective + pre : NaN;
  const result = makeResult({
    model: 'coverage',
    solver: 'exact',
    sense: 'max',
    status,
    objective,
    bound: bound + pre,
    selected,
    optionIds: inst.optionIds,
    coveredWeight: Number.isFinite(objective) ? objective : pre,
    totalWeight: totalWeight(inst),
    uncoverableWeight: uncoverableWeight(inst),
    timings,
    t0,
    notes,
    seed: opts.seed ?? 1,
  });
  return { result, optionLoad: best?.load ?? new Float64Array(inst.nOptions) };
}
