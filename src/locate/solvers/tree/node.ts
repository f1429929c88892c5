/**
 * A node of the branch-and-bound tree over the options: which options are fixed open (1), fixed
 * closed (0) or free (-1), the bound it inherited from its parent (the order it is taken in), and the
 * parent's Lagrangian multipliers to warm-start its own subgradient run (shared by the two children,
 * never written to).
 */
export interface TreeNode {
  /** Creation order: the root is 0; ties in the bound are broken by the lower id. */
  id: number;
  depth: number;
  /** Per option: -1 free, 0 closed, 1 open. */
  fix: Int8Array;
  /** An upper bound on every solution in this subtree (the parent's bound until the node is solved). */
  bound: number;
  /** The parent's best multipliers per unit (null: start from w/2). */
  lambda: Float64Array | null;
}

/** The outcome of solving one node's relaxation (nodeBound.ts). */
export interface NodeOutcome {
  id: number;
  /** The best Lagrangian value found: an upper bound on every solution of the node. */
  bound: number;
  /** No solution of the node reaches the threshold (or the node is infeasible). */
  pruned: boolean;
  /** The node is solved exactly: `bound` is the value of `selection` and nothing is left to branch. */
  leaf: boolean;
  /** The node's fixings after reduced-cost fixing (children inherit them). */
  fix: Int8Array;
  /** The best multipliers (for the children's warm start). */
  lambda: Float64Array;
  /** The option to branch on (-1 when pruned or a leaf). */
  branch: number;
  /** A feasible selection found at the node (the Lagrangian solution, completed) and its covered weight. */
  selection: number[];
  objective: number;
  iterations: number;
  fixedByCost: number;
}
