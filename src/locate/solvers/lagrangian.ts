/**
 * Lagrangian relaxation of the coverage constraints  y[u] <= sum_{k covers u} x[k]  with multipliers
 * lambda[u] in [0, w[u]]:
 *   L(lambda) = sum_u max(0, w[u] - lambda[u]) + max_x sum_k g[k] x[k],   g[k] = sum_{u in cov(k)} lambda[u]
 * where the x-problem keeps must-open options and is itself relaxed to whichever is tighter of
 * (a) the cardinality limit alone (top gains) and (b) the budget alone as a fractional knapsack;
 * floor-area, class-minimum and equity constraints are dropped (dropping constraints of a maximisation
 * only raises its optimum). Every L(lambda) is therefore a valid upper bound; the best one is kept.
 * Multipliers follow the subgradient method (Held-Karp step, halving alpha on stalls). Every few
 * iterations the x-solution is repaired into a feasible selection (options in decreasing g order
 * while they fit, then greedy fill) to give a lower bound.
 */
import type { CoverageInstance } from '../model/coverage.ts';
import { CoverState } from '../model/coverState.ts';

export interface LagrangianOptions {
  maxIterations?: number;
  deadline?: number;
  /** Best known objective (a lower bound) for the step size and the stopping test. */
  incumbent?: number;
  /** Repair every this many iterations (default 5). */
  repairEvery?: number;
}

export interface LagrangianResult {
  bound: number;
  lambda: Float64Array;
  /** Best repaired selection and its objective. */
  selection: number[];
  objective: number;
  iterations: number;
  /** True when the bound came from the cardinality relaxation (enables fixing). */
  cardinalityBound: boolean;
}

interface XSolution {
  value: number;
  x: Float64Array; // 0..1
  cardinality: boolean;
}

/** Solve the relaxed x-problem for gains g. */
function solveX(inst: CoverageInstance, g: Float64Array, must: Uint8Array, order: Int32Array): XSolution {
  const m = inst.nOptions;
  let mustValue = 0;
  let mustCount = 0;
  let mustCost = 0;
  for (let k = 0; k < m; k++) if (must[k]) {
    mustValue += g[k];
    mustCount++;
    mustCost += inst.cost[k];
  }
  // (a) cardinality: top (p - must) positive gains.
  let cardValue = Infinity;
  const slots = inst.maxOpen - mustCount;
  if (Number.isFinite(inst.maxOpen)) {
    for (let k = 0; k < m; k++) order[k] = k;
    order.sort((a, b) => g[b] - g[a] || a - b);
    cardValue = mustValue;
    let taken = 0;
    for (let i = 0; i < m && taken < slots; i++) {
      const k = order[i];
      if (must[k]) continue;
      if (g[k] <= 0) break;
      cardValue += g[k];
      taken++;
    }
  }
  // (b) budget: fractional knapsack by ratio.
  let budValue = Infinity;
  let budX: Float64Array | undefined;
  if (Number.isFinite(inst.budget)) {
    const ratio = new Float64Array(m);
    const idx: number[] = [];
    for (let k = 0; k < m; k++) if (!must[k] && g[k] > 0) {
      ratio[k] = inst.cost[k] > 0 ? g[k] / inst.cost[k] : Infinity;
      idx.push(k);
    }
    idx.sort((a, b) => ratio[b] - ratio[a] || a - b);
    budX = new Float64Array(m);
    budValue = mustValue;
    let left = inst.budget - mustCost;
    for (const k of idx) {
      if (left <= 0 && inst.cost[k] > 0) break;
      const c = inst.cost[k];
      const f = c <= left ? 1 : left / c;
      budX[k] = f;
      budValue += f * g[k];
      left -= f * c;
    }
  }
  if (cardValue <= budValue) {
    const x = new Float64Array(m);
    for (let k = 0; k < m; k++) if (must[k]) x[k] = 1;
    let taken = 0;
    for (let i = 0; i < m && taken < slots; i++) {
      const k = order[i];
      if (must[k]) continue;
      if (g[k] <= 0) break;
      x[k] = 1;
      taken++;
    }
    return { value: cardValue, x, cardinality: true };
  }
  for (let k = 0; k < m; k++) if (must[k]) budX![k] = 1;
  return { value: budValue, x: budX!, cardinality: false };
}

/** Repair an x-solution into a feasible selection: keep options by decreasing g while they fit, then greedy fill. */
function repair(inst: CoverageInstance, g: Float64Array, x: Float64Array): CoverState {
  const st = new CoverState(inst);
  for (const k of inst.mustOpen) if (!st.open[k]) st.add(k);
  const cand: number[] = [];
  for (let k = 0; k < inst.nOptions; k++) if (x[k] > 0 && !st.open[k]) cand.push(k);
  cand.sort((a, b) => x[b] - x[a] || g[b] - g[a] || a - b);
  // class minimums first
  for (let c = 0; c < inst.nClasses; c++) {
    for (const k of cand) if (st.classCount[c] < inst.classMin[c] && inst.optionClass[k] === c && st.canAdd(k)) st.add(k);
    while (st.classCount[c] < inst.classMin[c]) {
      let best = -1;
      for (let k = 0; k < inst.nOptions; k++) if (inst.optionClass[k] === c && st.canAdd(k) && (best < 0 || st.gain[k] > st.gain[best])) best = k;
      if (best < 0) break;
      st.add(best);
    }
  }
  for (const k of cand) if (st.gain[k] > 0 && st.canAdd(k)) st.add(k);
  for (;;) {
    let best = -1;
    for (let k = 0; k < inst.nOptions; k++) if (st.gain[k] > 0 && st.canAdd(k) && (best < 0 || st.gain[k] > st.gain[best])) best = k;
    if (best < 0) break;
    st.add(best);
  }
  return st;
}

export function lagrangianBound(inst: CoverageInstance, opts: LagrangianOptions = {}): LagrangianResult {
  const n = inst.nUnits;
  const m = inst.nOptions;
  const w = inst.weight;
  const active = new Uint8Array(n);
  for (let u = 0; u < n; u++) active[u] = !inst.preCovered[u] && inst.coverStart[u + 1] > inst.coverStart[u] && w[u] > 0 ? 1 : 0;
  const lambda = new Float64Array(n);
  for (let u = 0; u < n; u++) if (active[u]) lambda[u] = w[u] * 0.5;
  const must = new Uint8Array(m);
  for (const k of inst.mustOpen) must[k] = 1;
  const g = new Float64Array(m);
  const order = new Int32Array(m);
  const maxIt = opts.maxIterations ?? 300;
  const deadline = opts.deadline ?? Infinity;
  const repairEvery = opts.repairEvery ?? 5;
  let best = Infinity;
  let bestLambda = lambda.slice();
  let bestCard = true;
  let lb = opts.incumbent ?? 0;
  let bestSel: number[] = [];
  let bestObj = -Infinity;
  let alpha = 2;
  let stall = 0;
  let it = 0;
  const cover = new Float64Array(n);
  for (; it < maxIt; it++) {
    if (it > 0 && performance.now() > deadline) break;
    g.fill(0);
    for (let k = 0; k < m; k++) {
      let s = 0;
      for (let e = inst.optStart[k]; e < inst.optStart[k + 1]; e++) s += lambda[inst.optUnits[e]];
      g[k] = s;
    }
    let yPart = 0;
    for (let u = 0; u < n; u++) if (active[u] && w[u] > lambda[u]) yPart += w[u] - lambda[u];
    const xs = solveX(inst, g, must, order);
    const L = yPart + xs.value;
    if (L < best - 1e-9 * Math.max(1, Math.abs(best === Infinity ? L : best))) {
      best = L;
      bestLambda = lambda.slice();
      bestCard = xs.cardinality;
      stall = 0;
    } else if (++stall >= 10) {
      alpha /= 2;
      stall = 0;
    }
    if (it % repairEvery === 0) {
      const st = repair(inst, g, xs.x);
      if (st.covered > bestObj) {
        bestObj = st.covered;
        bestSel = st.selection();
        if (bestObj > lb) lb = bestObj;
      }
    }
    if (best - lb <= (inst.integralWeights ? 1 - 1e-9 : 1e-9 * Math.max(1, best))) break;
    if (alpha < 1e-4) break;
    // subgradient: d L / d lambda_u = sum_k a_uk x_k - y_u
    cover.fill(0);
    for (let k = 0; k < m; k++) {
      const xk = xs.x[k];
      if (xk === 0) continue;
      for (let e = inst.optStart[k]; e < inst.optStart[k + 1]; e++) cover[inst.optUnits[e]] += xk;
    }
    let norm = 0;
    for (let u = 0; u < n; u++) {
      if (!active[u]) continue;
      const y = w[u] > lambda[u] ? 1 : 0;
      const s = cover[u] - y;
      cover[u] = s;
      norm += s * s;
    }
    if (norm === 0) break;
    const step = (alpha * Math.max(L - lb, 1e-6 * Math.max(1, L))) / norm;
    for (let u = 0; u < n; u++) {
      if (!active[u]) continue;
      let v = lambda[u] - step * cover[u];
      if (v < 0) v = 0;
      else if (v > w[u]) v = w[u];
      lambda[u] = v;
    }
  }
  return { bound: best, lambda: bestLambda, selection: bestSel, objective: bestObj, iterations: it, cardinalityBound: bestCard };
}

/**
 * Variable fixing from the cardinality relaxation at multipliers `lambda`: an option whose forced
 * opening bounds every solution at or below `incumbent` can be closed, one whose forced closing does
 * can be kept open, without losing any solution better than the incumbent. Valid only when the
 * instance has no budget (the bound used is the cardinality one). Returns the fixings, or null.
 */
export function fixByBound(inst: CoverageInstance, lambda: Float64Array, incumbent: number): { zero: Uint8Array; one: Uint8Array } | null {
  if (Number.isFinite(inst.budget) || !Number.isFinite(inst.maxOpen)) return null;
  const n = inst.nUnits;
  const m = inst.nOptions;
  const must = new Uint8Array(m);
  for (const k of inst.mustOpen) must[k] = 1;
  const g = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    let s = 0;
    for (let e = inst.optStart[k]; e < inst.optStart[k + 1]; e++) {
      const u = inst.optUnits[e];
      if (!inst.preCovered[u] && inst.weight[u] > 0) s += lambda[u];
    }
    g[k] = s;
  }
  let yPart = 0;
  for (let u = 0; u < n; u++) if (!inst.preCovered[u] && inst.coverStart[u + 1] > inst.coverStart[u] && inst.weight[u] > lambda[u]) yPart += inst.weight[u] - lambda[u];
  let mustValue = 0;
  let mustCount = 0;
  for (let k = 0; k < m; k++) if (must[k]) {
    mustValue += g[k];
    mustCount++;
  }
  const slots = inst.maxOpen - mustCount;
  if (slots <= 0) return null;
  const free: number[] = [];
  for (let k = 0; k < m; k++) if (!must[k]) free.push(k);
  free.sort((a, b) => g[b] - g[a] || a - b);
  const pos = (i: number): number => (i < free.length ? Math.max(0, g[free[i]]) : 0);
  let topSum = 0;
  for (let i = 0; i < slots && i < free.length; i++) topSum += pos(i);
  const base = yPart + mustValue;
  const gLast = pos(slots - 1); // smallest taken
  const gNext = pos(slots); // best not taken
  const slack = (inst.integralWeights ? 1 : 0) - 1e-7 * Math.max(1, Math.abs(incumbent));
  // improving solutions need value > incumbent, i.e. >= incumbent + 1 with integral weights
  const threshold = incumbent + slack;
  const zero = new Uint8Array(m);
  const one = new Uint8Array(m);
  for (let i = 0; i < free.length; i++) {
    const k = free[i];
    const gk = Math.max(0, g[k]);
    if (i >= slots) {
      // forced open: replace the smallest taken gain
      const ub = base + topSum - gLast + gk;
      if (ub < threshold) zero[k] = 1;
    } else {
      // forced closed: replace it by the best not taken
      const ub = base + topSum - gk + gNext;
      if (ub < threshold) one[k] = 1;
    }
  }
  return { zero, one };
}
