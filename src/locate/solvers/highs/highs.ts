/**
 * Running HiGHS (WebAssembly) on an LP-format model inside a piscina worker (workers/highs.ts), so
 * that a WebAssembly abort (e.g. its 2 GiB heap exhausted) or a runaway solve cannot take this
 * process down: HiGHS gets `time_limit`, and a watchdog terminates the worker if it overruns.
 */
import { createPool, runTask, type Pool } from '../../../parallel/pool.ts';
import type { HighsTask, HighsTaskResult } from './highsTask.ts';

export interface HighsRunOptions {
  timeLimit: number;
  /** Relative MIP gap at which HiGHS may stop (default 0: prove optimality). */
  mipRelGap?: number;
  /** Warm start: open option indices (x<k> = 1, other x = 0). */
  start?: number[];
  nOptions?: number;
  /** The job's worker pool (else a one-thread pool is created and destroyed). */
  pool?: Pool;
}

export interface HighsRun extends HighsTaskResult {
  /** Selected x<k> indices. */
  selected: number[];
  /** Set when the worker failed or was killed: its message. */
  failure?: string;
}

export async function runHighs(lp: string, opts: HighsRunOptions): Promise<HighsRun> {
  const pool = opts.pool ?? createPool(1);
  const task: HighsTask = {
    kind: 'highs',
    lp,
    options: { time_limit: Math.max(0.01, opts.timeLimit), mip_rel_gap: opts.mipRelGap ?? 0, mip_abs_gap: 1e-9 },
    selectPrefix: 'x',
  };
  if (opts.start && opts.nOptions !== undefined) {
    const open = new Set(opts.start);
    task.startNames = [];
    const vals: number[] = [];
    for (let k = 0; k < opts.nOptions; k++) {
      task.startNames.push(`x${k}`);
      vals.push(open.has(k) ? 1 : 0);
    }
    task.startValues = Float64Array.from(vals);
  }
  const abort = new AbortController();
  const watchdogMs = (opts.timeLimit * 1.5 + 15) * 1000;
  const timer = setTimeout(() => abort.abort(), watchdogMs);
  try {
    const r = await runTask<HighsTaskResult>(pool, task, { signal: abort.signal });
    return { ...r, selected: r.selectedNames.map((s) => Number(s.slice(1))).sort((a, b) => a - b) };
  } catch (e) {
    const msg = abort.signal.aborted ? `HiGHS worker killed after ${(watchdogMs / 1000).toFixed(0)} s` : `HiGHS failed: ${(e as Error).message}`;
    return { modelStatus: 'error', hasSolution: false, objective: NaN, dualBound: NaN, selectedNames: [], selected: [], seconds: NaN, warmStart: 'none', failure: msg };
  } finally {
    clearTimeout(timer);
    if (!opts.pool) await pool.destroy();
  }
}
