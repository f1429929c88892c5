/**
 * Solving a batch of tree nodes on the worker pool: the batch is cut into contiguous chunks, one per
 * thread, and the outcomes are put back in batch order. The chunks change nothing but the wall time
 * (search.ts: a node's outcome depends on the node alone).
 */
import type { CoverageInstance } from '../../model/coverage.ts';
import { toShared } from '../../model/sharedCoverage.ts';
import { runTask, type Pool } from '../../../parallel/pool.ts';
import type { BatchSolver } from './search.ts';
import type { TreeNodesTask, TreeNodesTaskResult } from './treeTask.ts';

export function poolBatchSolver(inst: CoverageInstance, pool: Pool, threads: number): BatchSolver {
  const shared = toShared(inst);
  return async (nodes, opts) => {
    const chunks = Math.max(1, Math.min(threads, nodes.length));
    const size = Math.ceil(nodes.length / chunks);
    const tasks: Promise<TreeNodesTaskResult>[] = [];
    for (let c = 0; c < nodes.length; c += size) {
      const task: TreeNodesTask = { kind: 'tree-nodes', instance: shared, nodes: nodes.slice(c, c + size), opts: opts.slice(c, c + size) };
      tasks.push(runTask<TreeNodesTaskResult>(pool, task));
    }
    return (await Promise.all(tasks)).flatMap((r) => r.outcomes);
  };
}
