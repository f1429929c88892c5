/** The worker tasks of HiGHS: a MILP or LP solve, and one chain of LP probes (workers/highs.ts). */

/** Solve one CPLEX-LP-format model with a fresh HiGHS WebAssembly instance (workers/highs.ts). */
export interface HighsTask {
  kind: 'highs';
  lp: string;
  /** HiGHS options, e.g. { time_limit: 30, mip_rel_gap: 0 }. */
  options: Record<string, number | string | boolean>;
  /** Warm start: names and values of (binary) columns; others are left for HiGHS to complete. */
  startNames?: string[];
  startValues?: Float64Array;
  /** Return the names of columns with value > 0.5 whose names start with this prefix. */
  selectPrefix: string;
}
export interface HighsTaskResult {
  /** HiGHS model status name, e.g. 'optimal', 'timeLimit', 'infeasible'. */
  modelStatus: string;
  hasSolution: boolean;
  objective: number;
  /** The MIP dual bound (or the LP optimum for a pure LP); NaN when unavailable. */
  dualBound: number;
  selectedNames: string[];
  seconds: number;
  /** Whether the warm start was accepted by HiGHS. */
  warmStart: 'none' | 'accepted' | 'rejected';
}

/**
 * LP probing of a 0-1 coverage MILP (workers/highs.ts, ./lpProbe.ts): fix x<k> columns that
 * no solution worth at least `threshold` can take. One task is one chain of probes.
 */
export interface HighsProbeTask {
  kind: 'highs-probe';
  lp: string;
  /** Number of options: columns x0..x<nOptions-1>. */
  nOptions: number;
  /** Options this chain probes (the worker orders them from the LP optimum). */
  probe: number[];
  /** Fix an option to 1 - v when the LP with it forced to v is below this. */
  threshold: number;
  /** Seconds this chain may probe (measured in the worker). */
  timeLimit: number;
}
export interface HighsProbeTaskResult {
  /** LP relaxation optimum before any fixing (NaN if the LP did not solve in time). */
  rootBound: number;
  /** LP optimum under all the chain's fixings (-Infinity when they empty it: nothing reaches the threshold). */
  fixedBound: number;
  /** Per option: -1 free, 0 or 1 fixed. */
  fixed: Int8Array;
  probes: number;
  lpSolves: number;
  /** Why the chain stopped: all probed, its time limit, or a run of fruitless probes. */
  stop: 'done' | 'time' | 'unproductive';
  seconds: number;
}
