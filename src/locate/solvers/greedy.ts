/**
 * Greedy construction for the coverage model: opens predefined options, then the best options of
 * each class below its minimum, then repeatedly the option with the largest gain (per unit of cost
 * when there is a budget) that still fits the cardinality, budget and floor-area limits. Gains are
 * maintained exactly and incrementally (CoverState), which is what lazy evaluation approximates.
 * `rng` (optional) randomizes the choice among the top `randomTop` candidates, for multi-start.
 */
import type { CoverageInstance } from '../model/coverage.ts';
import { CoverState } from '../model/coverState.ts';

export interface GreedyOptions {
  rng?: () => number;
  randomTop?: number;
}

function score(inst: CoverageInstance, st: CoverState, k: number, perCost: boolean): number {
  const g = st.gain[k];
  if (!perCost) return g;
  const c = inst.cost[k];
  return c > 0 ? g / c : g * 1e12;
}

export function greedyState(inst: CoverageInstance, opts: GreedyOptions = {}): CoverState {
  const st = new CoverState(inst);
  for (const k of inst.mustOpen) if (!st.open[k]) st.add(k);
  const perCost = Number.isFinite(inst.budget);
  const top = opts.rng ? Math.max(1, opts.randomTop ?? 3) : 1;
  const pick = (allowed: (k: number) => boolean, positiveOnly: boolean): number => {
    const best: number[] = [];
    const bestScore: number[] = [];
    for (let k = 0; k < inst.nOptions; k++) {
      if (!allowed(k) || !st.canAdd(k)) continue;
      if (positiveOnly && st.gain[k] <= 0) continue;
      const s = score(inst, st, k, perCost);
      let i = best.length;
      if (i < top || s > bestScore[i - 1]) {
        while (i > 0 && s > bestScore[i - 1]) i--;
        best.splice(i, 0, k);
        bestScore.splice(i, 0, s);
        if (best.length > top) {
          best.pop();
          bestScore.pop();
        }
      }
    }
    if (best.length === 0) return -1;
    if (opts.rng && best.length > 1) return best[Math.floor(opts.rng() * best.length)];
    return best[0];
  };
  for (let c = 0; c < inst.nClasses; c++) {
    while (st.classCount[c] < inst.classMin[c]) {
      const k = pick((j) => inst.optionClass[j] === c, false);
      if (k < 0) break;
      st.add(k);
    }
  }
  for (;;) {
    const k = pick(() => true, true);
    if (k < 0) break;
    st.add(k);
  }
  return st;
}
