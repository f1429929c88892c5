/** Worker handler: simulates one shard of blocks (src/simulate/shard.ts). */
import { reply, type WorkerReply } from '../src/parallel/reply.ts';
import { simulateShard } from '../src/simulate/shard.ts';
import type { SimulateShardResult, SimulateShardTask } from '../src/simulate/task.ts';

export default async function simulateWorker(task: SimulateShardTask): Promise<WorkerReply<SimulateShardResult>> {
  return reply(() => simulateShard(task, true));
}
