/** optimizeScenario: build the living-circle siting model from demand, solve it, and return the plan with the solver's honest record. */
import { AGE_BANDS } from '../core/ageBands.ts';
import type { LocateResult, SolverName } from '../locate/model/result.ts';
import { sitingCoverage } from '../locate/siting.ts';
import type { Pool } from '../parallel/pool.ts';
import type { Plan } from '../plan/types.ts';
import type { Scenario } from '../scenario/types.ts';
import type { SparseDistanceMatrix } from '../travel/matrix.ts';
import { nearestMetres } from '../coverage/nearest.ts';
import type { PlanExplanation } from '../plan/explanation.ts';
import { siteCatalogue } from '../travel/sites.ts';
import { explainPlan } from './explain.ts';
import { diagnoseInfeasible } from './infeasible.ts';
import { buildSitingModel, selectionToPlan, type SitingModel } from './sitingModel.ts';
import { solveSiting } from './solveSiting.ts';
import { solveCapacitatedSiting } from '../locate/capacitated/siting.ts';
import { InputError } from '../core/errors.ts';
import { capacitatedRecord, optionCapacities, type CapacitatedRecord } from './capacitatedPlan.ts';

export interface OptimizeOptions {
  solver?: SolverName;
  /** Seconds for the solver (default 60). */
  timeLimit?: number;
  threads?: number;
  /** Seed of the randomized heuristics (default: the scenario's seed). */
  seed?: number;
  /** Local search starts (default 4). */
  starts?: number;
  /** The job's worker pool, for the solver's workers (else it makes and destroys its own where it needs one). */
  pool?: Pool;
  /** Metres from each block to today's nearest site per service (coverage/static.ts nearestOpen), when the caller holds them. */
  todayNearest?: Float64Array;
  /**
   * Explain the plan (plan.json's `explanation`); `reSolve` measures the shadow values by solving the
   * model again with relaxed limits (two or three more solves; off in batches), at city scale bracketed
   * unless `proveAtCityScale` (src/optimize/explain.ts). Default: no explanation.
   */
  explain?: { reSolve: boolean; proveAtCityScale?: boolean };
  /**
   * Capacitated mode (also `constraints.capacitated` in scenario.json): visits assigned to each
   * conversion at most its service's capacity, solved exactly by HiGHS on the model with assignment
   * variables; no explanation is given in this mode.
   */
  capacitated?: boolean;
  /**
   * Called with the plan as soon as it is final, before it is explained, so that the caller can start
   * on it meanwhile (`run` writes its coverage table and blocks layer then); `poolBusy` when the
   * explanation will solve the model again on the pool (a proven plan with `explain.reSolve`).
   */
  onPlan?: (plan: Plan, poolBusy: boolean) => void;
}

export interface SolverRecord {
  solver: SolverName;
  status: LocateResult['status'];
  /** Weighted demand covered (objective), a valid upper bound on it, and the relative gap (0-1; null when undefined). */
  objective: number;
  bound: number;
  gap: number | null;
  seed: number;
  notes: string[];
}

export interface ModelRecord {
  units: number;
  options: number;
  nonzeros: number;
  /** Weighted daily trips: all, covered by existing facilities, never coverable by any idle space. */
  totalWeight: number;
  preCoveredWeight: number;
  uncoverableWeight: number;
  /** Never-coverable weight by service and by age band. */
  uncoverableByService: Record<string, number>;
  uncoverableByAgeBand: Record<string, number>;
  /** Share of weighted demand covered today and with the plan. */
  coveredShareToday: number;
  coveredShareWithPlan: number;
}

export interface OptimizeOutcome {
  plan: Plan;
  result: LocateResult;
  solver: SolverRecord;
  model: ModelRecord;
  /** Why the plan is what it is (when asked for with `explain`). */
  explanation?: PlanExplanation;
  /** Capacitated mode: the visits per day assigned to each conversion. */
  capacitated?: CapacitatedRecord;
  /** Wall-clock milliseconds (not written to deterministic outputs). */
  timings: Record<string, number>;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

function modelRecord(sc: Scenario, m: SitingModel, objective: number): ModelRecord {
  const bySvc: Record<string, number> = Object.fromEntries(sc.services.map((s) => [s.id, 0]));
  const byBand: Record<string, number> = Object.fromEntries(AGE_BANDS.map((b) => [b, 0]));
  const { input } = m;
  for (let u = 0; u < input.unitWeight.length; u++) {
    if (input.preCovered![u] || input.reachStart[u + 1] > input.reachStart[u]) continue;
    bySvc[sc.services[m.unitService[u]].id] += input.unitWeight[u];
    byBand[AGE_BANDS[m.unitBand[u]]] += input.unitWeight[u];
  }
  for (const k of Object.keys(bySvc)) bySvc[k] = r3(bySvc[k]);
  for (const k of Object.keys(byBand)) byBand[k] = r3(byBand[k]);
  return {
    units: input.unitWeight.length,
    options: input.optionSpace.length,
    nonzeros: input.reachOptions.length,
    totalWeight: r3(m.totalWeight),
    preCoveredWeight: r3(m.preCoveredWeight),
    uncoverableWeight: r3(m.uncoverableWeight),
    uncoverableByService: bySvc,
    uncoverableByAgeBand: byBand,
    coveredShareToday: m.totalWeight > 0 ? r3(m.preCoveredWeight / m.totalWeight) : 0,
    coveredShareWithPlan: m.totalWeight > 0 && Number.isFinite(objective) ? r3(objective / m.totalWeight) : 0,
  };
}

export async function optimizeScenario(sc: Scenario, matrix: SparseDistanceMatrix, demand: Float64Array, opts: OptimizeOptions = {}): Promise<OptimizeOutcome> {
  const t0 = performance.now();
  const model = buildSitingModel(sc, matrix, demand, opts.todayNearest);
  const instance = sitingCoverage(model.input);
  const t1 = performance.now();
  const seed = opts.seed ?? sc.seed;
  if (opts.capacitated || sc.constraints.capacitated) return optimizeCapacitated(sc, model, instance, seed, opts, t0, t1);
  const result = await solveSiting(instance, { solver: opts.solver ?? 'auto', timeLimit: opts.timeLimit ?? 60, threads: opts.threads, seed, starts: opts.starts, pool: opts.pool });
  const t2 = performance.now();
  if (result.status === 'infeasible' || result.status === 'error') {
    throw await diagnoseInfeasible(sc, model, result.status === 'infeasible', { timeLimit: Math.min(10, opts.timeLimit ?? 60), pool: opts.pool, seed });
  }
  const plan = selectionToPlan(model, result.selected);
  opts.onPlan?.(plan, !!opts.explain?.reSolve && result.status === 'optimal');
  const pre = r3(model.preCoveredWeight);
  // The steps' notes give objectives of the model they solved (a reduced model leaves out what existing facilities cover).
  const notes = [...result.notes, `objective ${r3(result.objective)} = ${pre} covered by existing facilities + ${r3(result.objective - model.preCoveredWeight)} added by the plan (reduced-model figures above leave out the ${pre} already covered)`];
  let explanation: PlanExplanation | undefined;
  if (opts.explain) {
    const todayNearest = opts.todayNearest ?? nearestMetres(matrix, siteCatalogue(sc), sc.services.length);
    explanation = await explainPlan(sc, matrix, model, result, todayNearest, { reSolve: opts.explain.reSolve, proveAtCityScale: opts.explain.proveAtCityScale, solver: opts.solver ?? 'auto', timeLimit: opts.timeLimit ?? 60, threads: opts.threads, seed, starts: opts.starts, pool: opts.pool });
  }
  const t3 = performance.now();
  return {
    plan,
    result,
    solver: { solver: result.solver, status: result.status, objective: r3(result.objective), bound: r3(result.bound), gap: result.gap === null ? null : +result.gap.toPrecision(6), seed, notes },
    model: modelRecord(sc, model, result.objective),
    ...(explanation && { explanation }),
    timings: { buildModelMs: t1 - t0, solveMs: t2 - t1, ...(explanation && { explainMs: t3 - t2 }), ...result.timings },
  };
}

/** The capacitated mode: HiGHS on the model with assignment variables (src/locate/capacitated/siting.ts). */
async function optimizeCapacitated(sc: Scenario, model: SitingModel, instance: ReturnType<typeof sitingCoverage>, seed: number, opts: OptimizeOptions, t0: number, t1: number): Promise<OptimizeOutcome> {
  const { equity } = sc.constraints;
  if ((equity.ageBandMin ?? 0) > 0 || (equity.blockMin ?? 0) > 0) {
    throw new InputError(sc.source || sc.name, 'the capacitated mode does not combine with equity floors yet; drop constraints.equity or the capacitated mode', undefined, 'constraints.capacitated');
  }
  const { result, optionLoad } = await solveCapacitatedSiting(instance, model.unitDemand, optionCapacities(sc, model), { timeLimit: opts.timeLimit ?? 60, seed, pool: opts.pool });
  const t2 = performance.now();
  if (result.status === 'infeasible' || result.status === 'error') {
    throw await diagnoseInfeasible(sc, model, result.status === 'infeasible', { timeLimit: Math.min(10, opts.timeLimit ?? 60), pool: opts.pool, seed });
  }
  const plan = selectionToPlan(model, result.selected);
  opts.onPlan?.(plan, false);
  const notes = [...result.notes, `capacitated mode: objective ${r3(result.objective)} = ${r3(model.preCoveredWeight)} covered by existing facilities + ${r3(result.objective - model.preCoveredWeight)} assigned to the plan within its capacities`];
  return {
    plan,
    result,
    solver: { solver: result.solver, status: result.status, objective: r3(result.objective), bound: r3(result.bound), gap: result.gap === null ? null : +result.gap.toPrecision(6), seed, notes },
    model: modelRecord(sc, model, result.objective),
    capacitated: capacitatedRecord(sc, model, result.selected, optionLoad),
    timings: { buildModelMs: t1 - t0, solveMs: t2 - t1, ...result.timings },
  };
}
