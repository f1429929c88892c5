/**
 * LP probing on a 0-1 location MILP held in a HiGHS model (runs inside the HiGHS worker): fix binary
 * x-columns that no solution better than the incumbent can take.
 *
 * With the LP relaxation L (maximisation) and a threshold t (the incumbent plus the least improvement
 * that counts: 1 with integral weights), a column x[k] may be fixed to 1 - v when the LP with x[k] = v
 * has an optimum below t: every solution with x[k] = v is then worth less than t. Fixings accumulate
 * (each one only removes solutions worth less than t, so later probes may use them), which tightens
 * every later LP. Two tests are used:
 *  - reduced costs: x[k] at 0 with reduced cost d < 0 gives LP(x[k] = 1) <= L + d, and x[k] at 1 with
 *    d > 0 gives LP(x[k] = 0) <= L - d (run after every re-solve, on every free column);
 *  - probing: solve the LP with x[k] fixed (warm, dual simplex) for the columns in `probe`: fractional
 *    columns first, in increasing value, then those at 0, then those at 1; a run of fruitless probes
 *    among the latter ends probing.
 * The LP optimum under the fixings is a valid upper bound on every solution better than the
 * incumbent, so max(that optimum, incumbent) bounds the whole problem.
 */
import type { Model } from 'highs';
import type { HighsProbeTaskResult } from './highsTask.ts';
import { highsStatusName, readHighs, type HighsOutcome } from './outcome.ts';

export interface ProbeOptions {
  /** Column index of each option's x column (-1: not in the model, never fixed). */
  xColumn: Int32Array;
  /** Options to probe (the order is decided here, from the LP optimum). */
  probe: readonly number[];
  /** Fix when the LP with the column forced is below this value. */
  threshold: number;
  /** Stop probing after this many milliseconds (performance.now of the calling thread). */
  deadline: number;
}

/** What a chain of probes found (the worker adds its wall time: HighsProbeTaskResult in ./highsTask.ts). */
export type ProbeOutcome = Omit<HighsProbeTaskResult, 'seconds'>;

/** 'done': all probed (or nothing left to gain); 'time': the deadline; 'unproductive': a run of fruitless probes. */
export type ProbeStop = HighsProbeTaskResult['stop'];

/** A run of this many probes of columns at 0 or 1 that fix nothing ends probing (a weak LP: leave the rest to the MILP). */
const FRUITLESS_RUN = 24;

/** Solve the LP within the time left before `deadline` (a time-limited solve has value NaN: never fixes). */
function solveLp(model: Model, deadline: number): { outcome: HighsOutcome; value: number } {
  model.zeroAllClocks();
  model.options.set({ time_limit: Math.max(0.01, (deadline - performance.now()) / 1000) });
  model.run();
  const outcome = readHighs({ modelStatus: highsStatusName(model.getModelStatus() as number) });
  return { outcome, value: outcome.optimal ? model.getObjectiveValue() : outcome.infeasible ? -Infinity : NaN };
}

/** Reduced-cost fixing at the current LP optimum `value` of the free columns; returns how many it fixed. */
function reducedCostFix(model: Model, value: number, opts: ProbeOptions, fixed: Int8Array, free: Uint8Array): number {
  const sol = model.getSolution();
  let n = 0;
  for (let k = 0; k < fixed.length; k++) {
    const c = opts.xColumn[k];
    if (fixed[k] >= 0 || !free[k]) continue;
    const x = sol.colValue[c];
    const d = sol.colDual[c];
    let to = -1;
    if (x <= 1e-9 && d < 0 && value + d < opts.threshold) to = 0;
    else if (x >= 1 - 1e-9 && d > 0 && value - d < opts.threshold) to = 1;
    if (to >= 0) {
      fixed[k] = to;
      model.changeColBounds(c, to, to);
      n++;
    }
  }
  return n;
}

/** Probe the model (its integrality is cleared here: the model is left as an LP with the fixings as bounds). */
export function probeModel(model: Model, opts: ProbeOptions): ProbeOutcome {
  const m = opts.xColumn.length;
  const fixed = new Int8Array(m).fill(-1);
  // Columns in the model whose bounds are not already fixed (e.g. predefined sites are x = 1): only these are probed.
  const free = new Uint8Array(m);
  const numCols = model.getDimensions().numCols;
  if (numCols > 0) {
    const cols = model.getCols({ kind: 'range', from: 0, to: numCols - 1 });
    for (let k = 0; k < m; k++) {
      const c = opts.xColumn[k];
      if (c >= 0 && cols.lower[c] < cols.upper[c]) free[k] = 1;
    }
  }
  model.clearIntegrality();
  // The root LP by primal simplex: on the degenerate coverage LPs it is several times faster than
  // HiGHS's default (5,000 × 500 square, reduced: 1.6 s against 9.7 s); it leaves a basis for the warm
  // dual-simplex re-solves of the probes.
  model.options.set({ simplex_strategy: 4 });
  const root = solveLp(model, opts.deadline);
  model.options.set({ simplex_strategy: 1 });
  let lpSolves = 1;
  let probes = 0;
  if (!root.outcome.optimal) return { rootBound: root.value, fixedBound: root.value, fixed, probes, lpSolves, stop: root.outcome.infeasible ? 'done' : 'time' };
  model.options.set({ presolve: 'off' });
  let current = root.value;
  let baseX = model.getSolution().colValue;
  const baseD = model.getSolution().colDual;
  reducedCostFix(model, current, opts, fixed, free);
  let stop: ProbeStop = 'done';
  // Fractional columns first, smallest value first: fixing one moves the LP optimum, and the
  // reduced-cost test after the re-solve then fixes many more at once. Then the columns at 0 (least
  // negative reduced cost first), then those at 1; among these a run of fruitless probes ends probing
  // (a weak LP: leave the rest to the MILP).
  const xOf = (k: number): number => baseX[opts.xColumn[k]];
  const byD = (a: number, b: number): number => baseD[opts.xColumn[b]] - baseD[opts.xColumn[a]] || a - b;
  const cols = opts.probe.filter((k) => free[k] && fixed[k] < 0);
  const fractional = cols.filter((k) => xOf(k) > 1e-9 && xOf(k) < 1 - 1e-9).sort((a, b) => xOf(a) - xOf(b) || byD(a, b));
  const atBounds = [...cols.filter((k) => xOf(k) <= 1e-9).sort(byD), ...cols.filter((k) => xOf(k) >= 1 - 1e-9).sort(byD)];
  let fruitless = 0;
  for (const k of [...fractional, ...atBounds]) {
    if (fixed[k] >= 0) continue;
    if (current < opts.threshold) break; // the fixings alone exclude everything better than the incumbent
    if (performance.now() > opts.deadline) {
      stop = 'time';
      break;
    }
    if (fruitless >= FRUITLESS_RUN) {
      stop = 'unproductive';
      break;
    }
    const c = opts.xColumn[k];
    const x = baseX[c];
    probes++;
    if (x <= 1e-9 || x >= 1 - 1e-9) fruitless++;
    // Forcing a column to its value in the LP optimum changes nothing: probe only the other side(s).
    const sides = x <= 1e-9 ? [1] : x >= 1 - 1e-9 ? [0] : x > 0.5 ? [0, 1] : [1, 0];
    for (const v of sides) {
      model.changeColBounds(c, v, v);
      const r = solveLp(model, opts.deadline);
      lpSolves++;
      model.changeColBounds(c, 0, 1); // free columns are binaries: back to [0, 1]
      if (!(r.value < opts.threshold)) continue; // NaN (not solved) never fixes
      fixed[k] = 1 - v;
      fruitless = 0;
      model.changeColBounds(c, 1 - v, 1 - v);
      const again = solveLp(model, opts.deadline);
      lpSolves++;
      current = again.value;
      if (again.outcome.optimal) {
        baseX = model.getSolution().colValue;
        reducedCostFix(model, current, opts, fixed, free);
      }
      break;
    }
    if (Number.isNaN(current)) {
      stop = 'time';
      break;
    }
  }
  // The bound under the final fixings (usually a warm re-solve of a few iterations: a second's grace).
  const last = solveLp(model, Math.max(opts.deadline, performance.now()) + 1000);
  lpSolves++;
  return { rootBound: root.value, fixedBound: last.outcome.optimal || last.outcome.infeasible ? last.value : NaN, fixed, probes, lpSolves, stop };
}
