/**
 * Solving a capacitated model: a greedy incumbent (heuristic.ts), then (solvers auto and exact) the
 * MILP of lp.ts in HiGHS on a worker thread, warm-started from it. HiGHS's answer is re-evaluated from
 * scratch (evaluate.ts: exact max / min-cost flow of its open sites for split demand, its assignment
 * checked and costed when single-sourced); the status is 'optimal' only when HiGHS proved optimality
 * and the re-evaluated objective meets its proven bound. The result is the one LocateResult
 * (makeResult) plus the demand assigned to each site.
 */
import type { CostMatrix } from '../model/costMatrix.ts';
import { boundProvesOptimal, makeResult, type LocateResult, type SolveStatus, type SolverName } from '../model/result.ts';
import { readHighs } from '../solvers/highs/outcome.ts';
import type { HighsTask, HighsTaskResult } from '../solvers/highs/highsTask.ts';
import { runTask, withPool, type Pool } from '../../parallel/pool.ts';
import { evaluateSingle, evaluateSplit, mainSite } from './evaluate.ts';
import { greedyIncumbent, trivialBound, type Candidate } from './heuristic.ts';
import { capacitatedInstance, weights, type CapacitatedInstance, type CapacitatedModel } from './instance.ts';
import { capacitatedLp, modelClient } from './lp.ts';

export const CAPACITATED_SOLVERS: SolverName[] = ['auto', 'exact', 'greedy'];

export interface CapacitatedOptions {
  solver?: SolverName;
  /** Seconds (default 60). */
  timeLimit?: number;
  seed?: number;
  predefined?: number[];
  singleSource?: boolean;
  pool?: Pool;
}

export interface CapacitatedResult extends LocateResult {
  /** Demand weight assigned to each site (all sites, 0 for closed ones). */
  siteLoad: number[];
  /** Each site's capacity, parallel to siteLoad. */
  siteCapacity: number[];
  singleSource: boolean;
}

/** HiGHS on the LP text in a worker; every column above 0.5 is returned by name. */
export async function runMilp(lp: string, timeLimit: number, start: { names: string[]; values: Float64Array } | undefined, pool: Pool): Promise<HighsTaskResult & { failure?: string }> {
  const task: HighsTask = { kind: 'highs', lp, options: { time_limit: Math.max(0.01, timeLimit), mip_rel_gap: 0, mip_abs_gap: 1e-9 }, selectPrefix: '' };
  if (start) {
    task.startNames = start.names;
    task.startValues = start.values;
  }
  const abort = new AbortController();
  const watchdogMs = (timeLimit * 1.5 + 15) * 1000;
  const timer = setTimeout(() => abort.abort(), watchdogMs);
  try {
    return await runTask<HighsTaskResult>(pool, task, { signal: abort.signal });
  } catch (e) {
    const failure = abort.signal.aborted ? `HiGHS worker killed after ${(watchdogMs / 1000).toFixed(0)} s` : `HiGHS failed: ${(e as Error).message}`;
    return { modelStatus: 'error', hasSolution: false, objective: NaN, dualBound: NaN, selectedNames: [], seconds: NaN, warmStart: 'none', failure };
  } finally {
    clearTimeout(timer);
  }
}

/** The warm start: every x and every a of the model. */
function startOf(inst: CapacitatedInstance, c: Candidate): { names: string[]; values: Float64Array } {
  const names: string[] = [];
  const values: number[] = [];
  for (let j = 0; j < inst.m; j++) {
    names.push(`x${j}`);
    values.push(c.open[j]);
  }
  for (let i = 0; i < inst.n; i++) {
    if (!modelClient(inst, i)) continue;
    for (let e = inst.start[i]; e < inst.start[i + 1]; e++) {
      names.push(`a${i}_${inst.site[e]}`);
      values.push(c.evaluation.arcWeight[e] / inst.weight[i]);
    }
  }
  return { names, values: Float64Array.from(values) };
}

/** HiGHS's solution as a candidate, re-evaluated from scratch. */
function fromHighs(inst: CapacitatedInstance, names: string[]): Candidate {
  const open = new Uint8Array(inst.m);
  const chosen = new Map<number, number>();
  for (const s of names) {
    if (s.startsWith('x')) open[Number(s.slice(1))] = 1;
    else if (s.startsWith('a')) {
      const [i, j] = s.slice(1).split('_').map(Number);
      chosen.set(i, j);
    }
  }
  if (!inst.singleSource) return { open, evaluation: evaluateSplit(inst, open) };
  const clientArc = new Int32Array(inst.n).fill(-1);
  for (const [i, j] of chosen) for (let e = inst.start[i]; e < inst.start[i + 1]; e++) if (inst.site[e] === j) clientArc[i] = e;
  return { open, clientArc, evaluation: evaluateSingle(inst, open, clientArc) };
}

/** The p largest capacities summed (predefined sites first: they are open anyway). */
function topCapacity(inst: CapacitatedInstance): number {
  const must = new Set(inst.mustOpen);
  let sum = 0;
  for (const j of must) sum += inst.capacity[j];
  const rest = Array.from(inst.capacity).filter((_, j) => !must.has(j)).sort((a, b) => b - a);
  for (let t = 0; t < inst.p - must.size && t < rest.length; t++) sum += rest[t];
  return sum;
}

const better = (max: boolean, a: Candidate, b: Candidate | undefined): boolean =>
  a.evaluation.feasible && (!b || (max ? a.evaluation.objective > b.evaluation.objective : a.evaluation.objective < b.evaluation.objective));

export async function solveCapacitated(inst: CapacitatedInstance, cm: CostMatrix, opts: CapacitatedOptions = {}): Promise<CapacitatedResult> {
  const t0 = performance.now();
  const solver = opts.solver ?? 'auto';
  if (!CAPACITATED_SOLVERS.includes(solver)) throw new RangeError(`solver '${solver}' does not solve capacitated models; use ${CAPACITATED_SOLVERS.join(', ')}`);
  const timeLimit = opts.timeLimit ?? 60;
  const max = inst.model === 'cmclp';
  const sense = max ? 'max' : 'min';
  const notes: string[] = [];
  const timings: Record<string, number> = {};
  const { total, unservable } = weights(inst);
  let bound = trivialBound(inst);
  let status: SolveStatus = 'feasible';
  const tg = performance.now();
  let best = greedyIncumbent(inst, cm);
  timings.greedy = performance.now() - tg;
  notes.push(best ? `greedy: ${best.evaluation.objective} with ${best.open.reduce((a, b) => a + b, 0)} sites` : 'greedy: no feasible solution');
  const integral = inst.model === 'clscp' || (inst.model === 'cmclp' && inst.integral);
  // clscp: when every site open cannot serve the demand even split, no selection can
  const allOpen = inst.model === 'clscp' && !best ? evaluateSplit(inst, new Uint8Array(inst.m).fill(1)) : undefined;
  if (inst.model === 'cpmedian' && unservable > 0) {
    status = 'infeasible';
    notes.push(`${unservable} demand weight has no finite cost to any site: every client must be served (proven infeasible)`);
  } else if (inst.model === 'cpmedian' && topCapacity(inst) < total - 1e-9 * Math.max(1, total)) {
    status = 'infeasible';
    notes.push(`the ${inst.p} largest capacities hold ${topCapacity(inst)}, less than the demand ${total} (proven infeasible)`);
  } else if (allOpen && !allOpen.feasible) {
    status = 'infeasible';
    notes.push(`every site open serves only ${allOpen.served} of the demand within the capacities (proven infeasible)`);
  } else if (solver === 'greedy') {
    if (best && boundProvesOptimal(best.evaluation.objective, bound, sense, integral)) status = 'optimal';
    else if (!best) status = 'error';
  } else {
    const lp = capacitatedLp(inst);
    const th = performance.now();
    const r = await withPool(opts.pool, 1, (pool) => runMilp(lp, Math.max(0.1, timeLimit - (performance.now() - t0) / 1000), best ? startOf(inst, best) : undefined, pool));
    timings.exact = performance.now() - th;
    const o = readHighs(r);
    notes.push(`exact (HiGHS): ${o.label}, objective ${r.objective}, dual bound ${r.dualBound}, warm start ${r.warmStart}`);
    let hx: Candidate | undefined;
    if (o.hasSolution) {
      hx = fromHighs(inst, r.selectedNames);
      if (!hx.evaluation.feasible) notes.push(`exact: its solution fails the re-evaluation (${hx.evaluation.reason}); not kept`);
      else notes.push(`re-evaluated from scratch: ${hx.evaluation.objective}`);
      if (better(max, hx, best)) best = hx;
    }
    if (o.infeasible && !best) status = 'infeasible';
    else if (!best) status = o.hitLimit ? 'time-limit' : 'error';
    else {
      if (o.hasBound && !o.infeasible) bound = max ? Math.min(bound, r.dualBound) : Math.max(bound, r.dualBound);
      const obj = best.evaluation.objective;
      const tol = 1e-6 * Math.max(1, Math.abs(obj));
      const agrees = hx !== undefined && hx.evaluation.feasible && Math.abs(hx.evaluation.objective - r.objective) <= tol;
      if (o.optimal && agrees && Math.abs(bound - obj) <= tol) status = 'optimal';
      else if (boundProvesOptimal(obj, bound, sense, integral)) status = 'optimal';
      else status = o.hitLimit ? 'time-limit' : 'feasible';
      if (o.optimal && !agrees) notes.push('exact: HiGHS reports optimal, but its objective differs from the re-evaluation; not claimed optimal');
    }
  }
  if (best && (max ? bound < best.evaluation.objective : bound > best.evaluation.objective)) bound = best.evaluation.objective; // tolerances
  const ev = best?.evaluation;
  const selected: number[] = [];
  if (best) for (let j = 0; j < inst.m; j++) if (best.open[j]) selected.push(j);
  const served = ev ? ev.served : 0;
  const base = makeResult({
    model: inst.model,
    solver,
    sense,
    status,
    objective: ev ? ev.objective : NaN,
    bound,
    selected,
    optionIds: inst.siteIds,
    assignment: ev ? mainSite(inst, ev.arcWeight) : undefined,
    coveredWeight: served,
    totalWeight: total,
    uncoverableWeight: inst.model === 'cpmedian' ? undefined : unservable,
    timings,
    t0,
    notes,
    seed: opts.seed ?? 1,
  });
  return { ...base, siteLoad: ev ? Array.from(ev.load) : new Array(inst.m).fill(0), siteCapacity: Array.from(inst.capacity), singleSource: inst.singleSource };
}

/** Build the instance of a model on a cost matrix and solve it. */
export function capacitated(model: CapacitatedModel, cm: CostMatrix, capacity: Float64Array, spec: { radius?: number; p?: number } & CapacitatedOptions): Promise<CapacitatedResult> {
  const inst = capacitatedInstance(cm, { model, capacity, radius: spec.radius, p: spec.p, mustOpen: spec.predefined, singleSource: spec.singleSource });
  return solveCapacitated(inst, cm, spec);
}
