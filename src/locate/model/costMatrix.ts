/**
 * The plain input of the classic location models: a clients x sites cost matrix (Infinity where a
 * pair has no path), client weights, and optional ids. Readers (CSV, OR-Library) are adapters that
 * produce it. A long cost CSV lists only some pairs: its reader keeps them sparse (`sparse`, CSR by
 * client) and the dense row-major `cost` is built only when a model asks for it (p-median and
 * p-center do; the coverage models never do), so a million clients × a thousand sites never
 * allocates the 8 GB dense matrix.
 *
 * Coverage rule (LSCP, MCLP, p-center): client i is covered by site j when cost[i][j] <= radius.
 */
import { buildCoverage, type CoverageInstance } from './coverage.ts';

/** The pairs a cost table lists, by client: sites site[start[i] .. start[i+1]) at costs cost[...] (ascending site). */
export interface SparseCosts {
  start: Int32Array;
  site: Int32Array;
  cost: Float64Array;
}

export interface CostMatrix {
  nClients: number;
  nSites: number;
  /** Row-major nClients x nSites (for a sparse matrix: built on first use, then kept). */
  cost: Float64Array;
  weight: Float64Array;
  clientIds?: string[];
  siteIds?: string[];
  /** The listed pairs, when the matrix was read from a long table. */
  sparse?: SparseCosts;
}

/** A cost matrix over listed pairs: the dense `cost` is made on first access. */
export function sparseCostMatrix(nClients: number, nSites: number, sparse: SparseCosts, weight: Float64Array, clientIds?: string[], siteIds?: string[]): CostMatrix {
  let dense: Float64Array | undefined;
  return {
    nClients,
    nSites,
    weight,
    clientIds,
    siteIds,
    sparse,
    get cost(): Float64Array {
      if (!dense) {
        dense = new Float64Array(nClients * nSites).fill(Infinity);
        for (let i = 0; i < nClients; i++) for (let e = sparse.start[i]; e < sparse.start[i + 1]; e++) dense[i * nSites + sparse.site[e]] = sparse.cost[e];
      }
      return dense;
    },
  };
}

/** The coverage instance of a cost matrix at a radius (cost <= radius covers). */
export function coverageFromCosts(cm: CostMatrix, radius: number, opts: { maxOpen?: number; mustOpen?: ArrayLike<number> } = {}): CoverageInstance {
  const { nClients: n, nSites: m } = cm;
  const start = new Int32Array(n + 1);
  let idx: Int32Array;
  if (cm.sparse) {
    const sp = cm.sparse;
    let nnz = 0;
    for (let e = 0; e < sp.site.length; e++) if (sp.cost[e] <= radius) nnz++;
    idx = new Int32Array(nnz);
    let at = 0;
    for (let i = 0; i < n; i++) {
      for (let e = sp.start[i]; e < sp.start[i + 1]; e++) if (sp.cost[e] <= radius) idx[at++] = sp.site[e];
      start[i + 1] = at;
    }
  } else {
    const cost = cm.cost;
    const list: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) if (cost[i * m + j] <= radius) list.push(j);
      start[i + 1] = list.length;
    }
    idx = Int32Array.from(list);
  }
  return buildCoverage({
    nUnits: n,
    nOptions: m,
    weight: cm.weight,
    coverStart: start,
    coverOptions: idx,
    maxOpen: opts.maxOpen,
    mustOpen: opts.mustOpen ? Int32Array.from(opts.mustOpen) : undefined,
    unitIds: cm.clientIds,
    optionIds: cm.siteIds,
  });
}

/** Resolve site ids or 0-based indices (as strings) to indices; throws RangeError naming the unknown one. */
export function resolveSites(cm: CostMatrix, ids: string[]): number[] {
  const out: number[] = [];
  for (const id of ids) {
    const at = cm.siteIds ? cm.siteIds.indexOf(id) : -1;
    if (at >= 0) out.push(at);
    else if (/^\d+$/.test(id) && Number(id) < cm.nSites && !cm.siteIds) out.push(Number(id));
    else throw new RangeError(`unknown site '${id}'`);
  }
  return out;
}
