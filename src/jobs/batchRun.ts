/**
 * One run of a batch, as a batch worker runs it (workers/batch.ts): load the scenario, apply the run's
 * parameters, run the full loop on one thread into the run's folder, with a run.json holding the run
 * and its runs.csv row.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runRow } from '../batch/row.ts';
import type { BatchTask, BatchTaskResult } from '../batch/task.ts';
import { applyRun } from '../batch/variant.ts';
import { loadScenario } from '../scenario/load.ts';
import { runLoaded } from './run.ts';

export async function runBatchTask(task: BatchTask): Promise<BatchTaskResult> {
  const t0 = performance.now();
  const location = task.location ?? task.run.scenario;
  const base = await loadScenario(location);
  const sc = applyRun(base, task.run, task.catalogues, task.batchFile);
  let row: BatchTaskResult['row'] = {};
  await runLoaded(sc, location, {
    out: task.runDir,
    threads: 1,
    solver: task.run.solver,
    timeLimit: task.run.timeLimit,
    trips: task.trips,
    format: task.output?.format,
    outputs: task.output?.outputs,
    extra: (tmp, summary) => {
      row = runRow(task.run, summary, (performance.now() - t0) / 1000, sc.budget);
      fs.writeFileSync(path.join(tmp, 'run.json'), `${JSON.stringify({ run: task.run, row }, null, 2)}\n`);
    },
  });
  return { row };
}
