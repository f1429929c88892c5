/**
 * Solving the generalized coverage model with any solver, returning the shared LocateResult.
 *
 *  exact       greedy incumbent -> HiGHS MILP (worker, warm-started); keeps the better of the two
 *  jslp        javascript-lp-solver (small models); 'optimal' only when a valid bound confirms it
 *  greedy      greedy construction; bound from a short Lagrangian run
 *  local       multi-start swap local search; bound from a Lagrangian run
 *  lagrangian  subgradient bound with repair heuristic
 *  auto        local search -> Lagrangian bound -> reduce (merge units, drop dominated options, fix
 *              by bound) -> LP probing on the worker pool (probe.ts) -> HiGHS on the reduced and
 *              probed model when it is small enough -> best of all
 * Objectives and bounds count pre-covered weight as covered.
 */
import type { CoverageInstance } from './coverage.ts';
import { coverageLp } from './lpFormat.ts';
import { runHighs } from './highs.ts';
import { probeCoverage } from './probe.ts';
import { withPool, type Pool } from '../parallel/pool.ts';
import { greedyState } from './greedy.ts';
import { multiStartLocal } from './multistart.ts';
import { lagrangianBound, fixByBound } from './lagrangian.ts';
import { reduceCoverage, type Reduction } from './reduce.ts';
import { objectiveWeight, selectionToMask, totalWeight, uncoverableWeight, violations } from './evaluate.ts';
import { boundProvesOptimal, relativeGap, type LocateModel, type LocateResult, type SolveStatus, type SolverName } from './result.ts';
import { solveCoverageJslp } from './jslp.ts';

export interface CoverageSolveOptions {
  solver?: SolverName;
  /** Seconds for the whole solve (default 60). */
  timeLimit?: number;
  threads?: number;
  seed?: number;
  /** Local search starts (default 4). */
  starts?: number;
  /** Iterated-local-search kicks per start (default 30; auto 100). */
  kicks?: number;
  /** Relative gap at which the exact solver may stop (default 0). */
  mipRelGap?: number;
  /** auto: run HiGHS only when the reduced model has at most this many coverage nonzeros (default 2,000,000). */
  exactMaxNonzeros?: number;
  /** The model name to report (default 'coverage'). */
  model?: LocateModel;
  /** auto: LP probing before the MILP when the reduced model has at least 40 options (default true). */
  probe?: boolean;
  /** The job's worker pool (else the solver makes and destroys its own where it needs one). */
  pool?: Pool;
}

/** Probing pays only beyond this many options (below, HiGHS alone is quick). */
const PROBE_MIN_OPTIONS = 40;
/** Probe chains: fixed, so that results do not depend on the number of threads. */
const PROBE_CHAINS = 2;

interface Incumbent {
  selection: number[];
  objective: number; // excluding pre-covered weight
}

/** A cheap valid bound: total coverable weight, and the sum of the p largest option weights (+ must-open). */
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

function feasible(inst: CoverageInstance, sel: number[]): boolean {
  return violations(inst, selectionToMask(inst.nOptions, sel)).length === 0;
}

export async function solveCoverage(inst: CoverageInstance, opts: CoverageSolveOptions = {}): Promise<LocateResult> {
  const t0 = performance.now();
  const solver = opts.solver ?? 'auto';
  const timeLimit = opts.timeLimit ?? 60;
  const deadline = t0 + timeLimit * 1000;
  const seed = opts.seed ?? 1;
  const threads = opts.threads ?? 1;
  const starts = opts.starts ?? 4;
  const timings: Record<string, number> = {};
  const notes: string[] = [];
  let inc: Incumbent | undefined;
  let bound = simpleBound(inst);
  let proven = false; // optimality proved by an exact solver
  let infeasible = false;
  let hitLimit = false;
  const offer = (selection: number[], from: string): void => {
    if (!feasible(inst, selection)) {
      notes.push(`${from}: its selection violates a constraint; not kept`);
      return;
    }
    const objective = objectiveWeight(inst, selectionToMask(inst.nOptions, selection));
    if (!inc || objective > inc.objective) inc = { selection: [...selection].sort((a, b) => a - b), objective };
  };
  const phase = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
    const s = performance.now();
    const r = await f();
    timings[name] = (timings[name] ?? 0) + performance.now() - s;
    return r;
  };
  const left = (): number => (deadline - performance.now()) / 1000;

  const runGreedy = async (): Promise<void> => {
    const st = await phase('greedy', () => greedyState(inst));
    notes.push(`greedy: ${st.covered} with ${st.nOpen} options`);
    offer(st.selection(), 'greedy');
  };
  const runLocal = async (budgetMs: number, kicks = opts.kicks ?? 30): Promise<void> => {
    const r = await phase('local', () => multiStartLocal(inst, { seed, starts, threads, timeLimitMs: budgetMs, kicks, pool: opts.pool }));
    notes.push(`local: best ${r.objective} from start ${r.bestStart} of ${r.starts}`);
    offer(r.selection, 'local');
  };
  const runLagrangian = async (maxIterations: number, until: number, keepRepair = true): Promise<ReturnType<typeof lagrangianBound>> => {
    const r = await phase('lagrangian', () => lagrangianBound(inst, { maxIterations, deadline: until, incumbent: inc?.objective }));
    if (r.bound < bound) bound = r.bound;
    notes.push(`lagrangian: bound ${r.bound.toFixed(3)} after ${r.iterations} iterations${keepRepair ? `, repaired ${r.objective}` : ' (bound only)'}`);
    if (keepRepair && r.objective >= 0) offer(r.selection, 'lagrangian repair');
    return r;
  };
  const runExact = async (target: CoverageInstance, optionMap: Int32Array | null, fixed: boolean, pool?: Pool): Promise<void> => {
    const lp = await phase('model', () => coverageLp(target));
    const startSel = inc ? (optionMap ? mapForward(inc.selection, optionMap) : inc.selection) : undefined;
    const r = await phase('exact', () => runHighs(lp, { timeLimit: Math.max(0.1, left()), mipRelGap: opts.mipRelGap, start: startSel, nOptions: target.nOptions, pool }));
    notes.push(`exact (HiGHS${optionMap ? ', reduced model' : ''}): ${r.failure ?? r.modelStatus}, objective ${r.objective}, dual bound ${r.dualBound}, warm start ${r.warmStart}`);
    if (r.failure) return;
    if (r.modelStatus === 'infeasible') {
      if (fixed && inc) {
        proven = true; // no solution better than the incumbent survives the fixings
        bound = Math.min(bound, inc.objective);
      } else infeasible = true;
      return;
    }
    if (r.modelStatus === 'timeLimit' || r.modelStatus === 'interrupted' || r.modelStatus === 'iterationLimit') hitLimit = true;
    if (r.hasSolution) offer(optionMap ? Array.from(r.selected, (k) => optionMap[k]) : r.selected, 'exact');
    if (Number.isFinite(r.dualBound)) {
      // With fixings, solutions excluded by them are no better than the incumbent.
      const b = fixed ? Math.max(r.dualBound, inc?.objective ?? -Infinity) : r.dualBound;
      if (b < bound) bound = b;
    }
    if (r.modelStatus === 'optimal' && r.hasSolution && inc && boundProvesOptimal(inc.objective, bound, 'max', inst.integralWeights)) proven = true;
    // HiGHS proved optimality with a zero gap setting, up to its own tolerances
    if (r.modelStatus === 'optimal' && r.hasSolution && inc && (opts.mipRelGap ?? 0) === 0 && bound - inc.objective <= 1e-6 * Math.max(1, Math.abs(bound))) proven = true;
  };

  /** LP probing of the reduced model on the HiGHS pool, then the MILP on what probing left (same pool). */
  const runProbeThenExact = async (red: Reduction, incumbent: number): Promise<void> => {
    await withPool(opts.pool, Math.min(threads, PROBE_CHAINS), async (pool) => {
      const scale = Math.max(1, Math.abs(incumbent));
      // Solutions better than the incumbent are worth at least this (1 more with integral weights).
      const threshold = inst.integralWeights ? incumbent + 1 - 1e-6 * scale : incumbent - 1e-7 * scale;
      const rounds = Math.ceil(PROBE_CHAINS / Math.min(threads, PROBE_CHAINS));
      const pr = await phase('probe', () => probeCoverage(red.instance, { threshold, timeLimit: (0.5 * left()) / rounds, pool, chains: PROBE_CHAINS }));
      const stopped = pr.complete ? '' : `, stopped: ${pr.stop.replace('time', 'time limit').replace('unproductive', 'probes fixing nothing')}`;
      const lpNote = Number.isNaN(pr.rootBound) ? 'LP not solved in time' : `LP bound ${pr.rootBound.toFixed(3)}, ${pr.excludesAll ? 'nothing beats the incumbent' : `${pr.fixedBound.toFixed(3)} under the fixings`}`;
      notes.push(`probe: ${pr.fixedZero} options closed and ${pr.fixedOne} opened in ${pr.probes} probes (${pr.lpSolves} LP solves${stopped}), ${lpNote}`);
      // The LP bounds the solutions that survive the Lagrangian fixings, i.e. those better than the incumbent.
      if (!Number.isNaN(pr.rootBound)) bound = Math.min(bound, Math.max(pr.rootBound, incumbent));
      if (pr.excludesAll) {
        proven = true;
        bound = Math.min(bound, incumbent);
        return;
      }
      if (Number.isFinite(pr.fixedBound)) bound = Math.min(bound, Math.max(pr.fixedBound, incumbent));
      let target = red;
      if (pr.fixedZero + pr.fixedOne > 0) {
        const red2 = await phase('reduce', () => reduceCoverage(red.instance, { fixZero: pr.fixZero, fixOne: pr.fixOne }));
        notes.push(`reduce: ${red2.unitsBefore} -> ${red2.instance.nUnits} units, ${red2.optionsBefore} -> ${red2.instance.nOptions} options after probing`);
        target = { ...red2, optionMap: red2.optionMap.map((k) => red.optionMap[k]) };
      }
      if (left() < 0.2) notes.push('exact: skipped, no time left');
      else await runExact(target.instance, target.optionMap, target !== red || red.fixedZero + red.fixedOne > 0, pool);
    });
  };

  try {
    switch (solver) {
      case 'greedy':
        await runGreedy();
        await runLagrangian(30, deadline, false);
        break;
      case 'local':
        await runLocal(timeLimit * 700);
        await runLagrangian(300, deadline, false);
        break;
      case 'lagrangian':
        await runGreedy();
        await runLagrangian(1000, deadline);
        break;
      case 'exact':
        await runGreedy();
        await runExact(inst, null, false, opts.pool);
        break;
      case 'jslp': {
        const r = await phase('jslp', () => solveCoverageJslp(inst, { timeLimit: left() }));
        notes.push(`jslp: ${r.finished ? 'finished' : 'stopped on its timeout'}, objective ${r.objective}`);
        if (r.feasible) offer(r.selection, 'jslp');
        await runLagrangian(300, Infinity, false);
        if (!r.feasible && r.finished) notes.push('jslp: reports no feasible solution (not proven)');
        break;
      }
      case 'auto': {
        await runLocal(timeLimit * 200, opts.kicks ?? 100);
        if (inc && boundProvesOptimal(inc.objective, bound, 'max', inst.integralWeights)) {
          notes.push('auto: the incumbent meets the simple bound (every coverable unit covered, or the p largest options disjoint)');
          break;
        }
        const lag = await runLagrangian(300, t0 + timeLimit * 450);
        if (inc && boundProvesOptimal(inc.objective, bound, 'max', inst.integralWeights)) break;
        const fix = inc && lag.lambda ? fixByBound(inst, lag.lambda, inc.objective) : null;
        const red = await phase('reduce', () => reduceCoverage(inst, { fixZero: fix?.zero, fixOne: fix?.one, deadline: t0 + timeLimit * 550 }));
        notes.push(`reduce: ${red.unitsBefore} -> ${red.instance.nUnits} units, ${red.optionsBefore} -> ${red.instance.nOptions} options (${red.dominatedOptions} dominated, ${red.fixedZero} closed and ${red.fixedOne} opened by the bound)`);
        const nnz = red.instance.coverOptions.length;
        const maxNnz = opts.exactMaxNonzeros ?? 2_000_000;
        if (nnz > maxNnz) notes.push(`exact: skipped, reduced model has ${nnz} nonzeros > ${maxNnz}`);
        else if (left() < 0.2) notes.push('exact: skipped, no time left');
        else if ((opts.probe ?? true) && inc && red.instance.nOptions >= PROBE_MIN_OPTIONS) await runProbeThenExact(red, inc.objective);
        else await runExact(red.instance, red.optionMap, red.fixedZero + red.fixedOne > 0, opts.pool);
        break;
      }
      default:
        throw new RangeError(`unknown solver '${String(solver)}'`);
    }
  } catch (e) {
    notes.push(`error: ${(e as Error).message}`);
    return finish(inst, 'error', inc, bound, opts.model ?? 'coverage', solver, timings, notes, seed, t0);
  }
  let status: SolveStatus;
  if (infeasible && !inc) status = 'infeasible';
  else if (!inc) status = 'error';
  else if (proven || boundProvesOptimal(inc.objective, bound, 'max', inst.integralWeights)) status = 'optimal';
  else if ((hitLimit || performance.now() >= deadline) && solver !== 'jslp') status = 'time-limit'; // jslp stopped on its timeout: 'feasible, unproven'
  else status = 'feasible';
  if (!inc && !infeasible) notes.push('no feasible solution found (infeasibility not proven)');
  return finish(inst, status, inc, bound, opts.model ?? 'coverage', solver, timings, notes, seed, t0);
}

function mapForward(selection: number[], optionMap: Int32Array): number[] {
  const back = new Map<number, number>();
  optionMap.forEach((orig, red) => back.set(orig, red));
  const out: number[] = [];
  for (const k of selection) {
    const r = back.get(k);
    if (r !== undefined) out.push(r);
  }
  return out;
}

function finish(inst: CoverageInstance, status: SolveStatus, inc: Incumbent | undefined, bound: number, model: LocateModel, solver: SolverName, timings: Record<string, number>, notes: string[], seed: number, t0: number): LocateResult {
  let pre = 0;
  for (let u = 0; u < inst.nUnits; u++) if (inst.preCovered[u]) pre += inst.weight[u];
  const total = totalWeight(inst);
  const objective = inc ? inc.objective + pre : NaN;
  const b = bound + pre;
  const selected = inc?.selection ?? [];
  const assignment = new Int32Array(inst.nUnits).fill(-1);
  const open = selectionToMask(inst.nOptions, selected);
  for (let u = 0; u < inst.nUnits; u++) for (let e = inst.coverStart[u]; e < inst.coverStart[u + 1]; e++) if (open[inst.coverOptions[e]]) {
    assignment[u] = inst.coverOptions[e];
    break;
  }
  timings.total = performance.now() - t0;
  return {
    model,
    solver,
    sense: 'max',
    status,
    objective,
    bound: status === 'optimal' ? objective : b, // proven: the bound meets the objective (within < 1 for integral weights)
    gap: status === 'optimal' ? 0 : relativeGap(objective, b, 'max'),
    selected,
    selectedIds: inst.optionIds ? selected.map((k) => inst.optionIds![k]) : undefined,
    assignment,
    coveredWeight: Number.isFinite(objective) ? objective : pre,
    totalWeight: total,
    coveredPercent: total > 0 ? (100 * (Number.isFinite(objective) ? objective : pre)) / total : 100,
    uncoverableWeight: uncoverableWeight(inst),
    timings,
    notes,
    seed,
  };
}
