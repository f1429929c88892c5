/**
 * The state of one coverage solve, shared by its steps (heuristics.ts, exact.ts, auto.ts): the instance
 * and options, the clock, the incumbent (the best feasible selection), the best valid bound, what has
 * been proved, and the record (notes and per-phase timings). Steps only improve the incumbent and
 * tighten the bound; objectives and bounds here exclude pre-covered weight.
 */
import type { CoverageInstance } from '../../model/coverage.ts';
import { objectiveWeight, selectionToMask, violations } from '../../model/evaluate.ts';
import { boundProvesOptimal, type LocateModel, type SolverName } from '../../model/result.ts';
import type { Pool } from '../../../parallel/pool.ts';
import { simpleBound } from './simpleBound.ts';

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
  /**
   * auto: on plain-cardinality instances (no budget, floor area, class minimum or equity floor), our own
   * branch-and-bound (solvers/tree/) on what the reduction and LP probing left, instead of HiGHS (default true).
   */
  tree?: boolean;
  /** The job's worker pool (else the solver makes and destroys its own where it needs one). */
  pool?: Pool;
  /**
   * auto: selections known beforehand (e.g. the optimum of a tighter model and its one-option
   * extensions, when re-solving with a relaxed limit); the best feasible one becomes the first
   * incumbent and replaces the local search. Infeasible ones are skipped.
   */
  initial?: number[][];
}

export interface Incumbent {
  /** Open options, ascending. */
  selection: number[];
  /** Covered weight, excluding pre-covered weight. */
  objective: number;
}

export class SolveState {
  readonly solver: SolverName;
  readonly timeLimit: number;
  readonly seed: number;
  readonly threads: number;
  readonly starts: number;
  /** performance.now() at the start, and the deadline of the whole solve. */
  readonly t0: number;
  readonly deadline: number;
  readonly notes: string[] = [];
  readonly timings: Record<string, number> = {};
  incumbent: Incumbent | undefined = undefined;
  /** A valid upper bound on the objective. */
  bound: number;
  /** Optimality proved by an exact step (beyond what the bound shows). */
  proven = false;
  /** HiGHS proved the instance infeasible. */
  infeasible = false;
  /** HiGHS stopped on a limit. */
  hitLimit = false;

  constructor(
    readonly inst: CoverageInstance,
    readonly opts: CoverageSolveOptions,
  ) {
    this.t0 = performance.now();
    this.solver = opts.solver ?? 'auto';
    this.timeLimit = opts.timeLimit ?? 60;
    this.deadline = this.t0 + this.timeLimit * 1000;
    this.seed = opts.seed ?? 1;
    this.threads = opts.threads ?? 1;
    this.starts = opts.starts ?? 4;
    this.bound = simpleBound(inst);
  }

  /** Keep a selection when it is feasible and better than the incumbent; note it when it violates a constraint. */
  offer(selection: number[], from: string): void {
    const mask = selectionToMask(this.inst.nOptions, selection);
    if (violations(this.inst, mask).length > 0) {
      this.notes.push(`${from}: its selection violates a constraint; not kept`);
      return;
    }
    const objective = objectiveWeight(this.inst, mask);
    if (!this.incumbent || objective > this.incumbent.objective) this.incumbent = { selection: [...selection].sort((a, b) => a - b), objective };
  }

  /** Keep a selection when it is feasible and better than the incumbent, silently; whether it was feasible. */
  offerQuietly(selection: number[]): boolean {
    const mask = selectionToMask(this.inst.nOptions, selection);
    if (violations(this.inst, mask).length > 0) return false;
    const objective = objectiveWeight(this.inst, mask);
    if (!this.incumbent || objective > this.incumbent.objective) this.incumbent = { selection: [...selection].sort((a, b) => a - b), objective };
    return true;
  }

  /** Lower the bound to b when b is tighter. */
  tighten(b: number): void {
    if (b < this.bound) this.bound = b;
  }

  /** Does the bound prove the incumbent optimal? */
  boundMeetsIncumbent(): boolean {
    return this.incumbent !== undefined && boundProvesOptimal(this.incumbent.objective, this.bound, 'max', this.inst.integralWeights);
  }

  /** Run one phase, adding its wall time to timings[name]. */
  async phase<T>(name: string, f: () => T | Promise<T>): Promise<T> {
    const s = performance.now();
    const r = await f();
    this.timings[name] = (this.timings[name] ?? 0) + performance.now() - s;
    return r;
  }

  /** Seconds left before the deadline. */
  left(): number {
    return (this.deadline - performance.now()) / 1000;
  }
}
