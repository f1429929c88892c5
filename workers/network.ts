/** Piscina worker: rows of a network distance matrix over a network shared with the main thread. */
import { Piscina } from 'piscina';
import { reply, type NetworkMatrixResult, type NetworkMatrixTask, type WorkerReply } from './protocol.ts';
import { decodeNetwork } from '../src/network/binary.ts';
import { computeMatrixRows } from '../src/network/rows.ts';

export default async function networkWorker(task: NetworkMatrixTask): Promise<unknown> {
  const r: WorkerReply<NetworkMatrixResult> = await reply(() => {
    if (task.kind !== 'network-matrix') throw new Error(`network worker: unknown task kind '${String((task as { kind?: unknown }).kind)}'`);
    const net = decodeNetwork(task.network, 'shared network');
    return computeMatrixRows(net, task.origins, task.targets, task.cutoffM, task.rowStart, task.rowEnd);
  });
  if (!r.ok) return r;
  const buffers = [r.result.offsets.buffer, r.result.index.buffer, r.result.metres.buffer];
  return Piscina.move({
    get [Piscina.transferableSymbol]() {
      return buffers;
    },
    get [Piscina.valueSymbol]() {
      return r;
    },
  } as never);
}
