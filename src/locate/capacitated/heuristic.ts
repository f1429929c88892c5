/**
 * Greedy incumbents for the capacitated models (the warm start of the MILP, and the `greedy` solver):
 *   cmclp: open the site whose capacity can take the most still-unserved demand within reach, p times;
 *   clscp: the same until every servable client can be fully served (checked by max flow);
 *   cpmedian: the uncapacitated p-median heuristic, or else the p largest capacities, whichever is
 *     feasible and cheaper;
 * then the exact split assignment (evaluate.ts), or for single-sourced demand a greedy assignment
 * (heaviest clients first, each to the open site that can still take it: the cheapest for cpmedian,
 * the one with the most room otherwise). Trivial bounds for when no MILP runs are here too.
 */
import type { CostMatrix } from '../model/costMatrix.ts';
import { pMedianHeuristic } from '../models/pmedian.ts';
import { evaluateSingle, evaluateSplit, type CapacitatedEvaluation } from './evaluate.ts';
import { weights, type CapacitatedInstance } from './instance.ts';

export interface Candidate {
  open: Uint8Array;
  /** Single-sourced: the arc serving each client (-1: none). */
  clientArc?: Int32Array;
  evaluation: CapacitatedEvaluation;
}

/** Greedy single-source assignment of the open sites. */
export function assignSingle(inst: CapacitatedInstance, open: Uint8Array): Int32Array {
  const order = Array.from({ length: inst.n }, (_, i) => i).sort((a, b) => inst.weight[b] - inst.weight[a] || a - b);
  const room = Float64Array.from(inst.capacity);
  const clientArc = new Int32Array(inst.n).fill(-1);
  for (const i of order) {
    if (!(inst.weight[i] > 0)) continue;
    let best = -1;
    for (let e = inst.start[i]; e < inst.start[i + 1]; e++) {
      const j = inst.site[e];
      if (!open[j] || room[j] < inst.weight[i] - 1e-9) continue;
      if (best < 0) best = e;
      else if (inst.model === 'cpmedian' ? inst.cost[e] < inst.cost[best] : room[j] > room[inst.site[best]]) best = e;
    }
    if (best >= 0) {
      clientArc[i] = best;
      room[inst.site[best]] -= inst.weight[i];
    }
  }
  return clientArc;
}

export function evaluateOpen(inst: CapacitatedInstance, open: Uint8Array): Candidate {
  if (!inst.singleSource) return { open, evaluation: evaluateSplit(inst, open) };
  const clientArc = assignSingle(inst, open);
  return { open, clientArc, evaluation: evaluateSingle(inst, open, clientArc) };
}

/** Site -> its clients. */
function transpose(inst: CapacitatedInstance): number[][] {
  const t: number[][] = Array.from({ length: inst.m }, () => []);
  for (let i = 0; i < inst.n; i++) for (let e = inst.start[i]; e < inst.start[i + 1]; e++) t[inst.site[e]].push(i);
  return t;
}

/** Greedy covering selection: add the site that can take the most unserved demand until `done`. */
function greedyCover(inst: CapacitatedInstance, done: (open: Uint8Array, count: number) => boolean): Uint8Array {
  const open = new Uint8Array(inst.m);
  let count = 0;
  for (const j of inst.mustOpen) if (!open[j]) {
    open[j] = 1;
    count++;
  }
  const clients = transpose(inst);
  while (!done(open, count) && count < inst.m) {
    // residual demand after the exact split assignment of what is open
    const ev = evaluateSplit(inst, open);
    const residual = Float64Array.from(inst.weight);
    for (let i = 0; i < inst.n; i++) for (let e = inst.start[i]; e < inst.start[i + 1]; e++) residual[i] -= ev.arcWeight[e];
    let best = -1;
    let bestGain = -1;
    for (let j = 0; j < inst.m; j++) {
      if (open[j]) continue;
      let reach = 0;
      for (const i of clients[j]) reach += Math.max(0, residual[i]);
      const gain = Math.min(inst.capacity[j], reach);
      if (gain > bestGain) [best, bestGain] = [j, gain];
    }
    if (best < 0) break;
    open[best] = 1;
    count++;
  }
  return open;
}

const better = (inst: CapacitatedInstance, a: Candidate, b: Candidate | undefined): boolean => {
  if (!a.evaluation.feasible) return false;
  if (!b) return true;
  return inst.model === 'cmclp' ? a.evaluation.objective > b.evaluation.objective : a.evaluation.objective < b.evaluation.objective;
};

/** The best greedy incumbent, or undefined when none is feasible. */
export function greedyIncumbent(inst: CapacitatedInstance, cm: CostMatrix): Candidate | undefined {
  const tries: Uint8Array[] = [];
  if (inst.model === 'cmclp') tries.push(greedyCover(inst, (_, count) => count >= inst.p));
  else if (inst.model === 'clscp') {
    tries.push(greedyCover(inst, (open) => evaluateOpen(inst, open).evaluation.feasible));
  } else {
    const a = new Uint8Array(inst.m);
    for (const j of pMedianHeuristic(cm, inst.p, Array.from(inst.mustOpen))) a[j] = 1;
    tries.push(a);
    const b = new Uint8Array(inst.m);
    for (const j of inst.mustOpen) b[j] = 1;
    const bySize = Array.from({ length: inst.m }, (_, j) => j).sort((x, y) => inst.capacity[y] - inst.capacity[x] || x - y);
    let count = inst.mustOpen.length;
    for (const j of bySize) if (count < inst.p && !b[j]) {
      b[j] = 1;
      count++;
    }
    tries.push(b);
  }
  let best: Candidate | undefined;
  for (const open of tries) {
    const c = evaluateOpen(inst, open);
    if (better(inst, c, best)) best = c;
  }
  return best;
}

/**
 * A valid bound without a MILP: cmclp, the servable weight or the p largest capacities, whichever is
 * less; clscp, the fewest sites whose capacities could hold the demand; cpmedian, every client at its
 * cheapest site.
 */
export function trivialBound(inst: CapacitatedInstance): number {
  const { total, unservable } = weights(inst);
  const caps = Array.from(inst.capacity).sort((a, b) => b - a);
  if (inst.model === 'cmclp') {
    let top = 0;
    for (let t = 0; t < inst.p; t++) top += caps[t];
    return Math.min(total - unservable, top);
  }
  if (inst.model === 'clscp') {
    let k = 0;
    let held = 0;
    while (k < caps.length && held < total - unservable - 1e-9) held += caps[k++];
    return Math.max(k, inst.mustOpen.length);
  }
  let b = 0;
  for (let i = 0; i < inst.n; i++) {
    if (!(inst.weight[i] > 0)) continue;
    let d = Infinity;
    for (let e = inst.start[i]; e < inst.start[i + 1]; e++) d = Math.min(d, inst.cost[e]);
    b += inst.weight[i] * d;
  }
  return b;
}
