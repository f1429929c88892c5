/**
 * A run's coverage table (coverage.parquet: 1.6 million rows at 21,000 blocks), final once the plan's
 * coverage is known, before the plan is explained and its day simulated. On the job's pool (which the
 * optimizer made) a worker writes it (workers/write.ts), building its text and compressing it in that
 * one thread, while this thread explains and simulates the plan: on one thread the simulation runs here, so the table would
 * otherwise wait for it with the other core idle (bench/outputs.ts). The bytes are the same wherever
 * it is written: the same function builds them from the same tables.
 *
 * The worker posts its progress (rows done) through a message port; this thread prints the lines.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { coverageColumns, coverageKeys, coverageParquet, coverageRowCount, coverageText, type CoverageKeys } from '../coverage/csv.ts';
import type { CoverageTable } from '../coverage/residential.ts';
import { tableFileName, tableFormat, writeTable, type OutputOptions, type TableFormat } from '../io/tableWriter.ts';
import { progressToPort } from '../io/writeProgress.ts';
import { runTask, type Pool } from '../parallel/pool.ts';
import type { Scenario } from '../scenario/types.ts';

/** Write coverage.parquet (or .csv.gz, .csv: out.format) into `dir` in this thread; returns the file name. */
export function writeCoverageTable(dir: string, sc: CoverageKeys, today: CoverageTable, plan: CoverageTable | null, out: OutputOptions): Promise<string> {
  return writeTable(dir, { base: 'coverage', columns: coverageColumns(plan !== null), text: (f, tick) => coverageText(sc, today, f, undefined, tick, plan), parquet: () => coverageParquet(sc, today, plan), count: coverageRowCount(sc), big: true }, out);
}

/** The worker task: what writeCoverageTable takes, with the port its progress goes to. */
export interface CoverageTableTask {
  kind: 'coverage-table';
  dir: string;
  keys: CoverageKeys;
  today: CoverageTable;
  plan: CoverageTable | null;
  format?: TableFormat;
  progress: MessagePort | null;
}

/** The worker's side: write the table, text and compression in this thread (one core beside the main thread's). */
export async function coverageTableTask(task: CoverageTableTask): Promise<string> {
  try {
    return await writeCoverageTable(task.dir, task.keys, task.today, task.plan, { format: task.format, compressInThisThread: true, progress: task.progress ? progressToPort(task.progress) : undefined });
  } finally {
    task.progress?.close();
  }
}

/** The same table written by a worker of `pool` (the block and service ids and the tables are copied to it); progress is printed here. */
export function writeCoverageTableOn(pool: Pool, dir: string, sc: Scenario, today: CoverageTable, plan: CoverageTable | null, out: OutputOptions): Promise<string> {
  let port: MessagePort | null = null;
  let local: MessagePort | null = null;
  if (out.progress) {
    const tick = out.progress.start(tableFileName('coverage', tableFormat(out, true)), coverageRowCount(sc));
    ({ port1: local, port2: port } = new MessageChannel());
    local.on('message', (done: number) => tick(done));
  }
  const task: CoverageTableTask = { kind: 'coverage-table', dir, keys: coverageKeys(sc), today, plan, format: out.format, progress: port };
  return runTask<string>(pool, task, { transfer: port ? [port] : [] }).finally(() => local?.close());
}
