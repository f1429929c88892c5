/**
 * Parquet tables (the default format of the big tables: trips, coverage, comparison_coverage; every
 * table with `--format parquet`): written as hyparquet-writer writes them (its header, footer and page
 * headers; the column chunks of typed columns encoded by src/io/parquetChunk.ts, byte for byte as the
 * writer would, at a third of its cost), read back with hyparquet (both by the hyparquet project, pure
 * JavaScript, no native code).
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
 * in src/io/gzip.ts), and written to the file in order, the event loop running between groups. Each
 * group is encoded on its own, its offsets then moved to where it lands in the file, so that other
 * threads can encode some of them (ParquetHelp: they claim groups one at a time alongside the writing
 * thread, read the columns from shared memory and post each group's bytes back, moved, not copied).
 * The bytes depend only on the rows: the same table gives the same file on every run, thread count and
 * machine with the same zlib.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { parquetRead, parquetMetadataAsync, asyncBufferFromFile } from 'hyparquet';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { RowGroup } from 'hyparquet';
import type { CsvCell, CsvColumn } from './csv.ts';
import { claimNext } from '../parallel/claims.ts';
import { GZIP_LEVEL } from './gzip.ts';
import { isCodes, plainValues, writeColumnChunk, type ChunkOptions, type ParquetCodes } from './parquetChunk.ts';

export type { ParquetCodes } from './parquetChunk.ts';

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
}

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

/** How each column's chunks are encoded: its schema element, gzip, and its encoding when it has one. */
function chunkOptions(columns: readonly ParquetColumn[]): ChunkOptions[] {
  const elements = schemaOf(columns).slice(1);
  return columns.map((c, j) => ({ element: elements[j], codec: 'GZIP', compress: gzipPage, ...(c.delta ? { encoding: 'DELTA_BINARY_PACKED' as const } : c.dictionary ? { encoding: 'RLE_DICTIONARY' as const } : {}) }));
}

/** One row group of `n` rows (`values`: source.slice's columns) appended to `sink`, column by column; its metadata. */
function writeRowGroup(sink: ByteWriter, chunks: readonly ChunkOptions[], values: readonly unknown[], n: number): RowGroup {
  const start = sink.offset;
  const columns = chunks.map((opts, j) => writeColumnChunk(sink, opts, values[j], n));
  let size = 0n;
  for (const c of columns) size += c.meta_data?.total_uncompressed_size ?? 0n;
  return { columns, total_byte_size: size, num_rows: BigInt(n), total_compressed_size: BigInt(sink.offset - start) };
}

/** The number of row groups of a table of `count` rows. */
export function rowGroupCount(count: number): number {
  return Math.ceil(count / PARQUET_ROW_GROUP);
}

/** A row group encoded on its own (encodeRowGroup): its number, its bytes, its metadata with offsets counted from its first byte. */
export interface EncodedGroup {
  index: number;
  bytes: Uint8Array;
  group: RowGroup;
}

/** Row group `g` of `source` encoded on its own (`chunks`: chunkOptions of its columns). */
function encodeRowGroup(source: ParquetSource, chunks: readonly ChunkOptions[], g: number): EncodedGroup {
  const a = g * PARQUET_ROW_GROUP;
  const b = Math.min(source.count, a + PARQUET_ROW_GROUP);
  const w = new ByteWriter(1 << 18);
  const group = writeRowGroup(w, chunks, source.slice(a, b), b - a);
  return { index: g, bytes: w.getBytes(), group };
}

/** A group's metadata with its offsets moved to where its bytes start in the file. */
function placedAt(group: RowGroup, at: number): RowGroup {
  const shift = BigInt(at);
  return {
    ...group,
    columns: group.columns.map((c) => ({
      ...c,
      file_offset: c.file_offset + shift,
      meta_data: c.meta_data && {
        ...c.meta_data,
        data_page_offset: c.meta_data.data_page_offset + shift,
        ...(c.meta_data.dictionary_page_offset !== undefined ? { dictionary_page_offset: c.meta_data.dictionary_page_offset + shift } : {}),
      },
    })),
  };
}

/** What writeParquetFile needs of a port the helpers post their groups to (a worker_threads MessagePort). */
export interface GroupPort {
  on(event: 'message', listener: (group: EncodedGroup) => void): unknown;
  close(): void;
}

/**
 * Other threads' help with a file's row groups: they claim groups from `claims` one at a time, as the
 * writing thread does (src/parallel/claims.ts), encode each (encodeClaimedGroups) and post it to their
 * port as soon as it is done; `claimed` settles once they claim no more, and rejects if one fails (the
 * writing thread then encodes what is missing).
 */
export interface ParquetHelp {
  claims: Int32Array;
  /** One port per helper. */
  ports: readonly GroupPort[];
  claimed: Promise<unknown>;
}

/** A helper's side of ParquetHelp: encode the groups of `source` it claims until none is left, posting each; returns how many. */
export function encodeClaimedGroups(source: ParquetSource, claims: Int32Array, post: (group: EncodedGroup) => void): number {
  const chunks = chunkOptions(source.columns);
  const count = rowGroupCount(source.count);
  let n = 0;
  for (let g = claimNext(claims, count); g >= 0; g = claimNext(claims, count), n++) post(encodeRowGroup(source, chunks, g));
  return n;
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
  /** Other threads encoding some of the row groups (ParquetHelp); the bytes are the same without them. */
  help?: ParquetHelp | null;
}

/**
 * Write `source` into `file` as Parquet, row group by row group, in order, each as soon as it and those
 * before it are encoded (the event loop runs between groups, while each is written to the file): by
 * this thread alone, or with helpers claiming groups alongside it (opts.help), holding only the groups
 * that wait for an earlier one. The bytes depend only on the rows.
 */
export async function writeParquetFile(file: string, source: ParquetSource, opts: ParquetWriteOptions = {}): Promise<void> {
  const help = opts.help ?? null;
  const count = rowGroupCount(source.count);
  const ready = new Map<number, EncodedGroup>();
  let wake: (() => void) | null = null;
  const arrived = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  let failed = false;
  if (help) {
    for (const port of help.ports) {
      port.on('message', (e) => {
        if (!ready.has(e.index)) ready.set(e.index, e); // (a group encoded here after a failure may still come)
        arrived();
      });
    }
    help.claimed.then(arrived, () => {
      failed = true;
      arrived();
    });
  }
  try {
    const fh = await fs.promises.open(file, 'w');
    try {
      const sink = new FileSink(fh);
      const writer = new ParquetWriter(writerOptions(sink, source.columns)); // the header; its finish() writes the footer
      const chunks = chunkOptions(source.columns);
      const claims = help?.claims ?? new Int32Array(1);
      let next = 0;
      const writeReady = async (): Promise<void> => {
        for (let e = ready.get(next); e; e = ready.get(next)) {
          ready.delete(next);
          writer.row_groups.push(placedAt(e.group, sink.offset));
          writer.num_rows += e.group.num_rows;
          sink.appendBytes(e.bytes);
          await sink.flush();
          next++;
          opts.tick?.(Math.min(source.count, next * PARQUET_ROW_GROUP));
        }
      };
      for (let g = claimNext(claims, count); g >= 0; g = claimNext(claims, count)) {
        ready.set(g, encodeRowGroup(source, chunks, g));
        await writeReady();
      }
      // the others were claimed by the helpers: wait for each (encode it here once they have failed)
      while (next < count) {
        if (ready.has(next)) await writeReady();
        else if (failed) ready.set(next, encodeRowGroup(source, chunks, next));
        else await new Promise<void>((resolve) => (wake = resolve));
      }
      await writer.finish();
    } finally {
      await fh.close();
    }
  } finally {
    for (const port of help?.ports ?? []) port.close();
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
    const arrays = parts as (Int32Array | Float64Array)[];
    const out = new typed(arrays.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of arrays) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
  return parts.flatMap((p) => Array.from(plainValues(p, isCodes(p) ? p.codes.length : p.length)));
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

/** Which columns of a file to read: their names (all when absent), or a choice made from the file's header. */
export type ParquetColumnChoice = readonly string[] | ((header: string[]) => string[]);

/**
 * Read the columns `names` of a Parquet file row group by row group: `onGroup` gets each group's
 * columns (values, null where empty; in the order of `names` as found in the file) and the number of
 * the group's first row, and they are dropped before the next group is read, so that a table of
 * millions of rows is never held whole. Resolves with the header and the names read.
 */
export async function readParquetGroups(file: string, names: ParquetColumnChoice | undefined, onGroup: (columns: unknown[][], rowStart: number, count: number) => void): Promise<{ header: string[]; names: string[]; count: number }> {
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  const header = metadata.schema.slice(1).map((s) => s.name);
  const wanted = (typeof names === 'function' ? names(header) : (names ?? header)).filter((n) => header.includes(n));
  const at = new Map(wanted.map((n, j) => [n, j]));
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const count = Number(group.num_rows);
    const columns: unknown[][] = wanted.map(() => new Array(count));
    if (wanted.length > 0 && count > 0) {
      await parquetRead({
        file: buffer,
        metadata,
        columns: wanted,
        rowStart,
        rowEnd: rowStart + count,
        compressors: GUNZIP,
        onChunk: (chunk) => {
          const col = columns[at.get(chunk.columnName)!];
          const data = chunk.columnData;
          const from = Math.max(chunk.rowStart, rowStart);
          const to = Math.min(chunk.rowEnd, rowStart + count);
          for (let i = from; i < to; i++) col[i - rowStart] = data[i - chunk.rowStart] ?? null;
        },
      });
    }
    onGroup(columns, rowStart, count);
    rowStart += count;
  }
  return { header, names: wanted, count: Number(metadata.num_rows) };
}

/** Read the columns `names` (all when absent; or chosen from the file's header) of a Parquet file, whole. */
export async function readParquetFile(file: string, names?: ParquetColumnChoice): Promise<ParquetTable> {
  const parts: unknown[][][] = [];
  const { header, names: read, count } = await readParquetGroups(file, names, (columns) => parts.push(columns));
  const columns = read.map((_, j) => (parts.length === 1 ? parts[0][j] : parts.flatMap((p) => p[j])));
  return { header, count, names: read, columns };
}
