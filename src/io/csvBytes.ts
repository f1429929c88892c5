/**
 * A byte-level line builder for the big output tables (trips, coverage): rows are written as UTF-8
 * bytes straight into a preallocated piece of about a megabyte, instead of by string concatenation
 * (millions of short-lived strings, then one more encoding pass). The text is exactly what the string
 * builders write:
 * - text fields come from the one CSV writer (CsvFields, src/io/csv.ts: spreadsheet safety stays
 *   there), encoded once per distinct value and remembered (`field`);
 * - numbers are written as ASCII digits with the same text as String(n) (`int`), x.toFixed(d)
 *   (`fixed`) and String(+x.toFixed(d)) (`rounded`), through src/io/numbers.ts's rule: where that
 *   falls back to toFixed, so does this (encoded).
 *
 * A generator fills the piece row by row and, once `full`, yields `take()` (a fresh buffer each time:
 * the consumer may hold it while the next one fills). src/io/tableWriter.ts writes such pieces as they
 * are (csvTextChunks and writeTextChunks take strings and byte pieces alike).
 */
import { CsvFields, type CsvCell } from './csv.ts';
import { POW, scaled } from './numbers.ts';

/** About how many bytes a piece of a table's text holds before it is handed on. */
export const CSV_PIECE_BYTES = 1 << 20;

/** Room past pieceBytes (at most this, at most pieceBytes), so that the row that crosses it seldom grows the buffer. */
const SLACK = 1 << 16;
/** Distinct values remembered per column, as CsvFields does. */
const MEMO_LIMIT = 1 << 16;
/** Byte arrays shorter than this are copied by a loop (cheaper than TypedArray.set for a few bytes). */
const SHORT = 24;

const COMMA = 0x2c;
const DOT = 0x2e;
const MINUS = 0x2d;
const ZERO = 0x30;

function utf8(s: string): Uint8Array {
  return Buffer.from(s, 'utf8');
}

export class CsvBytes {
  private buf: Buffer;
  private pos = 0;
  private readonly memos: Map<CsvCell, Uint8Array>[];

  constructor(
    readonly fields: CsvFields,
    readonly pieceBytes = CSV_PIECE_BYTES,
  ) {
    this.buf = Buffer.allocUnsafe(this.capacity());
    this.memos = fields.columns.map(() => new Map<CsvCell, Uint8Array>());
  }

  /** Column k's field for a cell, as UTF-8 bytes (CsvFields.field's text), remembered per column. */
  field(k: number, value: CsvCell): Uint8Array {
    const memo = this.memos[k];
    const hit = memo.get(value);
    if (hit !== undefined) return hit;
    const b = utf8(this.fields.field(k, value));
    if (memo.size < MEMO_LIMIT) memo.set(value, b);
    return b;
  }

  /** Several parts as one byte array, e.g. `join('\n', field(0, seed), ',')`: a row's fixed parts, built once. */
  join(...parts: (string | Uint8Array)[]): Uint8Array {
    return Buffer.concat(parts.map((p) => (typeof p === 'string' ? utf8(p) : p)));
  }

  /** Bytes written so far into the current piece. */
  get length(): number {
    return this.pos;
  }

  /** Whether the piece has reached pieceBytes (time to yield `take()`). */
  get full(): boolean {
    return this.pos >= this.pieceBytes;
  }

  /** The piece so far (a view of its own buffer, never written again); the next piece starts empty. */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(this.capacity());
    this.pos = 0;
    return out;
  }

  private capacity(): number {
    return this.pieceBytes + Math.min(SLACK, this.pieceBytes) + 64;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    bigger.set(this.buf.subarray(0, this.pos));
    this.buf = bigger;
  }

  /** Append bytes (e.g. a `field`). */
  bytes(b: Uint8Array): void {
    const n = b.length;
    this.ensure(n);
    const buf = this.buf;
    let p = this.pos;
    if (n < SHORT) for (let j = 0; j < n; j++) buf[p++] = b[j];
    else {
      buf.set(b, p);
      p += n;
    }
    this.pos = p;
  }

  /** Append again the bytes written at [start, end) of the current piece (positions from `length`). */
  repeat(start: number, end: number): void {
    const n = end - start;
    this.ensure(n);
    const buf = this.buf;
    let p = this.pos;
    for (let j = start; j < end; j++) buf[p++] = buf[j];
    this.pos = p;
  }

  /** Append one byte (e.g. 0x2c, a comma; 0x0a, a line break). */
  byte(c: number): void {
    this.ensure(1);
    this.buf[this.pos++] = c;
  }

  /** Append a comma. */
  comma(): void {
    this.ensure(1);
    this.buf[this.pos++] = COMMA;
  }

  /** Append text: ASCII directly, anything else encoded as UTF-8. */
  ascii(s: string): void {
    const n = s.length;
    this.ensure(n);
    const buf = this.buf;
    const start = this.pos;
    for (let j = 0; j < n; j++) {
      const c = s.charCodeAt(j);
      if (c > 0x7f) {
        this.pos = start;
        this.bytes(utf8(s));
        return;
      }
      buf[start + j] = c;
    }
    this.pos = start + n;
  }

  /** Append a long text (e.g. a GeoJSON feature) as UTF-8, encoded natively. */
  text(s: string): void {
    this.ensure(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** Digits of an integer 0 <= n < 2^32. */
  private uint(n: number): void {
    const len = n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 1e4 ? 4 : n < 1e5 ? 5 : n < 1e6 ? 6 : n < 1e7 ? 7 : n < 1e8 ? 8 : n < 1e9 ? 9 : 10;
    this.ensure(len);
    const buf = this.buf;
    let end = this.pos + len;
    this.pos = end;
    do {
      const q = (n / 10) >>> 0;
      buf[--end] = ZERO + (n - q * 10);
      n = q;
    } while (n > 0);
  }

  /** A number as String(n) writes it: integers below 2^32 in magnitude directly, anything else through String. */
  int(n: number): void {
    if (n >= 0 && n < 4294967296 && n === Math.floor(n)) this.uint(n);
    else if (n < 0 && n > -4294967296 && n === Math.floor(n)) {
      this.byte(MINUS);
      this.uint(-n);
    } else this.ascii(String(n));
  }

  /** `d` digits of 0 <= f < 10^d, with leading zeros. */
  private digits(f: number, d: number): void {
    this.ensure(d);
    const buf = this.buf;
    const p = this.pos;
    for (let j = d - 1; j >= 0; j--) {
      const q = Math.floor(f / 10);
      buf[p + j] = ZERO + (f - q * 10);
      f = q;
    }
    this.pos = p + d;
  }

  /** x.toFixed(d) for 0 <= d <= 6 (src/io/numbers.ts fixed), e.g. 12.5 -> "12.50". */
  fixed(x: number, d: number): void {
    const n = scaled(x, d);
    if (n === null) return this.ascii(x.toFixed(d));
    if (d === 0) return this.uint(n);
    const p = POW[d];
    const ip = Math.floor(n / p);
    this.uint(ip);
    this.byte(DOT);
    this.digits(n - ip * p, d);
  }

  /** String(+x.toFixed(d)) (src/io/numbers.ts rounded): trailing zeros dropped, e.g. 12.5 -> "12.5", 3 -> "3". */
  rounded(x: number, d: number): void {
    const n = scaled(x, d);
    if (n === null) return this.ascii(String(+x.toFixed(d)));
    const p = POW[d];
    const ip = Math.floor(n / p);
    let fp = n - ip * p;
    this.uint(ip);
    if (fp === 0) return;
    let digits = d;
    while (fp % 10 === 0) {
      fp /= 10;
      digits--;
    }
    this.byte(DOT);
    this.digits(fp, digits);
  }
}

/** Pieces of text, strings or bytes (what the table generators yield), as one UTF-8 buffer: for tests and small tables. */
export function chunksBytes(chunks: Iterable<string | Uint8Array>): Buffer {
  const parts: Uint8Array[] = [];
  for (const c of chunks) parts.push(typeof c === 'string' ? utf8(c) : c);
  return Buffer.concat(parts);
}

/** The same pieces as one string. */
export function chunksText(chunks: Iterable<string | Uint8Array>): string {
  return chunksBytes(chunks).toString('utf8');
}
