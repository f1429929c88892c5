/**
 * One column of a Parquet row group (a column chunk: a dictionary page when it has one, then one data
 * page, version 2), encoded straight from typed columns:
 * - an int column as an Int32Array;
 * - a double column as a Float64Array, NaN where a nullable column holds a null;
 * - a text column as codes into its ids (ParquetCodes: an Int32Array of indices into a catalogue of
 *   strings, -1 for a null), so that no string is built per row.
 *
 * The bytes are hyparquet-writer's for the same values, byte for byte (test/io/parquetChunk.test.ts
 * compares them on random columns of every kind): the same choice of dictionary (sampled on 1,000
 * values, kept where it at least halves the plain bytes, always for a column marked `dictionary`),
 * the dictionary in order of first appearance, the same run-length and bit-packing runs, the same
 * page headers (written by hyparquet-writer's own serializer) and the same compression. It is only
 * cheaper: the writer builds an array of values, levels and indices per row and looks every value up
 * in a Map; this keeps them in typed arrays, and a dictionary in a table indexed by code or value.
 * Columns given in another form (the small tables' rows as arrays) are encoded by hyparquet-writer
 * itself (writeColumn), so every form gives the writer's bytes.
 */
import type { ColumnChunk, Encoding, SchemaElement } from 'hyparquet';
import { ByteWriter } from 'hyparquet-writer';
import { writeColumn } from 'hyparquet-writer/src/column.js';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
import { deltaBinaryPack } from 'hyparquet-writer/src/delta.js';

/** A text column as codes into a catalogue of ids: `keys[codes[i]]`, or a null where the code is -1. */
export interface ParquetCodes {
  codes: Int32Array;
  keys: readonly string[];
}

/** What a column chunk is encoded with: its schema element, codec and compressor. */
export interface ChunkOptions {
  element: SchemaElement;
  codec: 'GZIP';
  compress: (bytes: Uint8Array) => Uint8Array;
  /** Always a dictionary (RLE_DICTIONARY), or delta (DELTA_BINARY_PACKED); else the writer's choice. */
  encoding?: Encoding;
}

/** The writer's page size: a page is cut past this many bytes of values (a row group here is one page). */
const PAGE_SIZE = 1 << 20;
const SAMPLE = 1000;
const SAMPLE_REJECTION = 0.9;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A growing byte buffer written at the end (the pages' bodies before compression). */
class Bytes {
  buf = new Uint8Array(1 << 16);
  n = 0;
  room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
  }
  u8(v: number): void {
    this.room(1);
    this.buf[this.n++] = v;
  }
  varint(v: number): void {
    this.room(5);
    for (;;) {
      if ((v & ~0x7f) === 0) {
        this.buf[this.n++] = v;
        return;
      }
      this.buf[this.n++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
  }
  u32(v: number): void {
    this.room(4);
    const b = this.buf;
    b[this.n++] = v & 0xff;
    b[this.n++] = (v >>> 8) & 0xff;
    b[this.n++] = (v >>> 16) & 0xff;
    b[this.n++] = (v >>> 24) & 0xff;
  }
  raw(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buf.set(bytes, this.n);
    this.n += bytes.length;
  }
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.n);
  }
}

/**
 * The RLE / bit-packing hybrid of `values[0..n)` at `bitWidth`, run for run as hyparquet-writer's
 * writeRleBitPackedHybrid: a run of 8 or more equal values is one RLE run; otherwise groups of 8
 * values are bit-packed, taken from where the run failed, and flushed before the next RLE run.
 */
function rleHybrid(out: Bytes, values: ArrayLike<number>, n: number, bitWidth: number): void {
  let pending = 0;
  let packedStart = 0;
  let i = 0;
  while (i < n) {
    const first = values[i];
    let run = 1;
    while (i + run < n && values[i + run] === first) run++;
    if (run >= 8) {
      if (pending) {
        bitPacked(out, values, n, packedStart, pending, bitWidth);
        pending = 0;
      }
      out.varint(run << 1);
      const width = (bitWidth + 7) >> 3;
      out.room(width);
      for (let j = 0; j < width; j++) out.buf[out.n++] = (first >> (j << 3)) & 0xff;
      i += run;
    } else {
      if (pending === 0) packedStart = i;
      pending++;
      i += 8;
    }
  }
  if (pending) bitPacked(out, values, n, packedStart, pending, bitWidth);
}

function bitPacked(out: Bytes, values: ArrayLike<number>, n: number, start: number, groups: number, bitWidth: number): void {
  out.varint((groups << 1) | 1);
  if (bitWidth === 0) return;
  const mask = (1 << bitWidth) - 1;
  const total = groups * 8;
  out.room(Math.ceil((total * bitWidth) / 8) + 1);
  const b = out.buf;
  let k = out.n;
  let buffer = 0;
  let used = 0;
  for (let i = 0; i < total; i++) {
    const idx = start + i;
    const v = idx < n ? values[idx] & mask : 0;
    buffer |= v << used;
    used += bitWidth;
    while (used >= 8) {
      b[k++] = buffer & 0xff;
      buffer >>>= 8;
      used -= 8;
    }
  }
  if (used > 0) b[k++] = buffer & 0xff;
  out.n = k;
}

/** Which rows hold a value (1) or a null (0), for a nullable column's definition levels. */
function present(n: number, isNull: (i: number) => boolean): { levels: Uint8Array; nulls: number } {
  const levels = new Uint8Array(n);
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    if (isNull(i)) nulls++;
    else levels[i] = 1;
  }
  return { levels, nulls };
}

/**
 * The writer's sampled test (hyparquet-writer useDictionary, not forced): on up to 1,000 values spread
 * over the column, the bytes of the distinct ones over the bytes of all must not exceed 0.9. `key(i)`
 * is the value at row i as the writer's Map sees it (null for a null), `size` a value's bytes.
 */
function sampleKeepsDictionary(n: number, key: (i: number) => number | null, size: number): boolean {
  const sampleSize = Math.min(n, SAMPLE);
  const seen = new Set<number | null>();
  let dictionary = 0;
  let total = 0;
  for (let i = 0; i < sampleSize; i++) {
    const k = key(sampleSize === 1 ? 0 : Math.floor((i * (n - 1)) / (sampleSize - 1)));
    const s = k === null ? 0 : size;
    if (!seen.has(k)) {
      seen.add(k);
      dictionary += s;
    }
    total += s;
  }
  return !(!total || dictionary / total > SAMPLE_REJECTION);
}

/** The writer's win test for an automatic dictionary: dictionary and indices at most half the plain bytes. */
function dictionaryWins(entries: number, nonNull: number, size: number): boolean {
  const bitWidth = Math.ceil(Math.log2(entries));
  const indexSize = Math.ceil((nonNull * bitWidth) / 8);
  return !(2 * (entries * size + indexSize) > nonNull * size);
}

/** A dictionary built: its entries (as the caller keeps them) and every non-null row's index, in row order. */
interface Dictionary {
  entries: number;
  /** Indices of the non-null rows, in order. */
  indexes: Int32Array;
  nonNull: number;
}

/** Dictionary of an Int32Array's values, first appearance first: the values in `values`' order of first sight. */
function intDictionary(v: Int32Array, n: number): Dictionary & { values: Int32Array } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const indexes = new Int32Array(n);
  const values: number[] = [];
  if (hi - lo < 4 * n + 1024) {
    const slot = new Int32Array(hi - lo + 1).fill(-1);
    for (let i = 0; i < n; i++) {
      const o = v[i] - lo;
      let k = slot[o];
      if (k < 0) {
        k = slot[o] = values.length;
        values.push(v[i]);
      }
      indexes[i] = k;
    }
  } else {
    const slot = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      let k = slot.get(v[i]);
      if (k === undefined) {
        k = values.length;
        slot.set(v[i], k);
        values.push(v[i]);
      }
      indexes[i] = k;
    }
  }
  return { entries: values.length, indexes, nonNull: n, values: Int32Array.from(values) };
}

/**
 * Dictionary of a Float64Array's values (NaN: a null, skipped), first appearance first, in an open
 * hash table on the values' bits. Equal as the writer's Map compares numbers: 0 and -0 are one entry
 * (the first seen is kept).
 */
function doubleDictionary(v: Float64Array, n: number): Dictionary & { values: Float64Array } {
  let log = 10;
  while (1 << log < 2 * n) log++;
  const mask = (1 << log) - 1;
  const shift = 32 - log;
  const table = new Int32Array(1 << log).fill(-1);
  const values = new Float64Array(n);
  const bits = new Uint32Array(v.buffer, v.byteOffset, 2 * v.length);
  const indexes = new Int32Array(n);
  let entries = 0;
  let nonNull = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x !== x) continue; // a null
    let s = x === 0 ? 0 : Math.imul(bits[2 * i] ^ Math.imul(bits[2 * i + 1], 0x9e3779b1), 0x85ebca6b) >>> shift;
    let k: number;
    for (;;) {
      k = table[s];
      if (k < 0) {
        k = table[s] = entries;
        values[entries++] = x;
        break;
      }
      if (values[k] === x) break;
      s = (s + 1) & mask;
    }
    indexes[nonNull++] = k;
  }
  return { entries, indexes, nonNull, values: values.subarray(0, entries) };
}

/** The ids' UTF-8 bytes and, where an id repeats, the first code of each id (a dictionary holds an id once). */
interface KeyTable {
  utf8: Uint8Array[];
  first: Int32Array | null;
}
const KEY_TABLES = new WeakMap<readonly string[], KeyTable>();
const UTF8 = new TextEncoder();

function keyTable(keys: readonly string[]): KeyTable {
  let t = KEY_TABLES.get(keys);
  if (!t) {
    const utf8 = keys.map((k) => UTF8.encode(k));
    const firstOf = new Map<string, number>();
    let repeats = false;
    const first = new Int32Array(keys.length);
    for (let c = 0; c < keys.length; c++) {
      const f = firstOf.get(keys[c]);
      if (f === undefined) firstOf.set(keys[c], (first[c] = c));
      else ((first[c] = f), (repeats = true));
    }
    t = { utf8, first: repeats ? first : null };
    KEY_TABLES.set(keys, t);
  }
  return t;
}

/** Dictionary of codes into `keys` (-1: a null, skipped), first appearance first; returns the codes of its entries. */
function codeDictionary(c: ParquetCodes, n: number, table: KeyTable, name: string): Dictionary & { codes: Int32Array } {
  const slot = new Int32Array(c.keys.length).fill(-1);
  for (let i = 0; i < n; i++) if (c.codes[i] >= c.keys.length) throw new Error(`parquet column ${name}: code ${c.codes[i]} names no id (${c.keys.length} ids)`);
  const codes: number[] = [];
  const indexes = new Int32Array(n);
  let nonNull = 0;
  for (let i = 0; i < n; i++) {
    let x = c.codes[i];
    if (x < 0) continue;
    if (table.first) x = table.first[x];
    let k = slot[x];
    if (k < 0) {
      k = slot[x] = codes.length;
      codes.push(x);
    }
    indexes[nonNull++] = k;
  }
  return { entries: codes.length, indexes, nonNull, codes: Int32Array.from(codes) };
}

/** The values' bytes, little-endian (PLAIN encoding): the array's own memory on a little-endian machine. */
function plainBytes(v: Int32Array | Float64Array): Uint8Array {
  const size = v.BYTES_PER_ELEMENT;
  if (LITTLE_ENDIAN) return new Uint8Array(v.buffer, v.byteOffset, v.length * size);
  const out = new Uint8Array(v.length * size);
  const d = new DataView(out.buffer);
  for (let i = 0; i < v.length; i++) {
    if (size === 4) d.setInt32(4 * i, v[i], true);
    else d.setFloat64(8 * i, v[i], true);
  }
  return out;
}

/** The column chunk as the writer assembles it: pages appended to `sink`, and the chunk's metadata. */
function chunkOf(sink: ByteWriter, opts: ChunkOptions, n: number, body: { dictionary?: { bytes: Uint8Array; entries: number }; encoding: Encoding; levels?: { bytes: Uint8Array; nulls: number }; page: Uint8Array }): ColumnChunk {
  const start = sink.offset;
  let uncompressed = 0;
  const encodings: Encoding[] = [];
  let dictionaryOffset: bigint | undefined;
  if (body.dictionary) {
    dictionaryOffset = BigInt(sink.offset);
    const compressed = opts.compress(body.dictionary.bytes);
    const h = sink.offset;
    writePageHeader(sink, { type: 'DICTIONARY_PAGE', uncompressed_page_size: body.dictionary.bytes.length, compressed_page_size: compressed.length, dictionary_page_header: { num_values: body.dictionary.entries, encoding: 'PLAIN' } });
    uncompressed += sink.offset - h + body.dictionary.bytes.length;
    sink.appendBytes(compressed);
    encodings.push('PLAIN');
  }
  encodings.push(body.encoding);
  const dataOffset = BigInt(sink.offset);
  const levels = body.levels?.bytes.length ?? 0;
  const compressed = opts.compress(body.page);
  const h = sink.offset;
  writePageHeader(sink, {
    type: 'DATA_PAGE_V2',
    uncompressed_page_size: levels + body.page.length,
    compressed_page_size: levels + compressed.length,
    data_page_header_v2: { num_values: n, num_nulls: body.levels?.nulls ?? 0, num_rows: n, encoding: body.encoding, definition_levels_byte_length: levels, repetition_levels_byte_length: 0, is_compressed: true },
  });
  uncompressed += sink.offset - h + levels + body.page.length;
  if (body.levels) sink.appendBytes(body.levels.bytes);
  sink.appendBytes(compressed);
  return {
    meta_data: {
      type: opts.element.type!,
      encodings,
      path_in_schema: [opts.element.name],
      codec: opts.codec,
      num_values: BigInt(n),
      total_compressed_size: BigInt(sink.offset - start),
      total_uncompressed_size: BigInt(uncompressed),
      data_page_offset: dataOffset,
      dictionary_page_offset: dictionaryOffset,
      statistics: undefined,
      encoding_stats: undefined,
      geospatial_statistics: undefined,
    } as ColumnChunk['meta_data'],
    file_offset: BigInt(start),
  };
}

/** Definition levels of a nullable column (bit width 1), or none for a required one. */
function levelsOf(nullable: boolean, n: number, isNull: (i: number) => boolean): { bytes: Uint8Array; nulls: number } | undefined {
  if (!nullable) return undefined;
  const { levels, nulls } = present(n, isNull);
  const out = new Bytes();
  rleHybrid(out, levels, n, 1);
  return { bytes: out.bytes().slice(), nulls };
}

/** Dictionary indices as a data page body: their bit width, then the hybrid runs. */
function indexPage(d: Dictionary): Uint8Array {
  const out = new Bytes();
  const bitWidth = Math.ceil(Math.log2(Math.max(0, d.entries - 1) + 1));
  out.u8(bitWidth);
  rleHybrid(out, d.indexes, d.nonNull, bitWidth);
  return out.bytes();
}

function throwNull(opts: ChunkOptions): never {
  throw new Error(`parquet column ${opts.element.name}: a null in a required column`);
}

/**
 * Encode `n` rows of one column (`data` in one of the typed forms above, or any array of values) into
 * `sink` as one column chunk, as hyparquet-writer would; returns the chunk's metadata, offsets counted
 * in `sink`.
 */
export function writeColumnChunk(sink: ByteWriter, opts: ChunkOptions, data: unknown, n: number): ColumnChunk {
  const nullable = opts.element.repetition_type === 'OPTIONAL';
  const forced = opts.encoding === 'RLE_DICTIONARY';
  const type = opts.element.type;
  if (n * 8 >= PAGE_SIZE) return generic(sink, opts, data, n); // more than one page: the writer's own paging
  if (type === 'INT32' && data instanceof Int32Array && !nullable) {
    if (opts.encoding === 'DELTA_BINARY_PACKED') {
      const page = new ByteWriter(n * 5 + 64);
      deltaBinaryPack(page, data.subarray(0, n), 'INT32');
      return chunkOf(sink, opts, n, { encoding: 'DELTA_BINARY_PACKED', page: page.getBytes() });
    }
    if (opts.encoding === undefined || forced) {
      if (forced || sampleKeepsDictionary(n, (i) => data[i], 4)) {
        const d = intDictionary(data, n);
        if (forced || dictionaryWins(d.entries, n, 4)) return chunkOf(sink, opts, n, { dictionary: { bytes: plainBytes(d.values), entries: d.entries }, encoding: 'RLE_DICTIONARY', page: indexPage(d) });
      }
      return chunkOf(sink, opts, n, { encoding: 'PLAIN', page: plainBytes(data.subarray(0, n)) });
    }
  }
  if (type === 'DOUBLE' && data instanceof Float64Array && (opts.encoding === undefined || forced)) {
    const isNull = (i: number): boolean => data[i] !== data[i];
    if (!nullable) for (let i = 0; i < n; i++) if (isNull(i)) throwNull(opts);
    const levels = levelsOf(nullable, n, isNull);
    if (forced || sampleKeepsDictionary(n, (i) => (isNull(i) ? null : data[i]), 8)) {
      const d = doubleDictionary(data, n);
      if (forced || dictionaryWins(d.entries, d.nonNull, 8)) return chunkOf(sink, opts, n, { dictionary: { bytes: plainBytes(d.values), entries: d.entries }, encoding: 'RLE_DICTIONARY', levels, page: indexPage(d) });
    }
    const plain = new Float64Array(n - (levels?.nulls ?? 0));
    for (let i = 0, k = 0; i < n; i++) if (!isNull(i)) plain[k++] = data[i];
    return chunkOf(sink, opts, n, { encoding: 'PLAIN', levels, page: plainBytes(plain) });
  }
  if (type === 'BYTE_ARRAY' && forced && isCodes(data)) {
    const isNull = (i: number): boolean => data.codes[i] < 0;
    if (!nullable) for (let i = 0; i < n; i++) if (isNull(i)) throwNull(opts);
    const table = keyTable(data.keys);
    const d = codeDictionary(data, n, table, opts.element.name);
    const dict = new Bytes();
    for (let k = 0; k < d.entries; k++) {
      const b = table.utf8[d.codes[k]];
      dict.u32(b.length);
      dict.raw(b);
    }
    return chunkOf(sink, opts, n, { dictionary: { bytes: dict.bytes(), entries: d.entries }, encoding: 'RLE_DICTIONARY', levels: levelsOf(nullable, n, isNull), page: indexPage(d) });
  }
  return generic(sink, opts, data, n);
}

/** Whether a column is given as codes into ids. */
export function isCodes(data: unknown): data is ParquetCodes {
  return typeof data === 'object' && data !== null && (data as ParquetCodes).codes instanceof Int32Array && Array.isArray((data as ParquetCodes).keys);
}

/** Values of any form as the writer takes them (codes expanded to their ids, NaN to null). */
export function plainValues(data: unknown, n: number): unknown[] | Int32Array {
  if (isCodes(data)) return Array.from(data.codes.subarray(0, n), (c) => (c < 0 ? null : data.keys[c]));
  if (data instanceof Float64Array) return Array.from(data.subarray(0, n), (x) => (x !== x ? null : x));
  if (data instanceof Int32Array) return data.subarray(0, n);
  return Array.prototype.slice.call(data as ArrayLike<unknown>, 0, n);
}

/** Any other column: hyparquet-writer's writeColumn on its values, as its ParquetWriter calls it. */
function generic(sink: ByteWriter, opts: ChunkOptions, data: unknown, n: number): ColumnChunk {
  const values = plainValues(data, n);
  const nullable = opts.element.repetition_type === 'OPTIONAL';
  const definitionLevels = nullable ? Array.from(values as ArrayLike<unknown>, (v) => (v === null || v === undefined ? 0 : 1)) : [];
  const root: SchemaElement = { name: 'root', num_children: 1 };
  const { chunk } = writeColumn({
    writer: sink,
    column: {
      columnName: opts.element.name,
      element: opts.element,
      schemaPath: [root, opts.element],
      codec: opts.codec,
      compressors: { GZIP: opts.compress },
      stats: false,
      pageSize: PAGE_SIZE,
      columnIndex: false,
      offsetIndex: false,
      encoding: opts.encoding,
    },
    pageData: { values: values as never, definitionLevels, repetitionLevels: [], maxDefinitionLevel: nullable ? 1 : 0 },
  });
  return chunk;
}
