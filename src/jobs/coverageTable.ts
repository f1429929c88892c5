/**
 * A run's coverage files: the coverage table (coverage.parquet: 1.6 million rows at 21,000 blocks) and
 * the blocks layer (blocks.geojson.gz: some fifty properties a block, 45 MB of text at 25,000 blocks),
 * both final once the plan's coverage is known, before the plan is explained and its day simulated.
 * On the job's pool (which the optimizer made) a worker writes the table (workers/write.ts), building
 * its bytes and compressing them in that one thread, while this thread explains and simulates the
 * plan: on one thread the simulation runs here, so the table would otherwise wait for it with the
 * other core idle (bench/outputs.ts).
 *
 * The layer goes to whichever thread is free first: the worker once the table is written, or this
 * thread once it has nothing else to do (at once when the plan's day is simulated on the pool, after
 * simulating it when it runs here): the one item of a claim counter in shared memory
 * (src/parallel/claims.ts), taken by one of them. On one thread with the default formats the worker is
 * usually first; with gzip CSV, whose coverage table costs more to build, often this thread. The worker is sent the tables once, for both files, and of
 * the scenario only what they read. The bytes are the same wherever they are written: the same
 * functions build them from the same tables.
 *
 * The worker posts its progress (which file, rows or features done) through a message port; this
 * thread prints the lines.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { blockFeatureTexts, blocksGeojsonHead, layerScenario, type LayerScenario } from '../coverage/blocksGeojson.ts';
import { coverageColumns, coverageKeys, coverageParquet, coverageRowCount, coverageText, type CoverageKeys } from '../coverage/csv.ts';
import type { CoverageTable } from '../coverage/residential.ts';
import { geojsonChunks, layerFileName, tableFileName, tableFormat, writeLayer, writeTable, type OutputOptions, type TableFormat } from '../io/tableWriter.ts';
import { progressToPort } from '../io/writeProgress.ts';
import { runTask, type Pool } from '../parallel/pool.ts';
import { claimCounter, claimNext } from '../parallel/claims.ts';
import type { Scenario } from '../scenario/types.ts';

/** Write coverage.parquet (or .csv.gz, .csv: out.format) into `dir` in this thread; returns the file name. */
export function writeCoverageTable(dir: string, sc: CoverageKeys, today: CoverageTable, plan: CoverageTable | null, out: OutputOptions): Promise<string> {
  return writeTable(dir, { base: 'coverage', columns: coverageColumns(plan !== null), text: (f, tick) => coverageText(sc, today, f, undefined, tick, plan), parquet: () => coverageParquet(sc, today, plan), count: coverageRowCount(sc), big: true }, out);
}

/** Write blocks.geojson.gz (blocks.geojson with --format csv) into `dir` in this thread; returns the file name. */
export function writeBlocksLayer(dir: string, sc: LayerScenario, today: CoverageTable, plan: CoverageTable | null, out: OutputOptions): Promise<string> {
  return writeLayer(dir, 'blocks', (tick) => geojsonChunks(blocksGeojsonHead(sc), blockFeatureTexts(sc, today, plan), tick), out, sc.blocks.count);
}

/** Which of the two files a run writes (its --outputs). */
export interface CoverageFiles {
  table: boolean;
  layer: boolean;
}

/** The two files' names once written (null: not asked for). */
export interface CoverageFileNames {
  table: Promise<string> | null;
  layer: Promise<string> | null;
  /**
   * This thread has nothing else to do: it writes the layer unless the worker has begun it (a no-op
   * when this thread writes both files anyway, or the layer is not asked for).
   */
  takeLayer(): void;
}

/** The worker task: what the two writers take, with the port its progress goes to. */
export interface CoverageTableTask {
  kind: 'coverage-table';
  dir: string;
  today: CoverageTable;
  plan: CoverageTable | null;
  format?: TableFormat;
  /** The table's block and service ids; null: no table. */
  keys: CoverageKeys | null;
  /** What the layer reads of the scenario; null: no layer. */
  layer: LayerScenario | null;
  /** The layer as the one item of a claim counter (src/parallel/claims.ts): whoever claims it, the worker or this thread, writes it. */
  layerClaim: Int32Array;
  progress: MessagePort | null;
}

/** A progress message from the worker (progressToPort): which file (0 the table, 1 the layer) and its rows or features done. */
type FileProgress = [file: 0 | 1, done: number];

/** The worker's side: write the table, then the layer unless the main thread has taken it; text and compression in this thread (one core beside the main thread's). */
export async function coverageTableTask(task: CoverageTableTask): Promise<(string | null)[]> {
  const out = (file: 0 | 1): OutputOptions => ({ format: task.format, compressInThisThread: true, progress: task.progress ? progressToPort(task.progress, file) : undefined });
  try {
    const table = task.keys ? await writeCoverageTable(task.dir, task.keys, task.today, task.plan, out(0)) : null;
    const mine = task.layer !== null && claimNext(task.layerClaim, 1) === 0;
    const layer = mine ? await writeBlocksLayer(task.dir, task.layer!, task.today, task.plan, out(1)) : null;
    return [table, layer];
  } finally {
    task.progress?.close();
  }
}

/**
 * The files written by a worker of `pool` (the tables, the block and service ids and the layer's part
 * of the scenario are copied to it), the layer there or here (takeLayer); progress is printed here,
 * each file's first line when its writer starts it.
 */
export function writeCoverageFilesOn(pool: Pool, dir: string, sc: Scenario, today: CoverageTable, plan: CoverageTable | null, files: CoverageFiles, out: OutputOptions): CoverageFileNames {
  if (!files.table && !files.layer) return { table: null, layer: null, takeLayer: () => {} };
  let port: MessagePort | null = null;
  if (out.progress) {
    const progress = out.progress;
    const fileNames = [tableFileName('coverage', tableFormat(out, true)), layerFileName('blocks', out.format)];
    const counts = [coverageRowCount(sc), sc.blocks.count];
    const ticks: (((done: number) => void) | undefined)[] = [undefined, undefined];
    const channel = new MessageChannel();
    port = channel.port2;
    channel.port1.on('message', ([file, done]: FileProgress) => (ticks[file] ??= progress.start(fileNames[file], counts[file]))(done));
    channel.port1.unref();
  }
  const claim = claimCounter();
  const task: CoverageTableTask = { kind: 'coverage-table', dir, today, plan, format: out.format, keys: files.table ? coverageKeys(sc) : null, layer: files.layer ? layerScenario(sc) : null, layerClaim: claim, progress: port };
  // port1 closes when the worker closes its end (coverageTableTask, or the worker's exit), after the
  // messages it posted: closing it here when the answer comes could drop lines still on their way.
  // Unref'd, it never keeps the process alive by itself (a task that never reached a worker).
  const names = runTask<(string | null)[]>(pool, task, { transfer: port ? [port] : [] });
  names.catch(() => {}); // handled through table and layer below
  let layerHere: Promise<string> | null = null;
  const takeLayer = (): void => {
    if (!files.layer || claimNext(claim, 1) !== 0) return;
    layerHere = writeBlocksLayer(dir, sc, today, plan, out);
    layerHere.catch(() => {}); // awaited through `layer` below, maybe after it settles
  };
  // the worker's answer; a layer nobody has begun by then is this thread's (e.g. the worker failed on the table)
  const layer = files.layer
    ? names.then(
        (n) => n[1] ?? (takeLayer(), layerHere!),
        (e: unknown) => (takeLayer(), layerHere ?? Promise.reject(e)),
      )
    : null;
  return { table: files.table ? names.then((n) => n[0] as string) : null, layer, takeLayer };
}

/** The same files written in this thread, beside the stages (each its own write). */
export function writeCoverageFiles(dir: string, sc: Scenario, today: CoverageTable, plan: CoverageTable | null, files: CoverageFiles, out: OutputOptions): CoverageFileNames {
  return { table: files.table ? writeCoverageTable(dir, sc, today, plan, out) : null, layer: files.layer ? writeBlocksLayer(dir, sc, today, plan, out) : null, takeLayer: () => {} };
}
