/**
 * The batch job: the runs of a batch on one worker pool, one task per run (batchRun.ts, in a worker,
 * with a context of its own). Every run writes results/<batch>/<run-id>/ atomically (with a run.json
 * holding its runs.csv row); runs.csv is rewritten after each run from the finished runs in batch
 * order. With resume, finished runs (run.json present) are skipped and half-finished ones
 * (temporary folders) are removed and redone. A run that throws, or whose worker dies, becomes a
 * 'failed' row and the batch goes on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ProgressBar } from '../batch/progress.ts';
import { failedRow, header, TEXT_COLUMNS, type RunRow } from '../batch/row.ts';
import type { BatchSpec, RunSpec } from '../batch/spec.ts';
import type { BatchTask, BatchTaskResult } from '../batch/task.ts';
import { writeCsv, type CsvColumn } from '../io/csv.ts';
import { createPool, runTask } from '../parallel/pool.ts';
import type { TripsFormat } from '../simulate/output.ts';

export interface BatchOptions {
  outDir: string;
  threads: number;
  resume: boolean;
  trips?: TripsFormat;
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

function readFinished(runDir: string): RunRow | null {
  try {
    return (JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8')) as { row: RunRow }).row;
  } catch {
    return null;
  }
}

/** Without resume: remove the run folders of an earlier batch in this folder (those holding a run.json). */
function removeEarlierRuns(outDir: string): void {
  for (const e of fs.readdirSync(outDir)) {
    const p = path.join(outDir, e);
    if (fs.existsSync(path.join(p, 'run.json'))) fs.rmSync(p, { recursive: true, force: true });
  }
}

/** Remove temporary folders left by an interrupted run. */
function cleanHalfFinished(outDir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(outDir)) {
    if (/\.tmp-\d+-\d+$/.test(e)) {
      fs.rmSync(path.join(outDir, e), { recursive: true, force: true });
      n++;
    }
  }
  return n;
}

export async function runBatch(spec: BatchSpec, opts: BatchOptions): Promise<BatchOutcome> {
  const t0 = performance.now();
  const outDir = path.resolve(opts.outDir);
  fs.mkdirSync(outDir, { recursive: true });
  const cleaned = cleanHalfFinished(outDir);
  if (!opts.resume) removeEarlierRuns(outDir);
  const rows = new Map<string, RunRow>();
  const pending: RunSpec[] = [];
  for (const run of spec.runs) {
    const row = opts.resume ? readFinished(path.join(outDir, run.id)) : null;
    if (row) rows.set(run.id, row);
    else pending.push(run);
  }
  const skipped = rows.size;
  if (opts.progress !== false && (skipped > 0 || cleaned > 0)) process.stderr.write(`resume: ${skipped} finished runs kept, ${cleaned} half-finished removed, ${pending.length} to run\n`);

  const writeRunsCsv = async () => {
    const ordered = spec.runs.flatMap((r) => (rows.has(r.id) ? [rows.get(r.id)!] : []));
    const cols = header(ordered);
    const columns = cols.map((name): CsvColumn => ({ name, kind: TEXT_COLUMNS.includes(name) ? 'text' : 'number' }));
    writeCsv(path.join(outDir, 'runs.csv'), columns, ordered.map((r) => cols.map((c) => r[c] ?? '')));
  };

  let failed = 0;
  if (pending.length > 0) {
    const bar = opts.progress === false ? null : new ProgressBar(pending.length, `batch ${spec.name}`);
    const pool = createPool(opts.threads);
    // writes of runs.csv are serialised so that two finishing runs never interleave
    let writing = Promise.resolve();
    try {
      await Promise.all(
        pending.map(async (run) => {
          const t = performance.now();
          const task: BatchTask = { kind: 'batch-run', run, catalogues: spec.catalogues, batchFile: spec.file, runDir: path.join(outDir, run.id), trips: opts.trips ?? 'none' };
          let ok = true;
          try {
            const r = await runTask<BatchTaskResult>(pool, task);
            rows.set(run.id, r.row);
          } catch (e) {
            ok = false;
            failed++;
            rows.set(run.id, failedRow(run, (e as Error).message, (performance.now() - t) / 1000));
          }
          writing = writing.then(writeRunsCsv);
          await writing;
          bar?.tick(ok, run.id);
        }),
      );
    } finally {
      await pool.destroy();
    }
  }
  await writeRunsCsv();
  const ordered = spec.runs.map((r) => rows.get(r.id)!);
  return { outDir, rows: ordered, skipped, ran: pending.length, failed, seconds: (performance.now() - t0) / 1000 };
}
