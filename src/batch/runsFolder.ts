/**
 * A batch's output folder, shared by the local batch (src/jobs/batch.ts) and the queue's coordinator
 * (src/queue/coordinator.ts): one folder per finished run (its run.json holds the runs.csv row),
 * temporary folders of interrupted runs, and runs.csv in batch order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeCsv, type CsvColumn } from '../io/csv.ts';
import { header, TEXT_COLUMNS, type RunRow } from './row.ts';
import type { BatchSpec } from './spec.ts';

/** The row of a finished run (its run.json), or null. */
export function readFinished(runDir: string): RunRow | null {
  try {
    return (JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8')) as { row: RunRow }).row;
  } catch {
    return null;
  }
}

/** Without resume: remove the run folders of an earlier batch in this folder (those holding a run.json). */
export function removeEarlierRuns(outDir: string): void {
  for (const e of fs.readdirSync(outDir)) {
    const p = path.join(outDir, e);
    if (fs.existsSync(path.join(p, 'run.json'))) fs.rmSync(p, { recursive: true, force: true });
  }
}

/** Remove temporary folders left by an interrupted run; returns how many. */
export function cleanHalfFinished(outDir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(outDir)) {
    if (/\.tmp-\d+-\d+$/.test(e)) {
      fs.rmSync(path.join(outDir, e), { recursive: true, force: true });
      n++;
    }
  }
  return n;
}

/** Split the batch's runs into those finished in `outDir` (with resume) and those still to run. */
export function finishedAndPending(spec: BatchSpec, outDir: string, resume: boolean): { rows: Map<string, RunRow>; pending: BatchSpec['runs'] } {
  const rows = new Map<string, RunRow>();
  const pending: BatchSpec['runs'] = [];
  for (const run of spec.runs) {
    const row = resume ? readFinished(path.join(outDir, run.id)) : null;
    if (row) rows.set(run.id, row);
    else pending.push(run);
  }
  return { rows, pending };
}

/** runs.csv from the finished runs, in batch order (atomic, spreadsheet-safe). */
/**
 * Open a batch's output folder for a start or a resume: remove half-finished runs (and, unless
 * resuming, earlier runs), then say which runs are finished and which are left. `pendingWord` names
 * what is left in the resume line ('to run', 'to collect or run').
 */
export function openRunsFolder(spec: BatchSpec, outDir: string, resume: boolean, log: ((m: string) => void) | null, pendingWord: string): { rows: Map<string, RunRow>; pending: BatchSpec['runs']; skipped: number } {
  fs.mkdirSync(outDir, { recursive: true });
  const cleaned = cleanHalfFinished(outDir);
  if (!resume) removeEarlierRuns(outDir);
  const { rows, pending } = finishedAndPending(spec, outDir, resume);
  const skipped = rows.size;
  if (log && (skipped > 0 || cleaned > 0)) log(`resume: ${skipped} finished runs kept, ${cleaned} half-finished removed, ${pending.length} ${pendingWord}`);
  return { rows, pending, skipped };
}

export function writeRunsCsv(outDir: string, spec: BatchSpec, rows: Map<string, RunRow>): void {
  const ordered = spec.runs.flatMap((r) => (rows.has(r.id) ? [rows.get(r.id)!] : []));
  const cols = header(ordered);
  const columns = cols.map((name): CsvColumn => ({ name, kind: TEXT_COLUMNS.includes(name) ? 'text' : 'number' }));
  writeCsv(path.join(outDir, 'runs.csv'), columns, ordered.map((r) => cols.map((c) => r[c] ?? '')));
}

/** How many runs of the batch have finished folders in `outDir`. */
export function countFinished(spec: BatchSpec, outDir: string): number {
  return spec.runs.filter((r) => fs.existsSync(path.join(outDir, r.id, 'run.json'))).length;
}

/**
 * runs.csv rewritten as runs finish, at most once per `intervalMs` (a rewrite costs O(runs), so one
 * per run would make a batch of 10,000 quadratic); `flush` writes what is pending. runs.csv is a view
 * of the run folders: --resume rebuilds it from them, so a write skipped by a crash loses nothing.
 */
export function runsCsvWriter(outDir: string, spec: BatchSpec, rows: Map<string, RunRow>, intervalMs = 1000): { touch: () => void; flush: () => void } {
  let last = 0;
  let timer: NodeJS.Timeout | null = null;
  const write = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    last = performance.now();
    writeRunsCsv(outDir, spec, rows);
  };
  return {
    touch: () => {
      if (performance.now() - last >= intervalMs) write();
      else if (!timer) timer = setTimeout(write, intervalMs - (performance.now() - last));
    },
    flush: write,
  };
}
