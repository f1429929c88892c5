/**
 * Solving the generalized coverage model with any solver, returning the shared LocateResult.
 *
 *  exact       greedy incumbent -> HiGHS MILP (worker, warm-started); keeps the better of the two
 *  jslp        javascript-lp-solver (small models); 'optimal' only when a valid bound confirms it
 *  greedy      greedy construction; bound from a short Lagrangian run
 *  local       multi-start swap local search; bound from a Lagrangian run
 *  lagrangian  subgradient bound with repair heuristic
 *  auto        local search -> Lagrangian bound -> reduce (merge units, drop dominated options, fix
 *              by bound) -> LP probing on the worker pool (highs/probe.ts) -> HiGHS on the reduced and
 *              probed model when it is small enough -> best of all (steps/auto.ts)
 * The steps share one SolveState (steps/state.ts); `finish` decides the status and builds the result.
 * Objectives and bounds count pre-covered weight as covered.
 */
import type { CoverageInstance } from '../model/coverage.ts';
import { coverAssignment, preCoveredWeight, totalWeight, uncoverableWeight } from '../model/evaluate.ts';
import { makeResult, type LocateResult, type SolveStatus } from '../model/result.ts';
import { SolveState, type CoverageSolveOptions } from './steps/state.ts';
import { runGreedy, runJslp, runLagrangian, runLocal } from './steps/heuristics.ts';
import { runExact } from './steps/exact.ts';
import { runAuto } from './steps/auto.ts';

export type { CoverageSolveOptions } from './steps/state.ts';

/** The steps each solver runs, in order. */
async function runSolver(s: SolveState): Promise<void> {
  switch (s.solver) {
    case 'greedy':
      await runGreedy(s);
      await runLagrangian(s, 30, s.deadline, false);
      return;
    case 'local':
      await runLocal(s, s.timeLimit * 700);
      await runLagrangian(s, 300, s.deadline, false);
      return;
    case 'lagrangian':
      await runGreedy(s);
      await runLagrangian(s, 1000, s.deadline);
      return;
    case 'exact':
      await runGreedy(s);
      await runExact(s, s.inst, null, false, s.opts.pool);
      return;
    case 'jslp':
      await runJslp(s);
      return;
    case 'auto':
      await runAuto(s);
      return;
    default:
      throw new RangeError(`unknown solver '${String(s.solver)}'`);
  }
}

/** What the steps proved: infeasible, optimal (by HiGHS or the bound), stopped on a limit, or feasible. */
function decideStatus(s: SolveState): SolveStatus {
  if (s.infeasible && !s.incumbent) return 'infeasible';
  if (!s.incumbent) return 'error';
  if (s.proven || s.boundMeetsIncumbent()) return 'optimal';
  if ((s.hitLimit || performance.now() >= s.deadline) && s.solver !== 'jslp') return 'time-limit'; // jslp stopped on its timeout: 'feasible, unproven'
  return 'feasible';
}

/** The result of the solve, pre-covered weight added back to the objective and the bound. */
function finish(s: SolveState, status: SolveStatus): LocateResult {
  const { inst, incumbent } = s;
  const pre = preCoveredWeight(inst);
  const objective = incumbent ? incumbent.objective + pre : NaN;
  const selected = incumbent?.selection ?? [];
  return makeResult({
    model: s.opts.model ?? 'coverage',
    solver: s.solver,
    sense: 'max',
    status,
    objective,
    bound: s.bound + pre,
    selected,
    optionIds: inst.optionIds,
    assignment: coverAssignment(inst, selected),
    coveredWeight: Number.isFinite(objective) ? objective : pre,
    totalWeight: totalWeight(inst),
    uncoverableWeight: uncoverableWeight(inst),
    timings: s.timings,
    t0: s.t0,
    notes: s.notes,
    seed: s.seed,
  });
}

export async function solveCoverage(inst: CoverageInstance, opts: CoverageSolveOptions = {}): Promise<LocateResult> {
  const s = new SolveState(inst, opts);
  try {
    await runSolver(s);
  } catch (e) {
    s.notes.push(`error: ${(e as Error).message}`);
    return finish(s, 'error');
  }
  const status = decideStatus(s);
  if (!s.incumbent && !s.infeasible) s.notes.push('no feasible solution found (infeasibility not proven)');
  return finish(s, status);
}
