/** Worker handler: writes a run's coverage table and blocks layer while the main thread simulates the plan (src/jobs/coverageTable.ts). */
import { coverageTableTask, type CoverageTableTask } from '../src/jobs/coverageTable.ts';
import { reply } from '../src/parallel/reply.ts';

export default async function writeWorker(task: CoverageTableTask) {
  return reply(() => coverageTableTask(task));
}
