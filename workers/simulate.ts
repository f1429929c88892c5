/** Worker handlers: simulates one shard of blocks (src/simulate/shard.ts); chooses destinations again for a capacity-loop pass (src/simulate/rechoice.ts). */
import { reply, type WorkerReply } from '../src/parallel/reply.ts';
import { simulateShard } from '../src/simulate/shard.ts';
import { rechoiceLoads, type RechoiceTask } from '../src/simulate/rechoice.ts';
import type { SimulateShardResult, SimulateShardTask } from '../src/simulate/task.ts';

export default async function simulateWorker(task: SimulateShardTask): Promise<WorkerReply<SimulateShardResult>> {
  return reply(() => simulateShard(task, true));
}

export async function rechoiceWorker(task: RechoiceTask): Promise<WorkerReply<Float64Array>> {
  return reply(() => rechoiceLoads(task.groups, task.inputs, task.prices, task.betaPerMin, task.g0, task.g1));
}
