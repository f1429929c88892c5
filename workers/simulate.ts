/** Worker handlers: simulates the shards of a pass it claims (src/simulate/pass.ts); chooses destinations again for a capacity-loop pass (src/simulate/rechoice.ts). */
import { reply, type WorkerReply } from '../src/parallel/reply.ts';
import { simulateClaimed } from '../src/simulate/pass.ts';
import { rechoiceLoads, type RechoiceTask } from '../src/simulate/rechoice.ts';
import type { ClaimedShard, SimulatePassTask } from '../src/simulate/task.ts';

export default async function simulateWorker(task: SimulatePassTask): Promise<WorkerReply<ClaimedShard[]>> {
  return reply(() => simulateClaimed(task, true));
}

export async function rechoiceWorker(task: RechoiceTask): Promise<WorkerReply<Float64Array>> {
  return reply(() => rechoiceLoads(task.groups, task.inputs, task.prices, task.betaPerMin, task.g0, task.g1));
}
