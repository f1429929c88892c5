/** The worker task of the network distance matrix (workers/network.ts runs it with src/network/rows.ts). */

/** Rows [rowStart, rowEnd) of a network distance matrix (workers/network.ts). The network is a network.bin layout in shared memory. */
export interface NetworkMatrixTask {
  kind: 'network-matrix';
  network: SharedArrayBuffer;
  origins: { edge: Int32Array; offsetM: Float64Array; accessM: Float64Array };
  targets: { edge: Int32Array; offsetM: Float64Array; accessM: Float64Array };
  cutoffM: number;
  rowStart: number;
  rowEnd: number;
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
