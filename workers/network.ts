/** Worker handler: rows of a network distance matrix over a network shared with the main thread. */
import { Piscina } from 'piscina';
import { reply, type WorkerReply } from '../src/parallel/reply.ts';
import { type NetworkMatrixResult, type NetworkMatrixTask } from '../src/network/task.ts';
import { decodeNetwork } from '../src/network/binary.ts';
import { computeMatrixRows } from '../src/network/rows.ts';

export default async function networkWorker(task: NetworkMatrixTask): Promise<unknown> {
  const r: WorkerReply<NetworkMatrixResult> = await reply(() => {
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
