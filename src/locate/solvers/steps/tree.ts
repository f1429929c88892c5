/**
 * The branch-and-bound step of `auto` (solvers/tree/): on the reduced instance of a plain-cardinality
 * coverage solve, seek solutions better than the incumbent until the tree is exhausted or time is up.
 * The reduced instance holds every solution better than the incumbent (the fixings only removed
 * worse ones), so max(tree bound, incumbent) bounds the whole problem; the tree's best selection is
 * mapped back and re-evaluated on the original instance (SolveState.offer) before it counts.
 */
import type { Reduction } from '../../model/reduce.ts';
import { withPool, type Pool } from '../../../parallel/pool.ts';
import { branchAndBound, type TreeResult } from '../tree/search.ts';
import { poolBatchSolver } from '../tree/parallelBatch.ts';
import type { Incumbent, SolveState } from './state.ts';

/** Below this many coverage nonzeros the nodes are solved in this thread (a pool's start-up would cost more). */
const POOL_MIN_NONZEROS = 20_000;
/** Seconds kept back from the deadline for the batch in flight and the result. */
const MARGIN_S = 0.3;

/** `pool`: a pool already running (e.g. probing's), else the job's, else one made here when it pays. */
export async function runTree(s: SolveState, red: Reduction, incumbent: Incumbent, pool?: Pool): Promise<void> {
  const target = red.instance;
  const deadline = s.deadline - MARGIN_S * 1000;
  const have = pool ?? s.opts.pool;
  const usePool = s.threads > 1 && (have !== undefined || target.coverOptions.length >= POOL_MIN_NONZEROS);
  const r: TreeResult = await s.phase('tree', () => (usePool
    ? withPool(have, s.threads, (p) => branchAndBound(target, { cutoff: incumbent.objective, deadline, solveBatch: poolBatchSolver(target, p, s.threads) }))
    : branchAndBound(target, { cutoff: incumbent.objective, deadline })));
  s.notes.push(`tree: ${r.status === 'optimal' ? 'exhausted' : `stopped (${r.openLeft} nodes open)`} after ${r.nodes} nodes in ${r.batches} batches (depth ${r.maxDepth}, ${r.fixedByCost} reduced-cost fixings), root bound ${r.rootBound.toFixed(3)}, bound ${Math.max(r.bound, incumbent.objective).toFixed(3)}${r.objective > incumbent.objective ? `, found ${r.objective}` : ''}`);
  if (r.selection.length > 0 && r.objective > incumbent.objective) s.offer(Array.from(r.selection, (k) => red.optionMap[k]), 'tree');
  if (Number.isFinite(r.bound)) s.tighten(Math.max(r.bound, incumbent.objective));
  if (r.status !== 'optimal') s.hitLimit = true;
}
