/** The worker task of the network distance matrix (workers/network.ts runs it with src/network/rows.ts). */

/**
 * Row shards of a network distance matrix (workers/network.ts), claimed one at a time from `claims`
 * (src/parallel/claims.ts) by the worker and by the thread that sent it: shard k is rows
 * [bounds[2k], bounds[2k + 1]). The network is a network.bin layout in shared memory.
 */
export interface NetworkMatrixTask {
  kind: 'network-matrix';
  network: SharedArrayBuffer;
  origins: { edge: Int32Array; offsetM: Float64Array; accessM: Float64Array };
  targets: { edge: Int32Array; offsetM: Float64Array; accessM: Float64Array };
  cutoffM: number;
  bounds: Int32Array;
  claims: Int32Array;
}

/** The rows' CSR block (offsets relative to the block); its buffers are transferred back. */
export interface NetworkMatrixResult {
  rowStart: number;
  rowEnd: number;
  offsets: Int32Array;
  index: Int32Array;
  metres: Float64Array;
  relaxed: number;
}
