/**
 * Multi-start local search: start s (0..starts-1) runs with its own rng seeded from (seed, s), so
 * the best result — ties broken by the lowest start — depends on the seed and the number of starts,
 * never on the number of threads. threads > 1 spreads the starts over a piscina pool
 * (workers/localsearch.ts) with the instance in shared memory.
 */
import type { CoverageInstance } from '../../model/coverage.ts';
import { runStarts, type LocalSearchTask, type LocalSearchTaskResult } from './localStarts.ts';
import { toShared } from '../../model/sharedCoverage.ts';
import { runTask, withPool, type Pool } from '../../../parallel/pool.ts';

export interface MultiStartResult {
  selection: number[];
  objective: number;
  bestStart: number;
  starts: number;
}

function pickBest(results: LocalSearchTaskResult['results'], starts: number): MultiStartResult {
  let best = results[0];
  for (const r of results) if (r.objective > best.objective || (r.objective === best.objective && r.start < best.start)) best = r;
  return { selection: best.selection, objective: best.objective, bestStart: best.start, starts };
}

export async function multiStartLocal(inst: CoverageInstance, opts: { seed: number; starts: number; threads: number; timeLimitMs: number; kicks?: number; pool?: Pool }): Promise<MultiStartResult> {
  const starts = Math.max(1, opts.starts);
  const all = Array.from({ length: starts }, (_, i) => i);
  // Small instances run inline: a pool's start-up (about a second) would dominate. Results do not depend on it.
  if (opts.threads <= 1 || starts === 1 || inst.coverOptions.length * starts < 2_000_000) return pickBest(runStarts(inst, opts.seed, all, performance.now() + opts.timeLimitMs, opts.kicks), starts);
  const threads = Math.min(opts.threads, starts);
  return withPool(opts.pool, threads, async (pool) => {
    const shared = toShared(inst);
    const chunks: number[][] = Array.from({ length: threads }, () => []);
    all.forEach((s) => chunks[s % threads].push(s));
    const replies = await Promise.all(
      chunks.map((c) => {
        const task: LocalSearchTask = { kind: 'localsearch', instance: shared, seed: opts.seed, starts: c, deadline: opts.timeLimitMs, kicks: opts.kicks };
        return runTask<LocalSearchTaskResult>(pool, task);
      }),
    );
    return pickBest(replies.flatMap((r) => r.results), starts);
  });
}
