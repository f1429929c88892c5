/** Worker handler: the row shards of a network distance matrix it claims (src/network/rows.ts), over a network shared with the main thread; their buffers moved back. */
import { Piscina } from 'piscina';
import { reply, type WorkerReply } from '../src/parallel/reply.ts';
import type { Claimed } from '../src/parallel/claims.ts';
import { type NetworkMatrixResult, type NetworkMatrixTask } from '../src/network/task.ts';
import { decodeNetwork } from '../src/network/binary.ts';
import { claimMatrixRows } from '../src/network/rows.ts';

export default async function networkWorker(task: NetworkMatrixTask): Promise<unknown> {
  const r: WorkerReply<Claimed<NetworkMatrixResult>[]> = await reply(() => claimMatrixRows(decodeNetwork(task.network, 'shared network'), task.origins, task.targets, task.cutoffM, task.bounds, task.claims, false));
  if (!r.ok) return r;
  const buffers = r.result.flatMap(({ result: m }) => [m.offsets.buffer, m.index.buffer, m.metres.buffer]);
  return Piscina.move({
    get [Piscina.transferableSymbol]() {
      return buffers;
    },
    get [Piscina.valueSymbol]() {
      return r;
    },
  } as never);
}
