/**
 * Swap / add local search on the coverage model with incremental gain evaluation. For each open
 * option a (in an rng-shuffled order) the search closes a — which updates only the cover counts
 * and gains of the units a touches — then picks the closed option b with the largest gain that may
 * replace a; the swap is kept when it strictly improves the covered weight, otherwise a reopens.
 * Add moves fill any slack left by the budget or cardinality. Stops at a local optimum, at
 * `maxSweeps`, or at the deadline (performance.now() milliseconds).
 */
import type { CoverageInstance } from '../../model/coverage.ts';
import { CoverState } from '../../model/coverState.ts';
import { greedyState } from '../greedy.ts';

export interface LocalSearchOptions {
  rng: () => number;
  deadline?: number;
  maxSweeps?: number;
}

export function improve(st: CoverState, opts: LocalSearchOptions): { sweeps: number; moves: number } {
  const inst = st.inst;
  const eps = 1e-9;
  let moves = 0;
  let sweeps = 0;
  const deadline = opts.deadline ?? Infinity;
  const maxSweeps = opts.maxSweeps ?? 1000;
  const tryAdds = (): void => {
    for (;;) {
      let best = -1;
      let bestGain = eps;
      for (let k = 0; k < inst.nOptions; k++) if (st.gain[k] > bestGain && st.canAdd(k)) {
        best = k;
        bestGain = st.gain[k];
      }
      if (best < 0) return;
      st.add(best);
      moves++;
    }
  };
  tryAdds();
  let improved = true;
  while (improved && sweeps < maxSweeps && performance.now() < deadline) {
    improved = false;
    sweeps++;
    const order = st.selection().filter((k) => !st.must[k]);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(opts.rng() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (const a of order) {
      if (!st.open[a]) continue;
      if (performance.now() > deadline) break;
      const loss = st.loss(a);
      st.remove(a);
      st.open[a] = 1; // keep a counted as open for the feasibility test of the swap
      st.nOpen++;
      st.cost += inst.cost[a];
      if (inst.group[a] >= 0) st.groupUsed[inst.group[a]] += inst.area[a];
      if (inst.optionClass[a] >= 0) st.classCount[inst.optionClass[a]]++;
      let best = -1;
      let bestGain = loss + eps;
      for (let b = 0; b < inst.nOptions; b++) {
        if (b === a || st.gain[b] <= bestGain) continue;
        if (st.canSwap(a, b)) {
          best = b;
          bestGain = st.gain[b];
        }
      }
      st.open[a] = 0;
      st.nOpen--;
      st.cost -= inst.cost[a];
      if (inst.group[a] >= 0) st.groupUsed[inst.group[a]] -= inst.area[a];
      if (inst.optionClass[a] >= 0) st.classCount[inst.optionClass[a]]--;
      if (best >= 0) {
        st.add(best);
        moves++;
        improved = true;
      } else {
        st.add(a);
      }
    }
    if (improved) tryAdds();
  }
  return { sweeps, moves };
}

/** Move the state to a given selection (closing and opening only the differences). */
function setSelection(st: CoverState, selection: number[]): void {
  const want = new Uint8Array(st.open.length);
  for (const k of selection) want[k] = 1;
  for (let k = 0; k < want.length; k++) if (st.open[k] && !want[k]) st.remove(k);
  for (let k = 0; k < want.length; k++) if (!st.open[k] && want[k]) st.add(k);
}

/**
 * One start: start 0 is the plain greedy, others a randomized greedy; then local search, then
 * `kicks` rounds of iterated local search (swap 2-3 random open options for random feasible closed
 * ones, descend again, keep the result only if strictly better). The work is fixed by `kicks`, not
 * by the clock, so results do not depend on machine speed unless the deadline cuts them short.
 */
export function localSearchStart(inst: CoverageInstance, start: number, rng: () => number, deadline?: number, kicks = 30): { selection: number[]; objective: number; sweeps: number } {
  const st = start === 0 ? greedyState(inst) : greedyState(inst, { rng, randomTop: 3 });
  let { sweeps } = improve(st, { rng, deadline });
  let best = st.selection();
  let bestObj = st.covered;
  for (let kick = 0; kick < kicks && performance.now() < (deadline ?? Infinity); kick++) {
    const open = st.selection().filter((k) => !st.must[k]);
    if (open.length === 0) break;
    const r = 2 + Math.floor(rng() * 2);
    for (let t = 0; t < r && open.length > 0; t++) {
      const i = Math.floor(rng() * open.length);
      const a = open[i];
      open.splice(i, 1);
      // a random closed option that may replace a
      for (let tries = 0; tries < 20; tries++) {
        const b = Math.floor(rng() * inst.nOptions);
        if (!st.open[b] && st.canSwap(a, b)) {
          st.remove(a);
          st.add(b);
          break;
        }
      }
    }
    sweeps += improve(st, { rng, deadline }).sweeps;
    if (st.covered > bestObj) {
      bestObj = st.covered;
      best = st.selection();
    } else setSelection(st, best);
  }
  return { selection: best, objective: bestObj, sweeps };
}
