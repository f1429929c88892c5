/**
 * The one reader of HiGHS outcomes: HiGHS's model status codes and names, and what a run (its status,
 * whether it holds a solution, its dual bound, a worker failure) means to the solvers: proved
 * optimal, proved infeasible, stopped on a limit, a solution and a bound to use.
 */

/** HiGHS model status names by code (HighsModelStatus). */
const STATUS_NAMES: Record<number, string> = {
  0: 'notSet', 1: 'loadError', 2: 'modelError', 3: 'presolveError', 4: 'solveError', 5: 'postsolveError', 6: 'empty',
  7: 'optimal', 8: 'infeasible', 9: 'unboundedOrInfeasible', 10: 'unbounded', 11: 'objectiveBound', 12: 'objectiveTarget',
  13: 'timeLimit', 14: 'iterationLimit', 15: 'unknown', 16: 'solutionLimit', 17: 'interrupted',
};

/** Statuses of a run stopped before it could prove anything. */
const LIMITS = new Set(['timeLimit', 'iterationLimit', 'interrupted']);

/** The name of a HiGHS model status code (`status<code>` for an unknown one). */
export function highsStatusName(code: number): string {
  return STATUS_NAMES[code] ?? `status${code}`;
}

/** A HiGHS run as reported: the model status name, and what the worker could add. */
export interface HighsReport {
  modelStatus: string;
  hasSolution?: boolean;
  /** MIP dual bound (or LP optimum); NaN when unavailable. */
  dualBound?: number;
  /** Set when the worker failed or was killed: its message. */
  failure?: string;
}

export interface HighsOutcome {
  /** The worker failed or was killed: nothing is known about the model. */
  failed: boolean;
  /** HiGHS proved its solution optimal (up to its gap settings and tolerances). */
  optimal: boolean;
  /** HiGHS proved that the model has no feasible solution. */
  infeasible: boolean;
  /** HiGHS stopped on its time or iteration limit, or was interrupted. */
  hitLimit: boolean;
  /** A primal solution is available. */
  hasSolution: boolean;
  /** A finite dual bound is available. */
  hasBound: boolean;
  /** The failure message or HiGHS's status name, for notes. */
  label: string;
}

export function readHighs(r: HighsReport): HighsOutcome {
  const failed = r.failure !== undefined;
  return {
    failed,
    optimal: !failed && r.modelStatus === 'optimal',
    infeasible: !failed && r.modelStatus === 'infeasible',
    hitLimit: !failed && LIMITS.has(r.modelStatus),
    hasSolution: !failed && r.hasSolution === true,
    hasBound: !failed && Number.isFinite(r.dualBound),
    label: r.failure ?? r.modelStatus,
  };
}
