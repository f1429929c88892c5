/**
 * The exact steps of a coverage solve: HiGHS on a (possibly reduced) instance, warm-started from the
 * incumbent; and LP probing of the reduced instance on the HiGHS pool, then HiGHS on what probing left.
 * With fixings (from the Lagrangian bound or from probing) the reduced model holds only the solutions
 * better than the incumbent, so its bounds count as bounds of the whole problem only together with
 * the incumbent.
 */
import type { CoverageInstance } from '../../model/coverage.ts';
import { coverageLp } from '../../model/lpFormat.ts';
import { reduceCoverage, type Reduction } from '../../model/reduce.ts';
import { boundProvesOptimal } from '../../model/result.ts';
import { runHighs } from '../highs/highs.ts';
import { readHighs } from '../highs/outcome.ts';
import { probeCoverage, type ProbeResult } from '../highs/probe.ts';
import { withPool, type Pool } from '../../../parallel/pool.ts';
import type { SolveState } from './state.ts';

/** Probe chains: fixed, so that results do not depend on the number of threads. */
const PROBE_CHAINS = 2;

/** Original option indices -> indices of the reduced instance (options not in it are dropped). */
function mapForward(selection: number[], optionMap: Int32Array): number[] {
  const back = new Map<number, number>();
  optionMap.forEach((orig, red) => back.set(orig, red));
  const out: number[] = [];
  for (const k of selection) {
    const r = back.get(k);
    if (r !== undefined) out.push(r);
  }
  return out;
}

/**
 * HiGHS on `target` (the instance itself when `optionMap` is null, else a reduction of it with its
 * map back to original options); `fixed` says whether the reduction fixed options by a bound.
 */
export async function runExact(s: SolveState, target: CoverageInstance, optionMap: Int32Array | null, fixed: boolean, pool?: Pool): Promise<void> {
  const lp = await s.phase('model', () => coverageLp(target));
  const inc = s.incumbent;
  const startSel = inc ? (optionMap ? mapForward(inc.selection, optionMap) : inc.selection) : undefined;
  const r = await s.phase('exact', () => runHighs(lp, { timeLimit: Math.max(0.1, s.left()), mipRelGap: s.opts.mipRelGap, start: startSel, nOptions: target.nOptions, pool }));
  const o = readHighs(r);
  s.notes.push(`exact (HiGHS${optionMap ? ', reduced model' : ''}): ${o.label}, objective ${r.objective}, dual bound ${r.dualBound}, warm start ${r.warmStart}`);
  if (o.failed) return;
  if (o.infeasible) {
    if (fixed && s.incumbent) {
      s.proven = true; // no solution better than the incumbent survives the fixings
      s.tighten(s.incumbent.objective);
    } else s.infeasible = true;
    return;
  }
  if (o.hitLimit) s.hitLimit = true;
  if (o.hasSolution) s.offer(optionMap ? Array.from(r.selected, (k) => optionMap[k]) : r.selected, 'exact');
  if (o.hasBound) {
    // With fixings, solutions excluded by them are no better than the incumbent.
    s.tighten(fixed ? Math.max(r.dualBound, s.incumbent?.objective ?? -Infinity) : r.dualBound);
  }
  const best = s.incumbent;
  if (!o.optimal || !o.hasSolution || !best) return;
  if (boundProvesOptimal(best.objective, s.bound, 'max', s.inst.integralWeights)) s.proven = true;
  // HiGHS proved optimality with a zero gap setting, up to its own tolerances
  if ((s.opts.mipRelGap ?? 0) === 0 && s.bound - best.objective <= 1e-6 * Math.max(1, Math.abs(s.bound))) s.proven = true;
}

/** The probe's note: what it fixed, in how many LP solves, why it stopped, and the LP bounds. */
function probeNote(pr: ProbeResult): string {
  const stopped = pr.complete ? '' : `, stopped: ${pr.stop.replace('time', 'time limit').replace('unproductive', 'probes fixing nothing')}`;
  const lpNote = Number.isNaN(pr.rootBound) ? 'LP not solved in time' : `LP bound ${pr.rootBound.toFixed(3)}, ${pr.excludesAll ? 'nothing beats the incumbent' : `${pr.fixedBound.toFixed(3)} under the fixings`}`;
  return `probe: ${pr.fixedZero} options closed and ${pr.fixedOne} opened in ${pr.probes} probes (${pr.lpSolves} LP solves${stopped}), ${lpNote}`;
}

/**
 * LP probing of the reduced model on the HiGHS pool (within `share` of the time left), then, on what
 * probing left, the MILP (same pool) or, with `finish`, another step (auto's branch-and-bound).
 */
export async function runProbeThenExact(s: SolveState, red: Reduction, incumbent: number, share = 0.5, finish?: (target: Reduction, pool: Pool) => Promise<void>): Promise<void> {
  await withPool(s.opts.pool, Math.min(s.threads, PROBE_CHAINS), async (pool) => {
    const scale = Math.max(1, Math.abs(incumbent));
    // Solutions better than the incumbent are worth at least this (1 more with integral weights).
    const threshold = s.inst.integralWeights ? incumbent + 1 - 1e-6 * scale : incumbent - 1e-7 * scale;
    const rounds = Math.ceil(PROBE_CHAINS / Math.min(s.threads, PROBE_CHAINS));
    const pr = await s.phase('probe', () => probeCoverage(red.instance, { threshold, timeLimit: (share * s.left()) / rounds, pool, chains: PROBE_CHAINS }));
    s.notes.push(probeNote(pr));
    // The LP bounds the solutions that survive the Lagrangian fixings, i.e. those better than the incumbent.
    if (!Number.isNaN(pr.rootBound)) s.tighten(Math.max(pr.rootBound, incumbent));
    if (pr.excludesAll) {
      s.proven = true;
      s.tighten(incumbent);
      return;
    }
    if (Number.isFinite(pr.fixedBound)) s.tighten(Math.max(pr.fixedBound, incumbent));
    let target = red;
    if (pr.fixedZero + pr.fixedOne > 0) {
      const red2 = await s.phase('reduce', () => reduceCoverage(red.instance, { fixZero: pr.fixZero, fixOne: pr.fixOne }));
      s.notes.push(`reduce: ${red2.unitsBefore} -> ${red2.instance.nUnits} units, ${red2.optionsBefore} -> ${red2.instance.nOptions} options after probing`);
      target = { ...red2, optionMap: red2.optionMap.map((k) => red.optionMap[k]) };
    }
    if (s.left() < 0.2) s.notes.push('exact: skipped, no time left');
    else if (finish) await finish(target, pool);
    else await runExact(s, target.instance, target.optionMap, target !== red || red.fixedZero + red.fixedOne > 0, pool);
  });
}
