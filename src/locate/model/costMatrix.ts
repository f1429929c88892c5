/**
 * The plain input of the classic location models: a dense clients x sites cost matrix (row-major,
 * Infinity where a pair has no path), client weights, and optional ids. Readers (CSV, OR-Library)
 * are adapters that produce it.
 *
 * Coverage rule (LSCP, MCLP, p-center): client i is covered by site j when cost[i][j] <= radius.
 */
import { buildCoverage, type CoverageInstance } from './coverage.ts';

export interface CostMatrix {
  nClients: number;
  nSites: number;
  /** Row-major nClients x nSites. */
  cost: Float64Array;
  weight: Float64Array;
  clientIds?: string[];
  siteIds?: string[];
}

/** The coverage instance of a cost matrix at a radius (cost <= radius covers). */
export function coverageFromCosts(cm: CostMatrix, radius: number, opts: { maxOpen?: number; mustOpen?: ArrayLike<number> } = {}): CoverageInstance {
  const { nClients: n, nSites: m, cost } = cm;
  const start = new Int32Array(n + 1);
  const idx: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) if (cost[i * m + j] <= radius) idx.push(j);
    start[i + 1] = idx.length;
  }
  return buildCoverage({
    nUnits: n,
    nOptions: m,
    weight: cm.weight,
    coverStart: start,
    coverOptions: Int32Array.from(idx),
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
