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
 * in src/io/gzip.ts), and written to the file in order, the event loop running between groups. The
 * columns of a group are encoded in parts, each part's chunks then moved to where they land in the
 * file, so that other threads can encode some of the columns (ParquetHelp: helpers claim groups one
 * at a time, read the columns from shared memory and post their part's bytes back, moved, not copied,
 * while the writing thread encodes the other columns of every group). The bytes depend only on the
 * rows: the same table gives the same file on every run, thread count and machine with the same zlib.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { parquetRead, parquetMetadataAsync, asyncBufferFromFile } from 'hyparquet';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { ColumnChunk, RowGroup } from 'hyparquet';
import type { CsvCell, CsvColumn } from './csv.ts';
import { claimIfNext, claimNext } from '../parallel/claims.ts';
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
   * per row (src/io/parquetChunk.ts); the arrays give the same bytes, at the writer's pace. With
   * `want`, the columns not wanted may be given as [] (a thread encoding only some columns).
   */
  slice(start: number, end: number, want?: readonly boolean[]): (ArrayLike<unknown> | ParquetCodes)[];
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

/** Row groups whose own columns the writing thread encodes ahead of a helper's part before it encodes that part itself (ParquetHelp). */
const LOOKAHEAD = 4;

/** The number of row groups of a table of `count` rows. */
export function rowGroupCount(count: number): number {
  return Math.ceil(count / PARQUET_ROW_GROUP);
}

/**
 * Some columns of a row group encoded on their own (encodePart): the group's number, the columns, their
 * chunks one after the other in `bytes`, and each chunk's metadata, offsets counted in `bytes`.
 */
export interface EncodedPart {
  index: number;
  columns: number[];
  bytes: Uint8Array;
  chunks: ColumnChunk[];
}

/** The columns `columns` (ascending) of row group `g` of `source`, encoded on their own (`chunks`: chunkOptions of all the columns). */
function encodePart(source: ParquetSource, chunks: readonly ChunkOptions[], g: number, columns: readonly number[]): EncodedPart {
  const a = g * PARQUET_ROW_GROUP;
  const b = Math.min(source.count, a + PARQUET_ROW_GROUP);
  const want = chunks.map((_, j) => columns.includes(j));
  const values = source.slice(a, b, want);
  const w = new ByteWriter(1 << 18);
  const encoded = columns.map((j) => writeColumnChunk(w, chunks[j], values[j], b - a));
  return { index: g, columns: [...columns], bytes: w.getBytes(), chunks: encoded };
}

/** A chunk's metadata with its offsets moved by `shift` bytes. */
function shifted(c: ColumnChunk, shift: bigint): ColumnChunk {
  return {
    ...c,
    file_offset: c.file_offset + shift,
    meta_data: c.meta_data && {
      ...c.meta_data,
      data_page_offset: c.meta_data.data_page_offset + shift,
      ...(c.meta_data.dictionary_page_offset !== undefined ? { dictionary_page_offset: c.meta_data.dictionary_page_offset + shift } : {}),
    },
  };
}

/**
 * Append a row group made of `parts` (together every column once) to `sink`, its column chunks in the
 * columns' order, each moved to where it lands: the bytes a writer writing the group at once would.
 */
function appendGroup(sink: ByteWriter, parts: readonly EncodedPart[], rows: number): RowGroup {
  const start = sink.offset;
  const byColumn: [EncodedPart, number][] = [];
  for (const p of parts) p.columns.forEach((j, k) => (byColumn[j] = [p, k]));
  let size = 0n;
  const columns = byColumn.map(([p, k]) => {
    const c = p.chunks[k];
    const from = Number(c.file_offset);
    const length = Number(c.meta_data!.total_compressed_size);
    const placed = shifted(c, BigInt(sink.offset - from));
    sink.appendBytes(p.bytes.subarray(from, from + length));
    size += c.meta_data?.total_uncompressed_size ?? 0n;
    return placed;
  });
  return { columns, total_byte_size: size, num_rows: BigInt(rows), total_compressed_size: BigInt(sink.offset - start) };
}

/** What writeParquetFile needs of a port the helpers post their parts to (a worker_threads MessagePort). */
export interface GroupPort {
  on(event: 'message', listener: (part: EncodedPart) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  close(): void;
}

/**
 * Other threads' help with a file's row groups: they claim groups from `claims` one at a time
 * (src/parallel/claims.ts), encode each claimed group's `columns` (encodeClaimedParts) and post the part
 * to their port as soon as it is done; `claimed` settles once they claim no more, and rejects if one
 * fails (the writing thread then encodes what is missing). The writing thread encodes the other
 * columns of every group, and a group's helper part itself only when it would otherwise wait for it
 * (a helper not started yet): each thread runs the code of its own columns, optimised once, not twice.
 */
export interface ParquetHelp {
  claims: Int32Array;
  /** One port per helper. */
  ports: readonly GroupPort[];
  claimed: Promise<unknown>;
  /** The columns the helpers encode (ascending). */
  columns: readonly number[];
}

/** A helper's side of ParquetHelp: encode `columns` of the groups of `source` it claims until none is left, posting each part; returns how many. */
export function encodeClaimedParts(source: ParquetSource, claims: Int32Array, post: (part: EncodedPart) => void, columns: readonly number[]): number {
  const chunks = chunkOptions(source.columns);
  const count = rowGroupCount(source.count);
  let n = 0;
  for (let g = claimNext(claims, count); g >= 0; g = claimNext(claims, count), n++) post(encodePart(source, chunks, g, columns));
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
  /** Other threads encoding some of the columns (ParquetHelp); the bytes are the same without them. */
  help?: ParquetHelp | null;
}

/**
 * Write `source` into `file` as Parquet, row group by row group, in order, each as soon as it and those
 * before it are encoded (the event loop runs between groups, while each is written to the file): by
 * this thread alone, or with helpers encoding some columns (opts.help), holding only the groups that
 * wait for their helper part. The bytes depend only on the rows.
 */
export async function writeParquetFile(file: string, source: ParquetSource, opts: ParquetWriteOptions = {}): Promise<void> {
  const help = opts.help ?? null;
  const count = rowGroupCount(source.count);
  const chunks = chunkOptions(source.columns);
  const theirs = help?.columns ?? [];
  const mine = chunks.map((_, j) => j).filter((j) => !theirs.includes(j));
  // the parts encoded so far of the groups not written yet (mine, and the helpers')
  const ours = new Map<number, EncodedPart>();
  const helped = new Map<number, EncodedPart>();
  let wake: (() => void) | null = null;
  const arrived = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  let failed = false;
  let open = help?.ports.length ?? 0;
  if (help) {
    for (const port of help.ports) {
      port.on('message', (part) => {
        if (!helped.has(part.index)) helped.set(part.index, part); // (a part encoded here after a failure may still come)
        arrived();
      });
      // a helper closes its port once done: a part it claimed and never posted is encoded here, not waited for
      port.on('close', () => {
        open--;
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
      const rows = (g: number): number => Math.min(source.count, (g + 1) * PARQUET_ROW_GROUP) - g * PARQUET_ROW_GROUP;
      /** Group g's parts when all are there, else null. */
      const partsOf = (g: number): EncodedPart[] | null => {
        const o = ours.get(g);
        if (!o || !help) return o ? [o] : null;
        const h = helped.get(g);
        return h ? [o, h] : null;
      };
      let next = 0;
      const writeReady = async (): Promise<void> => {
        for (let parts = partsOf(next); parts; parts = partsOf(next)) {
          ours.delete(next);
          helped.delete(next);
          const group = appendGroup(sink, parts, rows(next));
          writer.row_groups.push(group);
          writer.num_rows += group.num_rows;
          await sink.flush();
          next++;
          opts.tick?.(Math.min(source.count, next * PARQUET_ROW_GROUP));
        }
      };
      /** Claim group g's helper part here if no helper has (the counter is at g). */
      const claimHere = (g: number): boolean => help !== null && claimIfNext(help.claims, g);
      for (let g = 0; g < count; g++) {
        ours.set(g, encodePart(source, chunks, g, mine));
        await writeReady();
        // no group waits for its helper part more than LOOKAHEAD groups: then it is encoded here (a helper not started yet)
        while (g - next >= LOOKAHEAD && partsOf(next) === null && claimHere(next)) {
          helped.set(next, encodePart(source, chunks, next, theirs));
          await writeReady();
        }
      }
      // the rest waits for the helpers (encoded here if none has claimed it, or once they have failed)
      while (next < count) {
        if (partsOf(next)) await writeReady();
        else if (failed || open === 0 || claimHere(next)) helped.set(next, encodePart(source, chunks, next, theirs));
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
