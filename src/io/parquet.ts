/**
 * Parquet tables (the default format of the big tables: trips, coverage, comparison_coverage; every
 * table with `--format parquet`): written with hyparquet-writer, read back with hyparquet (both by the
 * hyparquet project, pure JavaScript, no native code).
 *
 * A table is typed columns (int: INT32, double: DOUBLE, text: UTF-8 strings), each REQUIRED or, when
 * it can be empty, OPTIONAL (an empty CSV cell is a null). The values are the CSV's exactly: numbers
 * rounded as the CSV writes them (src/io/numbers.ts roundedValue), ids and names as text. Text is
 * written as it is: spreadsheet-formula neutralising is a CSV matter.
 *
 * Writing is streamed: the rows are taken in row groups of PARQUET_ROW_GROUP, each built from the
 * source's columns (ParquetSource.slice), encoded (dictionary, run-length and bit-packing as the writer
 * chooses, always a dictionary for columns marked `dictionary`, DELTA_BINARY_PACKED for columns marked
 * `delta`), its pages compressed with gzip (zlib, level GZIP_LEVEL, the header's OS byte set to 255 as
 * in src/io/gzip.ts), and written to the file before the next is built. A group is encoded in this
 * thread (the event loop running between groups) or, for a table that can be cut into parts (the
 * trips), on the job's pool, a few groups at once, and written in order as they come back: a group's
 * bytes do not depend on where it lies in the file, only its metadata's offsets do, and those are set
 * as it is appended. The bytes depend only on the rows: the same table gives the same file on every
 * run, thread count and machine with the same zlib.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { parquetRead, parquetMetadataAsync, asyncBufferFromFile } from 'hyparquet';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { RowGroup } from 'hyparquet';
import type { CsvCell, CsvColumn } from './csv.ts';
import { writeColumnChunk, type ChunkOptions, type ParquetCodes } from './parquetChunk.ts';

export type { ParquetCodes } from './parquetChunk.ts';
import { GZIP_LEVEL } from './gzip.ts';

export type ParquetType = 'int' | 'double' | 'text';

export interface ParquetColumn {
  name: string;
  type: ParquetType;
  /** May hold nulls (an empty CSV cell). */
  nullable?: boolean;
  /** Delta-encode (ids that grow row by row, e.g. a resident's number). */
  delta?: boolean;
  /**
   * Always dictionary-encode (ids from a catalogue: blocks, services, sites). Without it the writer
   * samples 1,000 values of the row group and, on a column of 20,000 blocks, finds them nearly all
   * distinct, so it writes every value plain: UTF-8 encoded one by one, the slowest part of the file.
   */
  dictionary?: boolean;
}

/** A table to write as Parquet: its columns and, for rows [start, end), their values. */
export interface ParquetSource {
  columns: readonly ParquetColumn[];
  count: number;
  /**
   * Rows [start, end) of every column, in `columns`' order: an Int32Array for an int column, a
   * Float64Array (NaN for a null) or (number | null)[] for a double, codes into ids (ParquetCodes) or
   * (string | null)[] for text; null only where nullable. The typed forms are encoded without a value
   * per row (src/io/parquetChunk.ts); the arrays give the same bytes, at the writer's pace.
   */
  slice(start: number, end: number): (ArrayLike<unknown> | ParquetCodes)[];
  /**
   * Rows [start, end) as a task that a worker can encode on its own (plain data, copied to it; the
   * worker rebuilds the same source on them: src/jobs/parquetPart.ts). Absent: encoded in this thread.
   */
  part?(start: number, end: number): ParquetPartTask;
}

/** A worker's task: encode one part of a table (`table` names how to rebuild its source from `data`). */
export interface ParquetPartTask {
  kind: 'parquet-part';
  table: string;
  data: unknown;
}

/** Row groups encoded on their own: their bytes, and their metadata with offsets from the bytes' start. */
export interface EncodedRowGroups {
  bytes: Uint8Array;
  rowGroups: RowGroup[];
  rows: number;
}

/** Encodes a part of a table wherever it runs (a worker of the job's pool); resolves with its row groups. */
export type PartEncoder = (task: ParquetPartTask) => Promise<EncodedRowGroups>;

/** Rows per row group: the writer holds one group's columns at a time. */
export const PARQUET_ROW_GROUP = 1 << 16;

/** Who wrote the file (the footer's created_by): fixed, so that the bytes do not change with the version. */
const CREATED_BY = 'quarterhour';

/** gzip for the pages: zlib's, with the header's OS byte 255 whatever the platform (src/io/gzip.ts). */
function gzipPage(bytes: Uint8Array): Uint8Array {
  const out = zlib.gzipSync(bytes, { level: GZIP_LEVEL });
  out[9] = 255;
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

function schemaOf(columns: readonly ParquetColumn[]) {
  return [
    { name: 'root', num_children: columns.length },
    ...columns.map((c) => ({
      name: c.name,
      repetition_type: c.nullable ? ('OPTIONAL' as const) : ('REQUIRED' as const),
      ...(c.type === 'int' ? { type: 'INT32' as const } : c.type === 'double' ? { type: 'DOUBLE' as const } : { type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const }),
    })),
  ];
}

function writerOptions(writer: ByteWriter, columns: readonly ParquetColumn[]) {
  return { writer, schema: schemaOf(columns), codec: 'GZIP' as const, compressors: { GZIP: gzipPage }, statistics: false, createdBy: CREATED_BY };
}

/** Move every file offset of `groups` by `by` bytes. */
function shiftOffsets(groups: RowGroup[], by: number): void {
  const d = BigInt(by);
  for (const g of groups) {
    for (const c of g.columns) {
      c.file_offset += d;
      const m = c.meta_data;
      if (!m) continue;
      m.data_page_offset += d;
      if (m.dictionary_page_offset !== undefined) m.dictionary_page_offset += d;
    }
  }
}

/**
 * Encode rows [start, end) of `source` in row groups of PARQUET_ROW_GROUP (from `start`), in memory:
 * the bytes of the groups as they lie in a file (no header, no footer) and their metadata, offsets
 * counted from the first of these bytes. Nothing in a group's bytes depends on where it lies in the
 * file, so a file assembled from parts (writeParquetFile) is the file written group by group.
 */
export function encodeRowGroups(source: ParquetSource, start = 0, end = source.count): EncodedRowGroups {
  const sink = new ByteWriter(1 << 20);
  const chunks = chunkOptions(source.columns);
  const rowGroups: RowGroup[] = [];
  for (let a = start; a < end; a += PARQUET_ROW_GROUP) {
    const b = Math.min(end, a + PARQUET_ROW_GROUP);
    const values = source.slice(a, b);
    const groupStart = sink.offset;
    const columns = chunks.map((opts, j) => writeColumnChunk(sink, opts, values[j], b - a));
    let size = 0n;
    for (const c of columns) size += c.meta_data?.total_uncompressed_size ?? 0n;
    rowGroups.push({ columns, total_byte_size: size, num_rows: BigInt(b - a), total_compressed_size: BigInt(sink.offset - groupStart) });
  }
  return { bytes: sink.getBytes().slice(), rowGroups, rows: end - start };
}

/** How each column's chunks are encoded: its schema element, gzip, and its encoding when it has one. */
function chunkOptions(columns: readonly ParquetColumn[]): ChunkOptions[] {
  const elements = schemaOf(columns).slice(1);
  return columns.map((c, j) => ({ element: elements[j], codec: 'GZIP', compress: gzipPage, ...(c.delta ? { encoding: 'DELTA_BINARY_PACKED' as const } : c.dictionary ? { encoding: 'RLE_DICTIONARY' as const } : {}) }));
}

/** A ByteWriter whose bytes go to an open file after each row group (flush) and at the end (finish). */
class FileSink extends ByteWriter {
  constructor(private readonly fh: fs.promises.FileHandle) {
    super(1 << 20);
  }
  private async out(): Promise<void> {
    const b = this.getBytes().slice();
    this.index = 0;
    for (let off = 0; off < b.length; ) off += (await this.fh.write(b, off, b.length - off)).bytesWritten;
  }
  flush(): Promise<void> {
    return this.out();
  }
  override finish(): Promise<void> {
    return this.out();
  }
}

export interface ParquetWriteOptions {
  /** `tick(rows done)` after each row group. */
  tick?: (done: number) => void;
  /**
   * Encode the row groups elsewhere (a worker of the job's pool), `inFlight` at once, when the source
   * can be cut into parts (ParquetSource.part), and in this thread while the group to write next is
   * not back (when every group is given out, that group itself: the file never waits on a busy pool);
   * they are written in order. Without it, each group is encoded in this thread, the event loop
   * running between groups.
   */
  encode?: PartEncoder;
  inFlight?: number;
}

/**
 * Write `source` into `file` as Parquet, row group by row group, never holding more than the groups
 * in flight. The bytes depend only on the rows: encoded here or on workers, on any number of them.
 */
export async function writeParquetFile(file: string, source: ParquetSource, opts: ParquetWriteOptions = {}): Promise<void> {
  const fh = await fs.promises.open(file, 'w');
  try {
    const sink = new FileSink(fh);
    const writer = new ParquetWriter(writerOptions(sink, source.columns));
    const append = async (part: EncodedRowGroups, end: number): Promise<void> => {
      shiftOffsets(part.rowGroups, sink.offset);
      sink.appendBytes(part.bytes);
      writer.row_groups.push(...part.rowGroups);
      writer.num_rows += BigInt(part.rows);
      await sink.flush();
      opts.tick?.(end);
    };
    const starts: number[] = [];
    for (let a = 0; a < source.count; a += PARQUET_ROW_GROUP) starts.push(a);
    const endOf = (a: number): number => Math.min(source.count, a + PARQUET_ROW_GROUP);
    // Groups go to the pool (when there is one and the table can be cut) in order, `inFlight` at a
    // time; while the group to write next is not back, this thread encodes the next group not yet
    // given out (on one worker busy with something else, the table does not wait for it). Without a
    // pool that is every group, one after the other. Whoever encodes a group, its bytes are the same.
    const { encode } = opts;
    const pooled = encode !== undefined && source.part !== undefined && starts.length > 1;
    const inFlight = pooled ? Math.max(1, opts.inFlight ?? 2) : 0;
    const results: (Promise<EncodedRowGroups> | undefined)[] = []; // dropped once written
    const done: boolean[] = [];
    let sent = 0; // groups given out (to the pool or this thread), in order
    let busy = 0; // groups on the pool
    const send = (): void => {
      while (sent < starts.length && busy < inFlight) {
        const k = sent++;
        busy++;
        const result = encode!(source.part!(starts[k], endOf(starts[k])));
        const back = (): void => void ((done[k] = true), busy--);
        result.then(back, back);
        results[k] = result;
      }
    };
    try {
      for (let k = 0; k < starts.length; k++) {
        send();
        while (!done[k] && sent < starts.length) {
          const j = sent++;
          results[j] = Promise.resolve(encodeRowGroups(source, starts[j], endOf(starts[j])));
          done[j] = true;
          await new Promise<void>((resolve) => setImmediate(resolve)); // let the pool's answers and the stages beside it in
          send();
        }
        // Every group is given out and this one is still on the pool (behind another task there, e.g.
        // the coverage table on a one-thread run): encode it here too rather than wait, and take this
        // one; the same rows give the same bytes. The pool's answer, when it comes, is dropped.
        if (!done[k]) results[k] = Promise.resolve(encodeRowGroups(source, starts[k], endOf(starts[k])));
        await append((await results[k])!, endOf(starts[k]));
        results[k] = undefined;
      }
    } finally {
      await Promise.allSettled(results); // nothing left running on a failure (but a pool's answer already replaced)
    }
    await writer.finish();
  } finally {
    await fh.close();
  }
}

/**
 * A table given as CSV rows (src/io/csv.ts cells) as a Parquet source: text columns as text, number
 * columns as doubles, every column nullable ('' is null), so that the schema never depends on the
 * rows. For the small tables only: the rows are held as columns.
 */
export function parquetFromRows(columns: readonly CsvColumn[], rows: Iterable<readonly CsvCell[]>): ParquetSource {
  const cols: (string | number | null)[][] = columns.map(() => []);
  for (const row of rows) {
    for (let j = 0; j < columns.length; j++) {
      const v = row[j];
      cols[j].push(v === '' || v === undefined ? null : columns[j].kind === 'text' ? String(v) : Number(v));
    }
  }
  return {
    columns: columns.map((c) => ({ name: c.name, type: c.kind === 'text' ? 'text' : 'double', nullable: true })),
    count: cols[0]?.length ?? 0,
    slice: (start, end) => cols.map((c) => c.slice(start, end)),
  };
}

/** Sources with the same columns, one after the other (e.g. one coverage table per state). */
export function concatParquet(sources: readonly ParquetSource[]): ParquetSource {
  const starts = [0];
  for (const s of sources) starts.push(starts[starts.length - 1] + s.count);
  return {
    columns: sources[0]?.columns ?? [],
    count: starts[sources.length],
    slice(start, end) {
      const parts: (ArrayLike<unknown> | ParquetCodes)[][] = [];
      for (let k = 0; k < sources.length; k++) {
        const a = Math.max(start, starts[k]);
        const b = Math.min(end, starts[k + 1]);
        if (a < b) parts.push(sources[k].slice(a - starts[k], b - starts[k]));
      }
      if (parts.length === 1) return parts[0];
      return parts[0].map((_, j) => concatColumn(parts.map((p) => p[j])));
    },
  };
}

function isCodes(c: ArrayLike<unknown> | ParquetCodes): c is ParquetCodes {
  return (c as ParquetCodes).codes instanceof Int32Array;
}

/** One column of rows cut in parts, whole again, in the parts' form (codes into the parts' ids one after the other). */
function concatColumn(parts: (ArrayLike<unknown> | ParquetCodes)[]): ArrayLike<unknown> | ParquetCodes {
  if (parts.every(isCodes)) {
    const codes = new Int32Array(parts.reduce((n, p) => n + p.codes.length, 0));
    const keys: string[] = [];
    let at = 0;
    for (const p of parts) {
      const base = keys.length;
      for (let i = 0; i < p.codes.length; i++) codes[at + i] = p.codes[i] < 0 ? -1 : p.codes[i] + base;
      at += p.codes.length;
      keys.push(...p.keys);
    }
    return { codes, keys };
  }
  const typed = parts[0] instanceof Int32Array ? Int32Array : parts[0] instanceof Float64Array ? Float64Array : null;
  if (typed && parts.every((p) => p instanceof typed)) {
    const out = new typed(parts.reduce((n, p) => n + (p as ArrayLike<number>).length, 0));
    let at = 0;
    for (const p of parts) out.set(p as ArrayLike<number>, (at += (p as ArrayLike<number>).length) - (p as ArrayLike<number>).length);
    return out;
  }
  return parts.flatMap((p) => (isCodes(p) ? Array.from(p.codes, (c) => (c < 0 ? null : p.keys[c])) : Array.from(p)));
}

const GUNZIP = { GZIP: (input: Uint8Array) => new Uint8Array(zlib.gunzipSync(input)) };

/** A Parquet table read whole: its column names (the header), the columns read and their values (null where empty). */
export interface ParquetTable {
  header: string[];
  count: number;
  /** The columns read, in the order asked for (those of the file among them). */
  names: string[];
  columns: ArrayLike<unknown>[];
}

/** Read the columns `names` (all when absent; or chosen from the file's header) of a Parquet file. */
export async function readParquetFile(file: string, names?: readonly string[] | ((header: string[]) => string[])): Promise<ParquetTable> {
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  const header = metadata.schema.slice(1).map((s) => s.name);
  const wanted = (typeof names === 'function' ? names(header) : (names ?? header)).filter((n) => header.includes(n));
  const count = Number(metadata.num_rows);
  const columns: unknown[][] = wanted.map(() => new Array(count));
  const at = new Map(wanted.map((n, j) => [n, j]));
  if (wanted.length > 0) {
    await parquetRead({
      file: buffer,
      metadata,
      columns: wanted,
      compressors: GUNZIP,
      onChunk: (chunk) => {
        const col = columns[at.get(chunk.columnName)!];
        const data = chunk.columnData;
        for (let i = chunk.rowStart; i < chunk.rowEnd; i++) col[i] = data[i - chunk.rowStart] ?? null;
      },
    });
  }
  return { header, count, names: wanted, columns };
}
