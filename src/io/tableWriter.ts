/**
 * Writing the output tables, streamed, never held whole, in one of three formats:
 * - `csv.gz` and `csv`: through the one CSV writer (src/io/csv.ts, which makes text cells
 *   spreadsheet-safe): rows -> CSV text in chunks of about a megabyte (strings, or bytes built by
 *   src/io/csvBytes.ts for the biggest tables) -> gzip in parallel blocks (src/io/gzip.ts) or not -> the file;
 * - `parquet`: typed columns, row group by row group (src/io/parquet.ts), from the table's Parquet
 *   source, or from its CSV rows for the small tables: half the bytes of csv.gz or less (bench/outputs.ts).
 * Without a format asked for, each table has its own (tableFormat): Parquet for the big tables, those
 * that grow with the residents or with blocks x services x age bands (trips, coverage,
 * comparison_coverage: millions of rows in a city, past what a spreadsheet opens), gzip CSV for the rest.
 * The same streaming path writes the GeoJSON layers (blocks.geojson), gzip-compressed unless the format is csv.
 *
 * Nothing here is atomic by itself: the jobs write into a temporary folder that is renamed into place
 * (src/io/atomic.ts). The bytes depend only on the rows: gzip output is deterministic (src/io/gzip.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { csvChunks, CsvFields, csvTextChunks, type CsvCell, type CsvColumn } from './csv.ts';
import { CsvBytes } from './csvBytes.ts';
import { GZIP_LEVEL, gzipChunks, LAYER_GZIP_LEVEL } from './gzip.ts';
import { parquetFromRows, writeParquetFile, type ParquetHelp, type ParquetSource } from './parquet.ts';
import type { WriteProgress } from './writeProgress.ts';

/** The output formats of tables: gzip-compressed CSV, plain CSV or Parquet. */
export const TABLE_FORMATS = ['csv.gz', 'csv', 'parquet'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];
/** A table's format when none is asked for: gzip CSV, ... */
export const DEFAULT_TABLE_FORMAT: TableFormat = 'csv.gz';
/** ... and Parquet for the big tables (TableSpec.big). */
export const BIG_TABLE_FORMAT: TableFormat = 'parquet';

/** How a job writes its tables: the format and, when given, which tables (null: all of them). */
export interface OutputOptions {
  /** Every table's format; absent: each table's own (tableFormat). */
  format?: TableFormat;
  /** The tables to write, by output name (src/io/outputs.ts); undefined or null: every one. */
  outputs?: readonly string[] | null;
  /** Progress of the write step (src/io/writeProgress.ts); none when absent. */
  progress?: WriteProgress;
  /** gzip blocks compressed at once (the job's --threads; default DEFAULT_WRITE_THREADS): speed only, never the bytes. */
  threads?: number;
  /** Compress in the writing thread, not on libuv's pool (src/io/gzip.ts inThisThread): speed only, never the bytes. */
  compressInThisThread?: boolean;
}

/** Whether `name` is among the outputs asked for. */
export function wantsOutput(opts: OutputOptions | undefined, name: string): boolean {
  return !opts?.outputs || opts.outputs.includes(name);
}

/** The format a table is written in: the one asked for, else Parquet for a big table and gzip CSV for the others. */
export function tableFormat(opts: Pick<OutputOptions, 'format'> | undefined, big = false): TableFormat {
  return opts?.format ?? (big ? BIG_TABLE_FORMAT : DEFAULT_TABLE_FORMAT);
}

/** A table's file name: coverage -> coverage.parquet, coverage.csv.gz or coverage.csv. */
export function tableFileName(base: string, format: TableFormat = DEFAULT_TABLE_FORMAT): string {
  return `${base}.${format}`;
}

/** A GeoJSON layer's file name: blocks -> blocks.geojson.gz (csv.gz, parquet) or blocks.geojson (csv). */
export function layerFileName(base: string, format: TableFormat = DEFAULT_TABLE_FORMAT): string {
  return format === 'csv' ? `${base}.geojson` : `${base}.geojson.gz`;
}

function* asBytes(chunks: Iterable<string | Uint8Array>): Generator<Uint8Array> {
  for (const c of chunks) if (c.length > 0) yield typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
}

/** Blocks compressing at once when OutputOptions.threads is not given. */
export const DEFAULT_WRITE_THREADS = 2;

/**
 * Write text chunks (strings or UTF-8 bytes) into `file`, gzip-compressed when `gzip` (src/io/gzip.ts:
 * blocks compressed on `opts.threads` threads of the pool at once, or in this thread with
 * `opts.compressInThisThread`; the bytes never depend on either) at `level`; resolves once the file is closed.
 * The text is written in order as it comes, never held whole.
 */
export async function writeTextChunks(file: string, chunks: Iterable<string | Uint8Array>, gzip: boolean, opts: Pick<OutputOptions, 'threads' | 'compressInThisThread'> = {}, level = GZIP_LEVEL): Promise<void> {
  const fh = await fs.promises.open(file, 'w');
  try {
    const write = async (b: Uint8Array): Promise<void> => {
      for (let off = 0; off < b.length; ) off += (await fh.write(b, off, b.length - off)).bytesWritten;
    };
    if (gzip) await gzipChunks(asBytes(chunks), write, { level, inFlight: opts.threads ?? DEFAULT_WRITE_THREADS, inThisThread: opts.compressInThisThread });
    else {
      let pending = Promise.resolve(); // one write in flight while the next piece is built
      try {
        for (const b of asBytes(chunks)) {
          await pending;
          pending = write(b);
        }
      } finally {
        await pending;
      }
    }
  } finally {
    await fh.close();
  }
}

export interface TableSpec {
  /** File name without extension, e.g. 'coverage'. */
  base: string;
  columns: readonly CsvColumn[];
  /** The rows as cells, written by the one CSV writer (src/io/csv.ts) ... */
  rows?: Iterable<readonly CsvCell[]>;
  /**
   * ... or, for the biggest tables, their text built from the writer's own fields (CsvFields): pieces of
   * lines, each line preceded by '\n' (csvTextChunks), as strings or UTF-8 bytes (src/io/csvBytes.ts
   * CsvBytes); `tick(rows done)` reports progress.
   */
  text?: (fields: CsvFields, tick: (done: number) => void) => Iterable<string | Uint8Array>;
  /** Rows expected (for the progress percentage); optional. */
  count?: number;
  /** The table as typed columns, for the parquet format (src/io/parquet.ts); without it, `rows` are taken. */
  parquet?: () => ParquetSource;
  /** Other threads to encode some of its Parquet row groups (src/io/parquet.ts ParquetHelp; the same bytes), or null. */
  parquetHelp?: () => ParquetHelp | null;
  /** false: no line break after the last row (trips and block_metrics, as they always were). */
  finalNewline?: boolean;
  /** A big table (grows with the residents, or with blocks x services x age bands): Parquet unless a format is asked for. */
  big?: boolean;
}

/** Write one table into `dir` in `format`; returns the file name written (relative to dir). */
export async function writeTable(dir: string, table: TableSpec, opts: OutputOptions = {}): Promise<string> {
  const format = tableFormat(opts, table.big);
  const name = tableFileName(table.base, format);
  const tick = opts.progress?.start(name, table.count);
  if (format === 'parquet') {
    if (!table.parquet && !table.rows) throw new Error(`writeTable: ${table.base} has neither a Parquet source nor rows`);
    await writeParquetFile(path.join(dir, name), table.parquet ? table.parquet() : parquetFromRows(table.columns, table.rows!), { tick, help: table.parquetHelp?.() });
    return name;
  }
  const opts2 = { finalNewline: table.finalNewline, onRow: tick };
  const chunks = table.text ? csvTextChunks(table.columns, table.text(new CsvFields(table.columns), tick ?? (() => {})), opts2) : csvChunks(table.columns, table.rows ?? [], opts2);
  await writeTextChunks(path.join(dir, name), chunks, format === 'csv.gz', opts);
  return name;
}

/** Write a GeoJSON layer into `dir`: `chunks(tick)` gives its text (e.g. geojsonChunks); returns the file name. */
export async function writeLayer(dir: string, base: string, chunks: (tick?: (done: number) => void) => Iterable<string | Uint8Array>, opts: OutputOptions = {}, count?: number): Promise<string> {
  const format = opts.format ?? DEFAULT_TABLE_FORMAT;
  const name = layerFileName(base, format);
  const tick = opts.progress?.start(name, count);
  await writeTextChunks(path.join(dir, name), chunks(tick), format !== 'csv', opts, LAYER_GZIP_LEVEL);
  return name;
}

/**
 * A FeatureCollection as JSON text in pieces of about a megabyte of UTF-8 bytes: byte-identical to
 * JSON.stringify of the whole collection (`head`'s keys first, then `features`) followed by a line
 * break, without building it. A feature given as a string is its JSON text already.
 */
export function* geojsonChunks(head: Record<string, unknown>, features: Iterable<unknown>, onFeature?: (done: number) => void): Generator<Uint8Array> {
  const b = new CsvBytes(new CsvFields([]));
  b.text(JSON.stringify({ ...head, features: [] }).slice(0, -2)); // without the closing ']}'
  let n = 0;
  for (const f of features) {
    if (n > 0) b.comma();
    b.text(typeof f === 'string' ? f : JSON.stringify(f));
    if ((++n & 0x3ff) === 0) onFeature?.(n);
    if (b.full) yield b.take();
  }
  b.text(']}\n');
  yield b.take();
}
