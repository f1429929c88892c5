/**
 * A run's coverage files: the coverage table (coverage.parquet: 1.6 million rows at 21,000 blocks) and
 * the blocks layer (blocks.geojson.gz: some fifty properties a block, 45 MB of text at 25,000 blocks),
 * both final once the plan's coverage is known, before the plan is explained and its day simulated.
 * On the job's pool (which the optimizer made) one worker writes both (workers/write.ts), the table
 * then the layer, building their bytes and compressing them in that one thread, while this thread
 * explains and simulates the plan: on one thread the simulation runs here, so they would otherwise
 * wait for it with the other core idle (bench/outputs.ts). The worker is sent the tables once, for
 * both files, and of the scenario only what they read. The bytes are the same wherever they are
 * written: the same functions build them from the same tables.
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
  progress: MessagePort | null;
}

/** A progress message from the worker (progressToPort): which file (0 the table, 1 the layer) and its rows or features done. */
type FileProgress = [file: 0 | 1, done: number];

/** The worker's side: write the table then the layer, text and compression in this thread (one core beside the main thread's). */
export async function coverageTableTask(task: CoverageTableTask): Promise<(string | null)[]> {
  const out = (file: 0 | 1): OutputOptions => ({ format: task.format, compressInThisThread: true, progress: task.progress ? progressToPort(task.progress, file) : undefined });
  try {
    const table = task.keys ? await writeCoverageTable(task.dir, task.keys, task.today, task.plan, out(0)) : null;
    const layer = task.layer ? await writeBlocksLayer(task.dir, task.layer, task.today, task.plan, out(1)) : null;
    return [table, layer];
  } finally {
    task.progress?.close();
  }
}

/**
 * The files written by a worker of `pool` (the tables, the block and service ids and the layer's part
 * of the scenario are copied to it); progress is printed here, each file's first line when the worker
 * starts it.
 */
export function writeCoverageFilesOn(pool: Pool, dir: string, sc: Scenario, today: CoverageTable, plan: CoverageTable | null, files: CoverageFiles, out: OutputOptions): CoverageFileNames {
  if (!files.table && !files.layer) return { table: null, layer: null };
  let port: MessagePort | null = null;
  let local: MessagePort | null = null;
  if (out.progress) {
    const progress = out.progress;
    const fileNames = [tableFileName('coverage', tableFormat(out, true)), layerFileName('blocks', out.format)];
    const counts = [coverageRowCount(sc), sc.blocks.count];
    const ticks: (((done: number) => void) | undefined)[] = [undefined, undefined];
    ({ port1: local, port2: port } = new MessageChannel());
    local.on('message', ([file, done]: FileProgress) => (ticks[file] ??= progress.start(fileNames[file], counts[file]))(done));
  }
  const task: CoverageTableTask = { kind: 'coverage-table', dir, today, plan, format: out.format, keys: files.table ? coverageKeys(sc) : null, layer: files.layer ? layerScenario(sc) : null, progress: port };
  const names = runTask<(string | null)[]>(pool, task, { transfer: port ? [port] : [] }).finally(() => local?.close());
  const name = (k: 0 | 1) => names.then((n) => n[k] as string);
  return { table: files.table ? name(0) : null, layer: files.layer ? name(1) : null };
}

/** The same files written in this thread, beside the stages (each its own write). */
export function writeCoverageFiles(dir: string, sc: Scenario, today: CoverageTable, plan: CoverageTable | null, files: CoverageFiles, out: OutputOptions): CoverageFileNames {
  return { table: files.table ? writeCoverageTable(dir, sc, today, plan, out) : null, layer: files.layer ? writeBlocksLayer(dir, sc, today, plan, out) : null };
}
