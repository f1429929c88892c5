/**
 * The core of the network distance matrix: rows [rowStart, rowEnd) of origins x targets, each row one
 * bounded multi-source Dijkstra from the two ends of the origin's edge. Pure and synchronous, so the
 * same function runs in this thread or in a worker and gives byte-identical rows.
 */
import { claimAll, type Claimed } from '../parallel/claims.ts';
import { DijkstraScratch } from './dijkstra.ts';
import type { RoadNetwork } from './network.ts';
import type { NetworkMatrixResult } from './task.ts';

/** Where points meet the network (the part of a SnapResult the matrix needs); edge -1 = not snapped. */
export interface SnapPoints {
  edge: Int32Array;
  offsetM: Float64Array;
  accessM: Float64Array;
}

/** A block of matrix rows in CSR, offsets relative to the block (offsets[0] = 0): the network worker's result. */
export type MatrixRows = NetworkMatrixResult;

/** Targets attached to nodes and to edges (CSR), with the extra walk from the node to the target. */
export interface TargetIndex {
  nodeOffsets: Int32Array;
  nodeTarget: Int32Array;
  nodeExtraM: Float64Array;
  edgeOffsets: Int32Array;
  edgeTarget: Int32Array;
  count: number;
}

export function buildTargetIndex(net: RoadNetwork, t: SnapPoints): TargetIndex {
  const n = net.nodeCount;
  const m = net.edgeCount;
  const count = t.edge.length;
  const nodeOffsets = new Int32Array(n + 1);
  const edgeOffsets = new Int32Array(m + 1);
  for (let j = 0; j < count; j++) {
    const e = t.edge[j];
    if (e < 0) continue;
    nodeOffsets[net.edgeFrom[e] + 1]++;
    nodeOffsets[net.edgeTo[e] + 1]++;
    edgeOffsets[e + 1]++;
  }
  for (let u = 0; u < n; u++) nodeOffsets[u + 1] += nodeOffsets[u];
  for (let e = 0; e < m; e++) edgeOffsets[e + 1] += edgeOffsets[e];
  const nodeTarget = new Int32Array(nodeOffsets[n]);
  const nodeExtraM = new Float64Array(nodeOffsets[n]);
  const edgeTarget = new Int32Array(edgeOffsets[m]);
  const nFill = nodeOffsets.slice(0, n);
  const eFill = edgeOffsets.slice(0, m);
  for (let j = 0; j < count; j++) {
    const e = t.edge[j];
    if (e < 0) continue;
    const a = t.offsetM[j];
    const c = t.accessM[j];
    let p = nFill[net.edgeFrom[e]]++;
    nodeTarget[p] = j;
    nodeExtraM[p] = a + c;
    p = nFill[net.edgeTo[e]]++;
    nodeTarget[p] = j;
    nodeExtraM[p] = net.edgeLength[e] - a + c;
    edgeTarget[eFill[e]++] = j;
  }
  return { nodeOffsets, nodeTarget, nodeExtraM, edgeOffsets, edgeTarget, count };
}

/** Rows [rowStart, rowEnd) of the origin x target walking distances up to cutoffM. */
export function computeMatrixRows(net: RoadNetwork, origins: SnapPoints, targets: SnapPoints, cutoffM: number, rowStart: number, rowEnd: number, ti = buildTargetIndex(net, targets), scratch = new DijkstraScratch(net)): MatrixRows {
  const best = new Float64Array(ti.count).fill(Infinity);
  const hit = new Int32Array(ti.count);
  const rows = rowEnd - rowStart;
  const offsets = new Int32Array(rows + 1);
  let index: number[] = [];
  let metres: number[] = [];
  const relaxedBefore = scratch.relaxed;
  const src = new Int32Array(2);
  const start = new Float64Array(2);
  for (let r = 0; r < rows; r++) {
    const i = rowStart + r;
    const e = origins.edge[i];
    let nHit = 0;
    if (e >= 0) {
      const a = origins.offsetM[i];
      const c = origins.accessM[i];
      src[0] = net.edgeFrom[e];
      start[0] = c + a;
      src[1] = net.edgeTo[e];
      start[1] = c + (net.edgeLength[e] - a);
      scratch.run(src, start, cutoffM);
      const { dist, touched } = scratch;
      for (let k = 0; k < scratch.touchedCount; k++) {
        const u = touched[k];
        const du = dist[u];
        for (let p = ti.nodeOffsets[u]; p < ti.nodeOffsets[u + 1]; p++) {
          const j = ti.nodeTarget[p];
          const d = du + ti.nodeExtraM[p];
          if (d < best[j]) {
            if (best[j] === Infinity) hit[nHit++] = j;
            best[j] = d;
          }
        }
      }
      // Origin and target on the same edge: the direct walk along it.
      for (let p = ti.edgeOffsets[e]; p < ti.edgeOffsets[e + 1]; p++) {
        const j = ti.edgeTarget[p];
        const d = c + Math.abs(a - targets.offsetM[j]) + targets.accessM[j];
        if (d < best[j]) {
          if (best[j] === Infinity) hit[nHit++] = j;
          best[j] = d;
        }
      }
    }
    const cols = hit.subarray(0, nHit).sort();
    let kept = 0;
    for (let k = 0; k < nHit; k++) {
      const j = cols[k];
      if (best[j] <= cutoffM) {
        index.push(j);
        metres.push(best[j]);
        kept++;
      }
      best[j] = Infinity;
    }
    offsets[r + 1] = offsets[r] + kept;
  }
  const out: MatrixRows = {
    rowStart,
    rowEnd,
    offsets,
    index: Int32Array.from(index),
    metres: Float64Array.from(metres),
    relaxed: scratch.relaxed - relaxedBefore,
  };
  index = [];
  metres = [];
  return out;
}

/**
 * Claim row shards (shard k: rows [bounds[2k], bounds[2k + 1])) from `claims` until none is left, each
 * computed by computeMatrixRows with one target index and one scratch for all; `pause` lets the event
 * loop run after each (this thread claiming beside the pool's workers).
 */
export function claimMatrixRows(net: RoadNetwork, origins: SnapPoints, targets: SnapPoints, cutoffM: number, bounds: Int32Array, claims: Int32Array, pause: boolean): Promise<Claimed<MatrixRows>[]> {
  const ti = buildTargetIndex(net, targets);
  const scratch = new DijkstraScratch(net);
  return claimAll(claims, bounds.length / 2, (k) => computeMatrixRows(net, origins, targets, cutoffM, bounds[2 * k], bounds[2 * k + 1], ti, scratch), pause);
}
