/**
 * Network walking distances from every origin to every target within a cutoff, as a DistanceMatrix
 * (rows = origins, columns = targets). Runs in this thread for small inputs and by row shards claimed
 * by this thread and the piscina pool's workers (workers/network.ts) for large ones; the rows are
 * computed by the same pure function either way, so the matrix is byte-identical for any thread count.
 */
import type { Piscina } from 'piscina';
import { createPool, runTask } from '../parallel/pool.ts';
import { claimCounter, claimTasks, gatherClaimed, type Claimed } from '../parallel/claims.ts';
import type { NetworkMatrixTask } from './task.ts';
import { shareNetwork } from './binary.ts';
import type { RoadNetwork } from './network.ts';
import { buildTargetIndex, claimMatrixRows, computeMatrixRows, type MatrixRows, type SnapPoints } from './rows.ts';

/**
 * Origins x targets walking distances in compressed sparse rows: for row i the entries are
 * index[offsets[i] .. offsets[i+1]) with walking distances metres[...] in metres, columns ascending.
 * Pairs farther than cutoffM are absent.
 */
export interface DistanceMatrix {
  rows: number;
  cols: number;
  offsets: Int32Array;
  index: Int32Array;
  metres: Float64Array;
  cutoffM: number;
}

export interface NetworkMatrixOptions {
  /** Threads in all, this one included; 1 (the default) computes in this thread alone. */
  threads?: number;
  /** Rows per shard (default: rows split into 4 shards per thread, at least 64 rows each). */
  shardRows?: number;
  /** A pool over the worker entry to reuse (left open; threads - 1 of its workers take part); by default one of threads - 1 workers is created and closed. */
  pool?: Piscina;
}

export interface NetworkMatrixStats {
  /** Arcs relaxed by all Dijkstra runs together. */
  relaxed: number;
  threads: number;
  shards: number;
}

/**
 * Origins x targets walking distances (metres, access walks included) up to cutoffM. On threads > 1
 * the rows are cut into shards that this thread and threads - 1 workers claim one at a time (whoever
 * is free takes the next), so that this thread computes rows too, and a worker still starting takes
 * fewer.
 */
export async function networkDistanceMatrix(net: RoadNetwork, origins: SnapPoints, targets: SnapPoints, cutoffM: number, opts: NetworkMatrixOptions = {}): Promise<DistanceMatrix & { stats: NetworkMatrixStats }> {
  if (!(cutoffM >= 0)) throw new RangeError(`cutoffM must be a non-negative number, got ${cutoffM}`);
  const rows = origins.edge.length;
  const threads = Math.max(1, Math.floor(opts.threads ?? 1));
  const shardRows = Math.max(1, opts.shardRows ?? Math.max(64, Math.ceil(rows / (threads * 4))));
  let blocks: MatrixRows[];
  if (threads === 1 || rows <= shardRows) {
    blocks = [computeMatrixRows(net, origins, targets, cutoffM, 0, rows)];
  } else {
    const bounds: number[] = [];
    for (let s = 0; s < rows; s += shardRows) bounds.push(s, Math.min(rows, s + shardRows));
    const shards = bounds.length / 2;
    const claims = claimCounter();
    const pool = opts.pool ?? createPool(threads - 1);
    try {
      const task: NetworkMatrixTask = {
        kind: 'network-matrix',
        network: shareNetwork(net).buffer,
        origins: { edge: origins.edge, offsetM: origins.offsetM, accessM: origins.accessM },
        targets: { edge: targets.edge, offsetM: targets.offsetM, accessM: targets.accessM },
        cutoffM,
        bounds: Int32Array.from(bounds),
        claims,
      };
      const theirs = claimTasks(Math.min(threads - 1, shards - 1), () => runTask<Claimed<MatrixRows>[]>(pool, task));
      const mine = await claimMatrixRows(net, origins, targets, cutoffM, task.bounds, claims, true);
      blocks = await gatherClaimed(shards, mine, theirs);
    } finally {
      if (!opts.pool) await pool.destroy();
    }
  }
  return { ...assemble(rows, targets.edge.length, cutoffM, blocks), stats: { relaxed: blocks.reduce((s, b) => s + b.relaxed, 0), threads, shards: blocks.length } };
}

/** The same matrix computed synchronously in this thread. */
export function networkDistanceMatrixSync(net: RoadNetwork, origins: SnapPoints, targets: SnapPoints, cutoffM: number): DistanceMatrix & { stats: NetworkMatrixStats } {
  const b = computeMatrixRows(net, origins, targets, cutoffM, 0, origins.edge.length, buildTargetIndex(net, targets));
  return { ...assemble(origins.edge.length, targets.edge.length, cutoffM, [b]), stats: { relaxed: b.relaxed, threads: 1, shards: 1 } };
}

function assemble(rows: number, cols: number, cutoffM: number, blocks: MatrixRows[]): DistanceMatrix {
  blocks.sort((a, b) => a.rowStart - b.rowStart);
  const nnz = blocks.reduce((s, b) => s + b.index.length, 0);
  const offsets = new Int32Array(rows + 1);
  const index = new Int32Array(nnz);
  const metres = new Float64Array(nnz);
  let base = 0;
  for (const b of blocks) {
    for (let r = 0; r < b.rowEnd - b.rowStart; r++) offsets[b.rowStart + r + 1] = base + b.offsets[r + 1];
    index.set(b.index, base);
    metres.set(b.metres, base);
    base += b.index.length;
  }
  return { rows, cols, offsets, index, metres, cutoffM };
}
