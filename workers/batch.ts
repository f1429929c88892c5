/** Worker handler: one batch run — load the scenario, apply the run's parameters, run the full loop into its folder. */
import fs from 'node:fs';
import path from 'node:path';
import { reply, type WorkerReply } from '../src/parallel/reply.ts';
import { type BatchTask, type BatchTaskResult } from '../src/batch/task.ts';
import { applyRun } from '../src/batch/variant.ts';
import { runRow } from '../src/batch/row.ts';
import { runLoaded } from '../src/pipeline/run.ts';
import { loadScenario } from '../src/scenario/load.ts';

export default function runBatchTask(task: BatchTask): Promise<WorkerReply<BatchTaskResult>> {
  return reply(async () => {
    const t0 = performance.now();
    const base = await loadScenario(task.run.scenario);
    const sc = applyRun(base, task.run, task.catalogues, task.batchFile);
    let row: BatchTaskResult['row'] = {};
    await runLoaded(sc, task.run.scenario, {
      out: task.runDir,
      threads: 1,
      solver: task.run.solver,
      timeLimit: task.run.timeLimit,
      trips: task.trips,
      extra: (tmp, summary) => {
        row = runRow(task.run, summary, (performance.now() - t0) / 1000);
        fs.writeFileSync(path.join(tmp, 'run.json'), `${JSON.stringify({ run: task.run, row }, null, 2)}\n`);
      },
    });
    return { row };
  });
}
