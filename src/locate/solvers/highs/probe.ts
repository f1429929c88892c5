/**
 * LP probing of a coverage instance on the HiGHS worker pool (see lpProbe.ts for the method): the
 * options are dealt to a fixed number of chains (option k to chain k mod chains), each chain probes
 * its options in order on its own copy of the LP, and the fixings of all chains are united. The
 * number of chains, not of threads, decides the result, so it is the same on 1 thread or 16 (when
 * no chain is cut short by its time limit).
 */
import type { Piscina } from 'piscina';
import type { CoverageInstance } from '../../model/coverage.ts';
import { coverageLp } from '../../model/lpFormat.ts';
import { runTask } from '../../../parallel/pool.ts';
import type { HighsProbeTask, HighsProbeTaskResult } from './highsTask.ts';

export interface ProbeResult {
  fixZero: Uint8Array;
  fixOne: Uint8Array;
  fixedZero: number;
  fixedOne: number;
  /** The LP relaxation optimum: an upper bound on the whole problem. */
  rootBound: number;
  /** The smallest LP optimum of any chain under its fixings: an upper bound on every solution reaching the threshold. */
  fixedBound: number;
  /** No solution reaches the threshold: the fixings contradict each other or empty the LP. */
  excludesAll: boolean;
  probes: number;
  lpSolves: number;
  /** Every chain probed all its options. */
  complete: boolean;
  /** Why the chains stopped, e.g. 'done', or 'time, unproductive' when they differ. */
  stop: string;
}

export interface ProbeOptions {
  /** Improving solutions are worth at least this (e.g. incumbent + 1 with integral weights). */
  threshold: number;
  /** Seconds each chain may probe. */
  timeLimit: number;
  pool: Piscina;
  /** Number of chains (default 2). */
  chains?: number;
}

export async function probeCoverage(inst: CoverageInstance, opts: ProbeOptions): Promise<ProbeResult> {
  const chains = Math.max(1, opts.chains ?? 2);
  const lp = coverageLp(inst);
  const tasks: HighsProbeTask[] = [];
  for (let c = 0; c < chains; c++) {
    const probe: number[] = [];
    for (let k = c; k < inst.nOptions; k += chains) probe.push(k);
    tasks.push({ kind: 'highs-probe', lp, nOptions: inst.nOptions, probe, threshold: opts.threshold, timeLimit: opts.timeLimit });
  }
  const results = await Promise.all(tasks.map((t) => runTask<HighsProbeTaskResult>(opts.pool, t)));
  const fixZero = new Uint8Array(inst.nOptions);
  const fixOne = new Uint8Array(inst.nOptions);
  for (const r of results) for (let k = 0; k < inst.nOptions; k++) {
    if (r.fixed[k] === 0) fixZero[k] = 1;
    else if (r.fixed[k] === 1) fixOne[k] = 1;
  }
  let fixedZero = 0;
  let fixedOne = 0;
  let contradiction = false; // two chains fixed an option both ways: no solution reaches the threshold
  for (let k = 0; k < inst.nOptions; k++) {
    fixedZero += fixZero[k];
    fixedOne += fixOne[k];
    if (fixZero[k] && fixOne[k]) contradiction = true;
  }
  const solved = (v: number): boolean => !Number.isNaN(v);
  const roots = results.map((r) => r.rootBound).filter(solved);
  const fixed = results.map((r) => r.fixedBound).filter(solved);
  const fixedBound = fixed.length ? Math.min(...fixed) : NaN;
  return {
    excludesAll: contradiction || fixedBound < opts.threshold,
    fixZero,
    fixOne,
    fixedZero,
    fixedOne,
    rootBound: roots.length ? Math.min(...roots) : NaN,
    fixedBound,
    probes: results.reduce((s, r) => s + r.probes, 0),
    lpSolves: results.reduce((s, r) => s + r.lpSolves, 0),
    complete: results.every((r) => r.stop === 'done'),
    stop: [...new Set(results.map((r) => r.stop))].join(', '),
  };
}
