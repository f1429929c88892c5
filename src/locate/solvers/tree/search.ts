/**
 * Branch-and-bound over the options of a plain-cardinality coverage instance (maximise covered weight
 * with at most p options open), with Lagrangian bounds at the nodes (nodeBound.ts).
 *
 * Deterministic for any number of threads: the open nodes are taken in fixed-size batches, best bound
 * first, ties by the lower node id; every node of a batch is solved against the same threshold (the
 * incumbent at the start of the batch), so a node's outcome is a function of the node alone and the
 * batch may be solved in any order, on any number of workers. Outcomes are then merged in batch
 * order: the incumbent improves (strictly, so the earliest node wins a tie), nodes below the new
 * threshold are pruned, the others branch (x_k = 1 child first, then x_k = 0). The time limit is only
 * checked between batches; when it cuts the search, the bound is the largest bound of any open node
 * or pruned node (each a solved Lagrangian relaxation) and the incumbent.
 */
import type { CoverageInstance } from '../../model/coverage.ts';
import { objectiveWeight, selectionToMask, violations } from '../../model/evaluate.ts';
import { evaluateNode, type NodeBoundOptions } from './nodeBound.ts';
import { OpenNodes } from './openNodes.ts';
import type { NodeOutcome, TreeNode } from './node.ts';

/** Solves a batch of nodes against one threshold; the outcomes in the order of the nodes. */
export type BatchSolver = (nodes: TreeNode[], opts: NodeBoundOptions[]) => Promise<NodeOutcome[]>;

export interface TreeOptions {
  /** A feasible selection to start from (e.g. the local search's). */
  incumbent?: number[];
  /** Only solutions worth more than this are sought (an incumbent found outside this instance). */
  cutoff?: number;
  /** performance.now() after which no new batch starts. */
  deadline: number;
  /** Nodes per batch (default 16): fixed, so that the tree does not depend on the number of threads. */
  batch?: number;
  /** Subgradient iterations at the root (default 600) and at the other nodes (default 60). */
  rootIterations?: number;
  nodeIterations?: number;
  /** Solve batches elsewhere (e.g. on the worker pool); default: here, one node after the other. */
  solveBatch?: BatchSolver;
  /** Stop when this many nodes are open (memory), reporting the bound so far (default 200,000). */
  maxOpen?: number;
  /** Start no batch once this many nodes are solved (a limit independent of the clock, for tests). */
  maxNodes?: number;
}

export interface TreeResult {
  /** 'optimal': every node pruned or solved; 'time-limit': the deadline (or the node cap) cut the search. */
  status: 'optimal' | 'time-limit' | 'infeasible';
  selection: number[];
  objective: number;
  /** A valid upper bound on the instance's optimum. */
  bound: number;
  rootBound: number;
  nodes: number;
  batches: number;
  openLeft: number;
  maxDepth: number;
  fixedByCost: number;
}

/** Solutions worth less than this are no improvement on z (1 more with integral weights). */
export function thresholdOf(z: number, integral: boolean): number {
  if (!Number.isFinite(z)) return -Infinity;
  const tol = 1e-9 * Math.max(1, Math.abs(z));
  return integral ? z + 1 - tol : z + tol;
}

/** Whether the tree applies: a finite cardinality limit and no other side constraint. */
export function treeApplies(inst: CoverageInstance): boolean {
  if (!Number.isFinite(inst.maxOpen) || Number.isFinite(inst.budget)) return false;
  for (let k = 0; k < inst.nOptions; k++) if (inst.group[k] >= 0 && Number.isFinite(inst.groupCapacity[inst.group[k]])) return false;
  for (let c = 0; c < inst.nClasses; c++) if (inst.classMin[c] > 0) return false;
  for (let h = 0; h < inst.nUnitGroups; h++) if (inst.equityShare[h] > 0) return false;
  return true;
}

/** Warm-started nodes: a smaller first step and quicker halving than the root (whose multipliers start from w/2). */
const NODE_ALPHA = 0.5;
const NODE_STALL = 5;

const inline = (inst: CoverageInstance): BatchSolver => async (nodes, opts) => nodes.map((nd, i) => evaluateNode(inst, nd, opts[i]));

export async function branchAndBound(inst: CoverageInstance, o: TreeOptions): Promise<TreeResult> {
  if (!treeApplies(inst)) throw new RangeError('branch-and-bound: only plain cardinality instances (no budget, floor area, class minimums or equity floors)');
  const m = inst.nOptions;
  const integral = inst.integralWeights;
  const batchSize = Math.max(1, o.batch ?? 16);
  const solveBatch = o.solveBatch ?? inline(inst);
  const maxOpen = o.maxOpen ?? 200_000;
  let bestSel: number[] = [];
  let bestObj = -Infinity;
  const offer = (sel: number[], value: number): void => {
    if (!(value > bestObj)) return;
    // Re-evaluated from scratch: only feasible selections with their true value become the incumbent.
    const mask = selectionToMask(m, sel);
    if (violations(inst, mask).length > 0) return;
    const v = objectiveWeight(inst, mask);
    if (v > bestObj) {
      bestObj = v;
      bestSel = [...sel].sort((a, b) => a - b);
    }
  };
  if (o.incumbent) offer(o.incumbent, Infinity);
  const rootFix = new Int8Array(m).fill(-1);
  for (const k of inst.mustOpen) rootFix[k] = 1;
  const open = new OpenNodes();
  open.push({ id: 0, depth: 0, fix: rootFix, bound: Infinity, lambda: null });
  let nextId = 1;
  let nodes = 0;
  let batches = 0;
  let prunedMax = -Infinity;
  let rootBound = Infinity;
  let maxDepth = 0;
  let fixedByCost = 0;
  let cut = false;
  while (open.size > 0) {
    if (batches > 0 && (performance.now() > o.deadline || open.size >= maxOpen || nodes >= (o.maxNodes ?? Infinity))) {
      cut = true;
      break;
    }
    const threshold = thresholdOf(Math.max(bestObj, o.cutoff ?? -Infinity), integral);
    const batch: TreeNode[] = [];
    while (batch.length < batchSize && open.size > 0) {
      const nd = open.pop()!;
      if (nd.bound < threshold) {
        if (nd.bound > prunedMax) prunedMax = nd.bound;
        continue;
      }
      batch.push(nd);
    }
    if (batch.length === 0) break;
    const opts = batch.map((nd): NodeBoundOptions => (nd.id === 0
      ? { threshold, maxIterations: o.rootIterations ?? 1500, alpha: 2, stall: 40 }
      : { threshold, maxIterations: o.nodeIterations ?? 60, alpha: NODE_ALPHA, stall: NODE_STALL }));
    const outs = await solveBatch(batch, opts);
    batches++;
    nodes += batch.length;
    for (const r of outs) if (r.selection.length > 0) offer(r.selection, r.objective);
    const after = thresholdOf(Math.max(bestObj, o.cutoff ?? -Infinity), integral);
    for (let i = 0; i < batch.length; i++) {
      const nd = batch[i];
      const r = outs[i];
      if (nd.id === 0) rootBound = r.bound;
      fixedByCost += r.fixedByCost;
      if (nd.depth > maxDepth) maxDepth = nd.depth;
      const bound = Math.min(nd.bound, r.bound);
      if (r.pruned || r.leaf || bound < after) {
        if (bound > prunedMax) prunedMax = bound;
        continue;
      }
      if (r.branch < 0) {
        // Reduced-cost fixing decided every option: solve the node again under its fixings.
        open.push({ id: nextId++, depth: nd.depth + 1, fix: r.fix, bound, lambda: r.lambda });
        continue;
      }
      const one = r.fix.slice();
      one[r.branch] = 1;
      const zero = r.fix;
      zero[r.branch] = 0;
      open.push({ id: nextId++, depth: nd.depth + 1, fix: one, bound, lambda: r.lambda });
      open.push({ id: nextId++, depth: nd.depth + 1, fix: zero, bound, lambda: r.lambda });
    }
  }
  const openLeft = open.size;
  let bound = Math.max(bestObj, prunedMax, open.maxBound());
  if (!Number.isFinite(bound)) bound = bestObj;
  const status = !cut && openLeft === 0 ? (bestObj === -Infinity ? 'infeasible' : 'optimal') : 'time-limit';
  return { status, selection: bestSel, objective: bestObj, bound, rootBound, nodes, batches, openLeft, maxDepth, fixedByCost };
}
