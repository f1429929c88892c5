/** Worker handler: a chunk of multi-start local search starts on a coverage instance in shared memory. */
import { reply, type WorkerReply } from '../src/parallel/reply.ts';
import { fromShared } from '../src/locate/model/sharedCoverage.ts';
import { runStarts, type LocalSearchTask, type LocalSearchTaskResult } from '../src/locate/solvers/local/localStarts.ts';

export default async function localSearchWorker(task: LocalSearchTask): Promise<WorkerReply<LocalSearchTaskResult>> {
  const arrived = performance.now();
  return reply(() => ({ results: runStarts(fromShared(task.instance), task.seed, task.starts, arrived + task.deadline, task.kicks) }));
}
