/**
 * Reading a big output table back, streamed: the file (gzip-compressed or not, told by its first
 * bytes) is read in chunks, uncompressed and decoded on the way, and its rows are given one by one to a
 * visitor — no row objects and never the whole text in memory (a 20,000-block coverage table has 1.5
 * million rows).
 *
 * Only the plain comma-separated UTF-8 form our CSV writer emits (src/io/csv.ts) is scanned: a BOM,
 * RFC 4180 quotes, blank lines skipped but counted. Anything else (another separator, a row longer
 * than the header, a broken quote, text that is not UTF-8) makes scanCsvFile return null, and the caller
 * reads the file again with src/io/csv.ts's readCsv, whose errors are the shared reader's.
 */
import fs from 'node:fs';
import { createGunzip } from 'node:zlib';
import { InputError } from '../core/errors.ts';
import { detectDelimiter, restoreText } from './csv.ts';
import { isGzip } from './gzip.ts';

/** Rows of a header (restored text) and then data rows: line number (header = 1) and trimmed cells (one array, reused). */
export interface CsvVisitor {
  header(header: string[]): void;
  row(line: number, cells: string[]): void;
}

/** An incremental scanner of CSV text: feed it chunks; a row cut by a chunk's end waits for the next. */
export class CsvScanner {
  private pending = '';
  private line = 1;
  private headerSeen = false;
  private first = true;
  private readonly cells: string[] = [];

  constructor(private readonly visitor: CsvVisitor) {}

  /** The header, once seen. */
  header: string[] | null = null;

  /** Scan `text` (then nothing more when `final`); false when the text is not the plain form. */
  feed(text: string, final: boolean): boolean {
    let body = this.pending + text;
    this.pending = '';
    if (this.first) {
      if (!final && body.indexOf('\n') < 0 && body.length < 1 << 16) {
        this.pending = body;
        return true;
      }
      this.first = false;
      if (body.charCodeAt(0) === 0xfeff) body = body.slice(1);
      const head = detectDelimiter(body.slice(0, 1 << 16));
      if (head.delimiter !== ',' || head.skipLines !== 0) return false;
    }
    const n = body.length;
    const cells = this.cells;
    let pos = 0;
    while (pos < n) {
      const rowStart = pos;
      let line = this.line;
      cells.length = 0;
      for (;;) {
        let cell: string;
        if (body.charCodeAt(pos) === 34) {
          let out = '';
          let k = pos + 1;
          for (;;) {
            const q = body.indexOf('"', k);
            if (q < 0 || (q + 1 >= n && !final)) {
              if (final) return false;
              this.pending = body.slice(rowStart);
              return true;
            }
            out += body.slice(k, q);
            if (body.charCodeAt(q + 1) === 34) {
              out += '"';
              k = q + 2;
            } else {
              k = q + 1;
              break;
            }
          }
          for (let c = pos; c < k; c++) if (body.charCodeAt(c) === 10) line++;
          pos = k;
          // only spaces may follow a closing quote
          while (pos < n && body.charCodeAt(pos) === 32) pos++;
          cell = out;
        } else {
          let k = pos;
          while (k < n) {
            const ch = body.charCodeAt(k);
            if (ch === 44 || ch === 10 || ch === 13) break;
            if (ch === 34) return false;
            k++;
          }
          cell = body.slice(pos, k);
          pos = k;
        }
        if (pos >= n && !final) {
          this.pending = body.slice(rowStart);
          return true;
        }
        const t = cell.length > 0 && (cell.charCodeAt(0) <= 32 || cell.charCodeAt(cell.length - 1) <= 32) ? cell.trim() : cell;
        if (t === "'" && cell !== t) return false;
        cells.push(t);
        const ch = pos < n ? body.charCodeAt(pos) : 10;
        if (ch === 44) {
          pos++;
          continue;
        }
        if (ch === 13) {
          pos++;
          if (pos >= n && !final) {
            this.pending = body.slice(rowStart);
            return true;
          }
        }
        if (pos < n && body.charCodeAt(pos) === 10) pos++;
        else if (ch !== 10 && ch !== 13 && pos < n) return false;
        line++;
        break;
      }
      const startLine = this.line;
      this.line = line;
      if (!this.headerSeen) {
        const header = cells.map(restoreText);
        if (header.some((h) => h === '') || new Set(header).size !== header.length) return false;
        this.headerSeen = true;
        this.header = header;
        this.visitor.header(header);
        continue;
      }
      if (cells.every((c) => c === '')) continue;
      if (cells.length > this.header!.length) return false;
      while (cells.length < this.header!.length) cells.push('');
      this.visitor.row(startLine, cells);
    }
    return true;
  }
}

/** Whether the file starts with gzip's magic bytes. */
export function fileIsGzip(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(2);
    return fs.readSync(fd, b, 0, 2, 0) === 2 && isGzip(b);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Scan a CSV file (plain or gzip-compressed), streamed. Returns the header, or null when the file is
 * not the plain comma-separated UTF-8 form (see the file comment) or is empty; rows already visited
 * then stay visited, so the caller starts again with fresh state.
 */
export async function scanCsvFile(file: string, visitor: CsvVisitor): Promise<string[] | null> {
  if (!fs.existsSync(file)) throw new InputError(file, 'file not found or unreadable');
  const scanner = new CsvScanner(visitor);
  const raw = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const bytes = fileIsGzip(file) ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw;
  raw.on('error', (e) => bytes.destroy(e));
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    for await (const chunk of bytes as AsyncIterable<Buffer>) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        return null;
      }
      if (!scanner.feed(text, false)) return null;
    }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      return null;
    }
    if (!scanner.feed(rest, true)) return null;
  } catch (e) {
    if (e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('Z_')) return null;
    throw e;
  } finally {
    raw.destroy();
  }
  return scanner.header;
}
