/**
 * p-median: open exactly p sites minimising the total weighted cost of serving every client from its
 * nearest open site. Heuristic: greedy add, then Teitz-Bart interchange (swap evaluation with each
 * client's nearest and second-nearest open cost). exact/auto: HiGHS on the assignment MILP
 * (z_ij <= x_j), warm-started from the heuristic. Lower bound without HiGHS: every client at its
 * nearest candidate (valid, weak).
 */
import type { CostMatrix } from '../model/costMatrix.ts';
import { pMedianLp } from '../model/lpFormat.ts';
import { runHighs } from '../solvers/highs/highs.ts';
import { readHighs } from '../solvers/highs/outcome.ts';
import { makeResult, type LocateResult, type SolveStatus } from '../model/result.ts';
import type { ClassicOptions } from './common.ts';
import { pMedianLagrangian } from './pmedianLagrangian.ts';

/** Total weighted cost of serving every client from its nearest open site, and the assignment. */
export function pMedianCost(cm: CostMatrix, open: number[]): { cost: number; assignment: Int32Array } {
  const { nClients: n, nSites: m, cost, weight } = cm;
  const assignment = new Int32Array(n).fill(-1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (const j of open) if (cost[i * m + j] < best) {
      best = cost[i * m + j];
      assignment[i] = j;
    }
    total += weight[i] === 0 ? 0 : weight[i] * best;
  }
  return { cost: total, assignment };
}

export function pMedianHeuristic(cm: CostMatrix, p: number, predefined: number[], deadline = Infinity): number[] {
  const { nClients: n, nSites: m, cost, weight } = cm;
  const open: number[] = [...new Set(predefined)];
  const isOpen = new Uint8Array(m);
  for (const j of open) isOpen[j] = 1;
  const d1 = new Float64Array(n).fill(Infinity);
  for (let i = 0; i < n; i++) for (const j of open) d1[i] = Math.min(d1[i], cost[i * m + j]);
  const big = 1e30;
  const w = (i: number, d: number): number => (weight[i] === 0 ? 0 : weight[i] * Math.min(d, big));
  while (open.length < p) {
    let best = -1;
    let bestVal = Infinity;
    for (let j = 0; j < m; j++) {
      if (isOpen[j]) continue;
      let v = 0;
      for (let i = 0; i < n; i++) v += w(i, Math.min(d1[i], cost[i * m + j]));
      if (v < bestVal) {
        bestVal = v;
        best = j;
      }
    }
    if (best < 0) break;
    open.push(best);
    isOpen[best] = 1;
    for (let i = 0; i < n; i++) d1[i] = Math.min(d1[i], cost[i * m + best]);
  }
  // Interchange: best swap per pass, until no improvement.
  const c1 = new Int32Array(n);
  const d2 = new Float64Array(n);
  const fixed = new Uint8Array(m);
  for (const j of predefined) fixed[j] = 1;
  for (let pass = 0; pass < 1000 && performance.now() < deadline; pass++) {
    for (let i = 0; i < n; i++) {
      let a = Infinity;
      let b = Infinity;
      let ja = -1;
      for (const j of open) {
        const d = cost[i * m + j];
        if (d < a) {
          b = a;
          a = d;
          ja = j;
        } else if (d < b) b = d;
      }
      d1[i] = a;
      d2[i] = b;
      c1[i] = ja;
    }
    let current = 0;
    for (let i = 0; i < n; i++) current += w(i, d1[i]);
    let bestDelta = -1e-9 * Math.max(1, current);
    let bestOut = -1;
    let bestIn = -1;
    for (let inJ = 0; inJ < m; inJ++) {
      if (isOpen[inJ]) continue;
      for (const out of open) {
        if (fixed[out]) continue;
        let v = 0;
        for (let i = 0; i < n; i++) {
          const dIn = cost[i * m + inJ];
          const keep = c1[i] === out ? d2[i] : d1[i];
          v += w(i, dIn < keep ? dIn : keep);
        }
        const delta = v - current;
        if (delta < bestDelta) {
          bestDelta = delta;
          bestOut = out;
          bestIn = inJ;
        }
      }
    }
    if (bestOut < 0) break;
    open[open.indexOf(bestOut)] = bestIn;
    isOpen[bestOut] = 0;
    isOpen[bestIn] = 1;
  }
  return open.sort((a, b) => a - b);
}

export async function pmedian(cm: CostMatrix, p: number, opts: ClassicOptions = {}): Promise<LocateResult> {
  const t0 = performance.now();
  const solver = opts.solver ?? 'auto';
  const predefined = opts.predefined ?? [];
  if (predefined.length > p) throw new RangeError(`${predefined.length} predefined sites exceed p = ${p}`);
  if (p > cm.nSites) throw new RangeError(`p = ${p} exceeds the ${cm.nSites} candidate sites`);
  const timeLimit = opts.timeLimit ?? 60;
  const notes: string[] = [];
  const timings: Record<string, number> = {};
  let sel = pMedianHeuristic(cm, p, predefined, t0 + timeLimit * 300);
  if (sel.length < p) throw new RangeError(`found only ${sel.length} of p = ${p} sites`);
  let { cost: objective } = pMedianCost(cm, sel);
  timings.local = performance.now() - t0;
  notes.push(`greedy + interchange: ${objective}`);
  let bound = 0;
  for (let i = 0; i < cm.nClients; i++) {
    let best = Infinity;
    for (let j = 0; j < cm.nSites; j++) best = Math.min(best, cm.cost[i * cm.nSites + j]);
    if (cm.weight[i] > 0) bound += cm.weight[i] * best;
  }
  notes.push(`nearest-candidate lower bound: ${bound}`);
  let proven = false;
  let hitLimit = false;
  if (solver !== 'exact' && solver !== 'jslp') {
    const s = performance.now();
    const lag = pMedianLagrangian(cm, p, predefined, objective, { maxIterations: solver === 'greedy' ? 50 : 500, deadline: t0 + timeLimit * 600 });
    timings.lagrangian = performance.now() - s;
    notes.push(`lagrangian: lower bound ${lag.bound} after ${lag.iterations} iterations`);
    if (lag.bound > bound) bound = Math.min(lag.bound, objective);
    let integral = true;
    for (let i = 0; i < cm.nClients && integral; i++) if (!Number.isInteger(cm.weight[i])) integral = false;
    for (let e = 0; e < cm.cost.length && integral; e++) if (Number.isFinite(cm.cost[e]) && !Number.isInteger(cm.cost[e])) integral = false;
    if (integral ? Math.ceil(lag.bound - 1e-9 * Math.abs(lag.bound)) >= objective : objective - lag.bound <= 1e-9 * Math.max(1, Math.abs(objective))) proven = true;
  }
  if (!proven && (solver === 'auto' || solver === 'exact' || solver === 'jslp')) {
    if (solver === 'jslp') notes.push('jslp: p-median is solved with HiGHS');
    const s = performance.now();
    const left = Math.max(0.1, timeLimit - (s - t0) / 1000);
    const r = await runHighs(pMedianLp(cm, p, predefined), { timeLimit: left, mipRelGap: opts.mipRelGap, start: sel, nOptions: cm.nSites });
    const o = readHighs(r);
    timings.exact = performance.now() - s;
    notes.push(`exact (HiGHS): ${o.label}, objective ${r.objective}, dual bound ${r.dualBound}, warm start ${r.warmStart}`);
    if (o.hitLimit) hitLimit = true;
    if (o.hasSolution && r.selected.length === p) {
      const c = pMedianCost(cm, r.selected).cost;
      if (c < objective) {
        objective = c;
        sel = r.selected;
      }
    }
    if (o.hasBound && r.dualBound > bound) bound = Math.min(r.dualBound, objective);
    if (o.optimal && (opts.mipRelGap ?? 0) === 0 && Math.abs(objective - r.dualBound) <= 1e-6 * Math.max(1, Math.abs(objective))) proven = true;
  }
  const status: SolveStatus = proven ? 'optimal' : hitLimit ? 'time-limit' : 'feasible';
  let totalW = 0;
  for (let i = 0; i < cm.nClients; i++) totalW += cm.weight[i];
  return makeResult({
    model: 'pmedian',
    solver,
    sense: 'min',
    status,
    objective,
    bound,
    selected: sel,
    optionIds: cm.siteIds,
    assignment: pMedianCost(cm, sel).assignment,
    totalWeight: totalW,
    timings,
    t0,
    notes,
    seed: opts.seed ?? 1,
  });
}
