/**
 * The city-scale solve's first plan and first prices (citySolve.ts).
 *
 * pricedGreedy: open options by gain per resource used, where an option uses 1/P of the conversions
 * and cost/B of the budget, weighted by prices (mu, nu) — both limits bind together in a city, and
 * gain per yuan alone fills the conversions with cheap, weak options. Minimum counts first. Then
 * the swap local search (src/locate/solvers/local/localSearch.ts) to a local optimum; the work is
 * fixed (no clock), so the plan is the same on any machine.
 *
 * fitPrices: prices (mu, nu) of a conversion and of a yuan from a plan's marginal values (what each
 * open option would lose if closed, what each closed one would add): the minimiser of the knapsack
 * dual  mu P + nu B + sum_k max(0, value_k - mu - nu cost_k), a cheap stand-in for the Lagrangian dual
 * of the whole model, whose minimiser is the starting point of the bound (cityBound.ts).
 */
import seedrandom from 'seedrandom';
import type { CoverageInstance } from '../locate/model/coverage.ts';
import { CoverState } from '../locate/model/coverState.ts';
import { improve } from '../locate/solvers/local/localSearch.ts';

export interface Prices {
  mu: number;
  nu: number;
}

function price(inst: CoverageInstance, p: Prices, k: number): number {
  return p.mu + p.nu * inst.cost[k];
}

/** Greedy by gain per priced resource, then swap local search; the cover state of the plan. */
export function pricedGreedy(inst: CoverageInstance, p: Prices, seed: number): CoverState {
  const st = new CoverState(inst);
  for (const k of inst.mustOpen) if (!st.open[k]) st.add(k);
  const pick = (allowed: (k: number) => boolean): number => {
    let best = -1;
    let bestScore = -Infinity;
    for (let k = 0; k < inst.nOptions; k++) {
      if (!allowed(k) || !st.canAdd(k)) continue;
      const s = st.gain[k] / Math.max(1e-12, price(inst, p, k));
      if (s > bestScore) {
        best = k;
        bestScore = s;
      }
    }
    return best;
  };
  for (let c = 0; c < inst.nClasses; c++) {
    while (st.classCount[c] < inst.classMin[c]) {
      const k = pick((j) => inst.optionClass[j] === c);
      if (k < 0) break;
      st.add(k);
    }
  }
  for (;;) {
    const k = pick((j) => st.gain[j] > 0);
    if (k < 0) break;
    st.add(k);
  }
  improve(st, { rng: seedrandom.alea(`city:${seed}`), maxSweeps: 50 });
  return st;
}

/** What each open option would lose if closed, and what each closed option would add (its gain). */
export function marginalValues(st: CoverState): Float64Array {
  const v = new Float64Array(st.inst.nOptions);
  for (let k = 0; k < v.length; k++) v[k] = st.open[k] ? st.loss(k) : st.gain[k];
  return v;
}

/** For fixed nu: the best mu (the P-th largest value - nu cost, or 0) and the dual's value. */
function bestMu(inst: CoverageInstance, value: Float64Array, nu: number): { mu: number; dual: number } {
  const a: number[] = [];
  for (let k = 0; k < value.length; k++) {
    const x = value[k] - (Number.isFinite(inst.budget) ? nu * inst.cost[k] : 0);
    if (x > 0) a.push(x);
  }
  a.sort((x, y) => y - x);
  const P = Number.isFinite(inst.maxOpen) ? inst.maxOpen : Infinity;
  const mu = P < a.length ? a[P] : 0;
  let dual = (Number.isFinite(P) ? mu * P : 0) + (Number.isFinite(inst.budget) ? nu * inst.budget : 0);
  for (const x of a) if (x > mu) dual += x - mu;
  return { mu, dual };
}

/** The prices minimising the knapsack dual of the marginal values (golden-section search on nu). */
export function fitPrices(inst: CoverageInstance, value: Float64Array): Prices {
  if (!Number.isFinite(inst.budget)) return { mu: bestMu(inst, value, 0).mu, nu: 0 };
  let hi = 0;
  for (let k = 0; k < value.length; k++) if (inst.cost[k] > 0) hi = Math.max(hi, value[k] / inst.cost[k]);
  let lo = 0;
  const f = (nu: number) => bestMu(inst, value, nu).dual;
  const g = (Math.sqrt(5) - 1) / 2;
  let a = hi - g * (hi - lo);
  let b = lo + g * (hi - lo);
  let fa = f(a);
  let fb = f(b);
  for (let i = 0; i < 60; i++) {
    if (fa <= fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - g * (hi - lo);
      fa = f(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + g * (hi - lo);
      fb = f(b);
    }
  }
  const nu = (lo + hi) / 2;
  return { mu: bestMu(inst, value, nu).mu, nu };
}

/**
 * A plan from the pieces' LP solution (cityBound.ts): open the options the LP opens fully or nearly,
 * largest value first, while they fit; fill by priced greedy; then swap local search.
 */
export function lpGuidedPlan(inst: CoverageInstance, x: Float64Array, p: Prices, seed: number, threshold = 0.5): CoverState {
  const st = new CoverState(inst);
  for (const k of inst.mustOpen) if (!st.open[k]) st.add(k);
  const order: number[] = [];
  for (let k = 0; k < x.length; k++) if (x[k] >= threshold) order.push(k);
  order.sort((a, b) => x[b] - x[a] || st.gain[b] - st.gain[a] || a - b);
  for (const k of order) if (st.canAdd(k) && st.gain[k] > 0) st.add(k);
  for (let c = 0; c < inst.nClasses; c++) {
    while (st.classCount[c] < inst.classMin[c]) {
      let best = -1;
      for (let k = 0; k < inst.nOptions; k++) if (inst.optionClass[k] === c && st.canAdd(k) && (best < 0 || st.gain[k] > st.gain[best])) best = k;
      if (best < 0) {
        // no room: make room by closing the open option of least loss per price
        let worst = -1;
        let worstScore = Infinity;
        for (let k = 0; k < inst.nOptions; k++) if (st.open[k] && !st.must[k] && inst.optionClass[k] !== c) {
          const s = st.loss(k) / Math.max(1e-12, price(inst, p, k));
          if (s < worstScore) [worst, worstScore] = [k, s];
        }
        if (worst < 0) break;
        st.remove(worst);
        continue;
      }
      st.add(best);
    }
  }
  fill(st, inst, p);
  improve(st, { rng: seedrandom.alea(`city-lp:${seed}`), maxSweeps: 50 });
  return st;
}

/** Open options by gain per priced resource while any that fits adds weight. */
function fill(st: CoverState, inst: CoverageInstance, p: Prices): void {
  for (;;) {
    let best = -1;
    let bestScore = -Infinity;
    for (let k = 0; k < inst.nOptions; k++) {
      if (!(st.gain[k] > 0) || !st.canAdd(k)) continue;
      const s = st.gain[k] / Math.max(1e-12, price(inst, p, k));
      if (s > bestScore) [best, bestScore] = [k, s];
    }
    if (best < 0) break;
    st.add(best);
  }
}

/**
 * A known plan (e.g. the optimum of the model before a limit was relaxed), filled by priced greedy
 * with what fits now and taken to a swap local optimum: where a relaxed limit lets the plan grow or
 * trade an option for a dearer one, this finds it from the plan rather than from scratch.
 */
export function improvedFrom(inst: CoverageInstance, selection: readonly number[], p: Prices, seed: number): CoverState {
  const st = new CoverState(inst);
  for (const k of inst.mustOpen) if (!st.open[k]) st.add(k);
  for (const k of selection) if (!st.open[k] && st.canAdd(k)) st.add(k);
  fill(st, inst, p);
  improve(st, { rng: seedrandom.alea(`city-from:${seed}`), maxSweeps: 50 });
  return st;
}
