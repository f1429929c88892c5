/** Piscina worker: a chunk of multi-start local search starts on a coverage instance in shared memory. */
import { reply, type LocalSearchTask, type LocalSearchTaskResult, type WorkerReply } from './protocol.ts';
import { fromShared } from '../src/locate/sharedCoverage.ts';
import { runStarts } from '../src/locate/localStarts.ts';

export default async function localSearchWorker(task: LocalSearchTask): Promise<WorkerReply<LocalSearchTaskResult>> {
  const arrived = performance.now();
  return reply(() => {
    if (task.kind !== 'localsearch') throw new Error(`localsearch worker: unknown task kind '${String((task as { kind?: unknown }).kind)}'`);
    const inst = fromShared(task.instance);
    return { results: runStarts(inst, task.seed, task.starts, arrived + task.deadline, task.kicks) };
  });
}
