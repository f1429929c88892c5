/**
 * The one result type every location solver returns, whatever the model (LSCP, MCLP, p-median,
 * p-center, or the generalized coverage model) and whatever the solver, and its one builder
 * (`makeResult`, in the style of spopt's locate/base.py: every model hands over its solution, bound
 * and status, and the result is completed here).
 *
 * Honesty rules: `status` is 'optimal' only when optimality was proved (by HiGHS, or because a valid
 * bound meets the objective); `bound` is always valid (>= the optimum for maximisation, <= for
 * minimisation); `gap` = |bound - objective| / |bound| (0 when both are 0), null when it is undefined (no
 * solution, or a bound of 0 under a positive objective), so that nothing written holds NaN or Infinity.
 */
export type LocateModel = 'mclp' | 'lscp' | 'pmedian' | 'pcenter' | 'coverage' | 'cmclp' | 'clscp' | 'cpmedian';
/** The solvers every model accepts (`--solver` of locate, optimize, run and batches). */
export const SOLVER_NAMES = ['auto', 'exact', 'jslp', 'greedy', 'local', 'lagrangian'] as const;
export type SolverName = (typeof SOLVER_NAMES)[number];
export type SolveStatus = 'optimal' | 'time-limit' | 'feasible' | 'infeasible' | 'error';
export type Sense = 'max' | 'min';

export interface LocateResult {
  model: LocateModel;
  solver: SolverName;
  sense: Sense;
  status: SolveStatus;
  /** Objective of the best solution found (NaN when none was found). */
  objective: number;
  /** A valid bound on the optimum: upper for 'max', lower for 'min'. */
  bound: number;
  /** Relative gap between objective and bound (0-1), honestly computed; null when no solution or undefined. */
  gap: number | null;
  /** Chosen option (site) indices, ascending. */
  selected: number[];
  /** Chosen site ids, parallel to `selected`, when the input had ids. */
  selectedIds?: string[];
  /** For each client, the index of the facility serving it (-1: none / uncovered). */
  assignment?: Int32Array;
  /** Weight covered by the chosen (and predefined/existing) facilities. */
  coveredWeight: number;
  /** Total weight of all clients / demand units. */
  totalWeight: number;
  /** 100 * coveredWeight / totalWeight. */
  coveredPercent: number;
  /** Weight of units that no option and no existing facility can ever cover. */
  uncoverableWeight?: number;
  /** Wall-clock milliseconds per phase (reduce, greedy, local, lagrangian, exact, total...). */
  timings: Record<string, number>;
  /** Which sub-solvers ran and what they did, in order. */
  notes: string[];
  /** The seed the randomized parts used. */
  seed: number;
}

/** Honest relative gap between an objective and a bound. */
export function relativeGap(objective: number, bound: number, sense: Sense): number {
  if (!Number.isFinite(objective)) return Infinity;
  if (!Number.isFinite(bound)) return Infinity;
  const diff = sense === 'max' ? bound - objective : objective - bound;
  if (diff <= 0) return 0;
  const denom = Math.abs(bound);
  if (denom === 0) return Infinity;
  return diff / denom;
}

/**
 * True when the bound proves the objective optimal. With integral objective coefficients an
 * objective within less than 1 of the bound is optimal; otherwise a relative tolerance of 1e-9.
 */
export function boundProvesOptimal(objective: number, bound: number, sense: Sense, integral: boolean): boolean {
  if (!Number.isFinite(objective) || !Number.isFinite(bound)) return false;
  const tol = 1e-9 * Math.max(1, Math.abs(bound));
  if (integral) {
    return sense === 'max' ? Math.floor(bound + tol) <= objective + tol : Math.ceil(bound - tol) >= objective - tol;
  }
  return sense === 'max' ? bound - objective <= tol : objective - bound <= tol;
}

/**
 * What a model hands to `makeResult`: its best solution, a valid bound (replaced by the objective when
 * the status is 'optimal'), the status it proved, and its record. `selected` may be in any order;
 * `coveredWeight` is absent for the assignment models (p-median, p-center), which serve every client.
 */
export interface ResultParts
  extends Pick<LocateResult, 'model' | 'solver' | 'sense' | 'status' | 'objective' | 'bound' | 'selected' | 'assignment' | 'totalWeight' | 'uncoverableWeight' | 'timings' | 'notes' | 'seed'> {
  /** Ids of all options (sites), when the input had them. */
  optionIds?: string[];
  coveredWeight?: number;
  /** performance.now() when the solve began; `timings.total` is measured from it. */
  t0: number;
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);
/** Notes print numbers as they come; a missing one (NaN, ±Infinity) reads 'none'. */
const noneForNonFinite = (note: string): string => note.replace(/-?\bInfinity\b|\bNaN\b/g, 'none');

/** Build the LocateResult: sorted selection and its ids, the bound and gap of the status, covered share, total time. */
export function makeResult(p: ResultParts): LocateResult {
  p.timings.total = performance.now() - p.t0;
  const optimal = p.status === 'optimal';
  const selected = [...p.selected].sort((a, b) => a - b);
  const covered = p.coveredWeight ?? p.totalWeight;
  return {
    model: p.model,
    solver: p.solver,
    sense: p.sense,
    status: p.status,
    objective: p.objective,
    bound: optimal ? p.objective : p.bound, // proven: the bound meets the objective (within < 1 for integral weights)
    gap: optimal ? 0 : finiteOrNull(relativeGap(p.objective, p.bound, p.sense)),
    selected,
    selectedIds: p.optionIds ? selected.map((k) => p.optionIds![k]) : undefined,
    assignment: p.assignment,
    coveredWeight: covered,
    totalWeight: p.totalWeight,
    coveredPercent: p.coveredWeight === undefined ? 100 : p.totalWeight > 0 ? (100 * covered) / p.totalWeight : 100,
    ...(p.uncoverableWeight !== undefined && { uncoverableWeight: p.uncoverableWeight }),
    timings: p.timings,
    notes: p.notes.map(noneForNonFinite),
    seed: p.seed,
  };
}
