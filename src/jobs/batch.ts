/**
 * The batch job: the runs of a batch on one worker pool, one task per run (batchRun.ts, in a worker,
 * with a context of its own). Every run writes results/<batch>/<run-id>/ atomically (with a run.json
 * holding its runs.csv row); runs.csv is rewritten from the finished runs in batch order as runs
 * finish (at most once a second) and at the end. With resume, finished runs (run.json present) are skipped and half-finished ones
 * (temporary folders) are removed and redone. A run that throws, or whose worker dies, becomes a
 * 'failed' row and the batch goes on. The same runs on a Redis queue: src/queue/coordinator.ts.
 */
import path from 'node:path';
import { ProgressBar } from '../batch/progress.ts';
import { failedRow, type RunRow } from '../batch/row.ts';
import { openRunsFolder, runsCsvWriter } from '../batch/runsFolder.ts';
import type { BatchSpec } from '../batch/spec.ts';
import { batchTask, type BatchTaskResult } from '../batch/task.ts';
import { createPool, runTask } from '../parallel/pool.ts';
import type { TripsFormat } from '../simulate/output.ts';
import type { RunOutputChoice } from '../batch/task.ts';

export interface BatchOptions {
  outDir: string;
  threads: number;
  resume: boolean;
  trips?: TripsFormat;
  /** The runs' table format and tables (--format, --outputs). */
  output?: RunOutputChoice;
  progress?: boolean;
}

export interface BatchOutcome {
  outDir: string;
  rows: RunRow[];
  skipped: number;
  ran: number;
  failed: number;
  seconds: number;
}

export async function runBatch(spec: BatchSpec, opts: BatchOptions): Promise<BatchOutcome> {
  const t0 = performance.now();
  const outDir = path.resolve(opts.outDir);
  const { rows, pending, skipped } = openRunsFolder(spec, outDir, opts.resume, opts.progress !== false ? (m) => process.stderr.write(`${m}\n`) : null, 'to run');

  let failed = 0;
  if (pending.length > 0) {
    const bar = opts.progress === false ? null : new ProgressBar(pending.length, `batch ${spec.name}`);
    const pool = createPool(opts.threads);
    const csv = runsCsvWriter(outDir, spec, rows);
    try {
      await Promise.all(
        pending.map(async (run) => {
          const t = performance.now();
          let ok = true;
          try {
            const r = await runTask<BatchTaskResult>(pool, batchTask(spec, run, path.join(outDir, run.id), opts.trips ?? 'none', undefined, opts.output));
            rows.set(run.id, r.row);
          } catch (e) {
            ok = false;
            failed++;
            rows.set(run.id, failedRow(run, (e as Error).message, (performance.now() - t) / 1000));
          }
          csv.touch();
          bar?.tick(ok, run.id);
        }),
      );
    } finally {
      csv.flush();
      await pool.destroy();
    }
  }
  runsCsvWriter(outDir, spec, rows).flush();
  const ordered = spec.runs.map((r) => rows.get(r.id)!);
  return { outDir, rows: ordered, skipped, ran: pending.length, failed, seconds: (performance.now() - t0) / 1000 };
}
