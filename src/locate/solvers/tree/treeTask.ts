/**
 * A batch of tree nodes as a worker task (workers/tree.ts): the instance in shared memory (it is
 * packed once per search and reused by every task), the nodes' fixings and warm-start multipliers,
 * and the bound options of each. Solving a node is a pure function of the node and its options, so
 * which worker solves which node changes nothing in the tree.
 */
import type { SharedCoverage } from '../../model/sharedCoverage.ts';
import { fromShared } from '../../model/sharedCoverage.ts';
import type { CoverageInstance } from '../../model/coverage.ts';
import { evaluateNode, type NodeBoundOptions } from './nodeBound.ts';
import type { NodeOutcome, TreeNode } from './node.ts';

export interface TreeNodesTask {
  kind: 'tree-nodes';
  instance: SharedCoverage;
  nodes: TreeNode[];
  opts: NodeBoundOptions[];
}

export interface TreeNodesTaskResult {
  outcomes: NodeOutcome[];
}

/** The instance of the last shared buffer seen by this thread (tasks of one search share it). */
let cached: { buffer: SharedArrayBuffer; inst: CoverageInstance } | undefined;

export function solveTreeNodes(task: TreeNodesTask): TreeNodesTaskResult {
  if (!cached || cached.buffer !== task.instance.arrays.buffer) cached = { buffer: task.instance.arrays.buffer, inst: fromShared(task.instance) };
  const inst = cached.inst;
  return { outcomes: task.nodes.map((nd, i) => evaluateNode(inst, nd, task.opts[i])) };
}
