/**
 * The one result type every location solver returns, whatever the model (LSCP, MCLP, p-median,
 * p-center, or the generalized coverage model) and whatever the solver.
 *
 * Honesty rules: `status` is 'optimal' only when optimality was proved (by HiGHS, or because a valid
 * bound meets the objective); `bound` is always valid (>= the optimum for maximisation, <= for
 * minimisation); `gap` = |bound - objective| / |bound| (0 when both are 0).
 */
export type LocateModel = 'mclp' | 'lscp' | 'pmedian' | 'pcenter' | 'coverage';
export type SolverName = 'auto' | 'exact' | 'jslp' | 'greedy' | 'local' | 'lagrangian';
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
  /** Relative gap between objective and bound, honestly computed; Infinity when no solution. */
  gap: number;
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
