/** Worker entry point of the simulation pool: simulates one shard of blocks (src/simulate/shard.ts). */
import { reply, type SimulateShardResult, type SimulateShardTask, type WorkerReply } from './protocol.ts';
import { simulateShard } from '../src/simulate/shard.ts';

export default async function run(task: SimulateShardTask): Promise<WorkerReply<SimulateShardResult>> {
  return reply(() => {
    if (task.kind !== 'simulate-shard') throw new Error(`simulate worker: unknown task kind '${String((task as { kind?: unknown }).kind)}'`);
    return simulateShard(task, true);
  });
}
