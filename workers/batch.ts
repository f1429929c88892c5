/** Worker handler: one batch run (src/jobs/batchRun.ts). */
import { type BatchTask, type BatchTaskResult } from '../src/batch/task.ts';
import { runBatchTask } from '../src/jobs/batchRun.ts';
import { reply, type WorkerReply } from '../src/parallel/reply.ts';

export default function batchWorker(task: BatchTask): Promise<WorkerReply<BatchTaskResult>> {
  return reply(() => runBatchTask(task));
}
