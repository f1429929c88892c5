/** Worker handler: a batch of branch-and-bound nodes of a coverage instance in shared memory. */
import { reply, type WorkerReply } from '../src/parallel/reply.ts';
import { solveTreeNodes, type TreeNodesTask, type TreeNodesTaskResult } from '../src/locate/solvers/tree/treeTask.ts';

export default async function treeWorker(task: TreeNodesTask): Promise<WorkerReply<TreeNodesTaskResult>> {
  return reply(() => solveTreeNodes(task));
}
