/**
 * CSV reading (fast-csv) and the one CSV writer every output table goes through; rows carry their
 * spreadsheet line number (header = 1).
 *
 * Spreadsheet safety (README, "Data and determinism"): every column is declared 'text' or 'number'.
 * A text cell (names, tags, kinds, ids, error messages, and every header cell) that begins with
 * `=`, `+`, `-`, `@`, a tab or a carriage return is written with a leading `'` and quoted, so that
 * Excel, WPS or LibreOffice show it as text instead of evaluating a formula. Number cells are written
 * as they are. Readers undo exactly that with `restoreText`, on text columns only.
 */
import fs from 'node:fs';
import { InputError } from '../core/errors.ts';
import { writeFileAtomic } from './atomic.ts';
import { readNotice, readTextFile, type Encoding } from './readText.ts';

export interface CsvRow {
  /** Line number as a spreadsheet shows it: the header is 1, the first data row 2. */
  line: number;
  values: Record<string, string>;
  /** The same values in header order. */
  cells: string[];
}

export interface CsvOptions {
  /** Allow empty header cells (R and pandas write one for the row index); such columns cannot be named. */
  allowBlankHeader?: boolean;
  /** The file's text encoding (src/io/readText.ts); default: the process-wide setting, else auto-detection. */
  encoding?: Encoding;
}

/** The separators a CSV file may use: ',' (the default), ';' (Excel in much of Europe) or a tab. */
export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
  /** The separator the file uses (detected from its header line). */
  delimiter?: CsvDelimiter;
}

// ---------------------------------------------------------------------------------------------
// The spreadsheet-safety rule

/** The characters a spreadsheet may read as the start of a formula (OWASP's list). */
export const FORMULA_START = ['=', '+', '-', '@', '\t', '\r'] as const;
const STARTS_FORMULA = /^[=+\-@\t\r]/;
const NEUTRALISED = /^'[=+\-@\t\r]/;

/** A text cell as written: with a leading `'` when it begins with one of FORMULA_START, else unchanged. */
export function neutraliseText(text: string): string {
  return STARTS_FORMULA.test(text) ? `'${text}` : text;
}

/**
 * A text cell as read: a leading `'` directly before one of FORMULA_START is removed; nothing else
 * changes. Only for text columns: a number column's cell is never unescaped.
 */
export function restoreText(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * Cells are trimmed (stray spaces around values are forgiven), except that a neutralised cell whose
 * text is only tabs or carriage returns keeps the character after its apostrophe, so that it still
 * reads back as text (`'\t` -> restoreText -> a tab) rather than as a lone apostrophe.
 */
function trimCell(cell: string): string {
  const t = cell.trim();
  if (t !== "'") return t;
  const start = cell.trimStart();
  return NEUTRALISED.test(start) ? start.slice(0, 2) : t;
}

/**
 * Parse CSV text; `file` names it in errors. Blank lines are skipped but still counted. Cells are
 * trimmed; data cells are otherwise as in the file (a text column's reader calls `restoreText`), the
 * header's cells are column names and so text: they are restored here.
 */
export function parseCsvText(text: string, file: string, opts: CsvOptions = {}): Promise<CsvTable> {
  const body = text.replace(/^\uFEFF/, '');
  const { delimiter, skipLines } = detectDelimiter(body);
  if (delimiter !== ',') readNotice(file, 'delimiter', `${file}: separated by '${delimiter === '\t' ? 'tab' : delimiter}', read as such${delimiter === ';' ? ' (decimal commas such as 1,5 are read as numbers)' : ''}`);
  const content = skipLines > 0 ? body.slice(body.indexOf('\n') + 1) : body;
  // fast-csv is loaded on first use: commands whose tables all go through the scanner (src/io/csvScan.ts) never load it
  return import('fast-csv').then(({ parseString }) => new Promise<CsvTable>((resolve, reject) => {
    const records: string[][] = [];
    parseString(content, { headers: false, ignoreEmpty: false, trim: false, delimiter })
      .on('error', (e: Error) => reject(new InputError(file, `not valid CSV: ${e.message}`)))
      .on('data', (r: string[]) => records.push(r.map(trimCell)))
      .on('end', () => {
        if (records.length === 0 || records[0].every((h) => h === '')) {
          reject(new InputError(file, 'the file is empty, expected a header row and at least one data row'));
          return;
        }
        const header = records[0].map(restoreText);
        const seen = new Set<string>();
        for (const h of header) {
          if (h === '' && opts.allowBlankHeader) continue;
          if (h === '') return reject(new InputError(file, 'the header has an empty column name', 1));
          if (seen.has(h)) return reject(new InputError(file, `the header repeats column '${h}'`, 1));
          seen.add(h);
        }
        const rows: CsvRow[] = [];
        for (let i = 1; i < records.length; i++) {
          const r = records[i];
          if (r.every((v) => v === '')) continue;
          if (r.length > header.length) {
            return reject(new InputError(file, `has ${r.length} values, the header has ${header.length} columns${delimiterHint(r, delimiter)}`, i + 1 + skipLines));
          }
          const values: Record<string, string> = {};
          const cells = header.map((h, k) => (values[h] = r[k] ?? ''));
          rows.push({ line: i + 1 + skipLines, values, cells });
        }
        resolve({ file, header, rows, delimiter });
      });
  }));
}

/** Read a CSV file; a missing file is an InputError naming it. */
export async function readCsv(file: string, opts: CsvOptions = {}): Promise<CsvTable> {
  return parseCsvText(readTextFile(file, opts.encoding), file, opts);
}

/** Counts of ',', ';' and tabs outside double quotes in one line. */
function separatorCounts(line: string): Record<CsvDelimiter, number> {
  const n: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) n[ch]++;
  }
  return n;
}

/**
 * The separator of CSV text: Excel's `sep=;` first line when there is one (that line is then skipped),
 * else the one the header line (the first non-blank line) uses most, ',' on a tie.
 */
export function detectDelimiter(text: string): { delimiter: CsvDelimiter; skipLines: number } {
  const first = /^sep=(.)\r?$/m.exec(text.slice(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n')));
  if (first && (first[1] === ',' || first[1] === ';' || first[1] === '\t')) return { delimiter: first[1] as CsvDelimiter, skipLines: 1 };
  const header = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const n = separatorCounts(header);
  if (n[','] >= n[';'] && n[','] >= n['\t']) return { delimiter: ',', skipLines: 0 };
  return { delimiter: n[';'] >= n['\t'] ? ';' : '\t', skipLines: 0 };
}

/** A hint for a row with too many values: the separator it seems to use instead. */
function delimiterHint(cells: string[], delimiter: CsvDelimiter): string {
  const n = separatorCounts(cells.join(delimiter));
  const other = (Object.keys(n) as CsvDelimiter[]).find((d) => d !== delimiter && n[d] > 0);
  return other ? ` (this row is separated by '${other === '\t' ? 'tab' : other}', the header by '${delimiter === '\t' ? 'tab' : delimiter}')` : '';
}

/**
 * A number cell as read: a JS numeral; in a ';'-separated file (European Excel) also a decimal comma
 * (`120,15`). NaN when it is not a number.
 */
export function csvNumber(cell: string, decimalComma = false): number {
  const t = cell.trim();
  if (decimalComma && /^[+-]?\d+,\d+$/.test(t)) return Number(t.replace(',', '.'));
  return t === '' ? NaN : Number(t);
}

// ---------------------------------------------------------------------------------------------
// Writing: the one path for every CSV the project writes

/** How a column's cells are written: 'text' cells are made spreadsheet-safe, 'number' cells are written as they are. */
export type CsvKind = 'text' | 'number';

export interface CsvColumn {
  name: string;
  kind: CsvKind;
}

/** A cell: a number column holds JS numbers (or '' for missing); a text column holds strings. */
export type CsvCell = string | number;

/**
 * Columns of a header: those named in `text` are text, every other one is a number column. A name in
 * `text` that is not in the header is a programming error (a renamed column would silently become
 * numeric otherwise).
 */
export function csvColumns(header: readonly string[], text: readonly string[]): CsvColumn[] {
  const unknown = text.filter((t) => !header.includes(t));
  if (unknown.length > 0) throw new Error(`csvColumns: text column(s) ${unknown.join(', ')} not in the header ${header.join(',')}`);
  return header.map((name) => ({ name, kind: text.includes(name) ? 'text' : 'number' }));
}

/** A decimal numeral as JS or toFixed writes one: 12, -0.50, 1e-7, 1e+21. */
const NUMERAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * fast-csv's quoting rule, kept so that files without neutralised cells are byte-identical to what
 * the project wrote through fast-csv before: a field is quoted when it holds a quote, a comma, a line
 * break or a `|` (fast-csv's pattern lists `|` too); quotes inside are doubled; NUL characters are dropped.
 */
const NEEDS_QUOTES = /[",\r\n|]/;

function quote(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

function textField(value: CsvCell): string {
  const s = String(value).replace(/\0/g, '');
  const safe = neutraliseText(s);
  return safe !== s || NEEDS_QUOTES.test(s) ? quote(safe) : s;
}

/**
 * One field. A number column's numbers, empty cells and decimal numerals are written unchanged
 * (negative numbers stay numbers); anything else found in a number column is not a number and is
 * written as text, so that a wrong column kind can never let a formula through.
 */
function field(value: CsvCell, kind: CsvKind): string {
  if (kind === 'number') {
    if (typeof value === 'number') return String(value);
    if (value === '' || NUMERAL.test(value)) return value;
  }
  return textField(value);
}

/** One CSV line (without its line break). */
export function csvLine(columns: readonly CsvColumn[], row: readonly CsvCell[]): string {
  if (row.length !== columns.length) throw new Error(`csvLine: a row of ${row.length} cells for ${columns.length} columns (${columns.map((c) => c.name).join(',')})`);
  let out = '';
  for (let k = 0; k < columns.length; k++) {
    if (k > 0) out += ',';
    out += field(row[k] ?? '', columns[k].kind);
  }
  return out;
}

const MEMO_LIMIT = 1 << 16;

/**
 * The fields of one table's cells, for the writers of big tables: exactly csvLine's fields, faster —
 * a text column's fields are remembered (ids, names and tags repeat down a big table), up to 65,536
 * distinct texts per column. A table that builds its lines itself (coverage, trips: src/io/tableWriter
 * writes them with csvTextChunks) takes every field from here, so that the spreadsheet-safety rule
 * stays in this one place.
 */
export class CsvFields {
  private readonly kinds: CsvKind[];
  private readonly memos: Map<string, string>[];

  constructor(readonly columns: readonly CsvColumn[]) {
    this.kinds = columns.map((c) => c.kind);
    this.memos = columns.map(() => new Map<string, string>());
  }

  /** The field of column k for a cell. */
  field(k: number, value: CsvCell): string {
    const kind = this.kinds[k];
    if (kind === 'number') return typeof value === 'number' ? String(value) : field(value, 'number');
    const memo = this.memos[k];
    const hit = memo.get(value as string);
    if (hit !== undefined) return hit;
    const f = field(value, kind);
    if (typeof value === 'string' && memo.size < MEMO_LIMIT) memo.set(value, f);
    return f;
  }

  /** One line of a row (csvLine's text). */
  line(row: readonly CsvCell[]): string {
    if (row.length !== this.columns.length) return csvLine(this.columns, row);
    let out = '';
    for (let k = 0; k < row.length; k++) out += k > 0 ? `,${this.field(k, row[k] ?? '')}` : this.field(k, row[k] ?? '');
    return out;
  }
}

/**
 * A table whose lines are built from CsvFields (see there), as CSV text: the header line, then the
 * `body` pieces as they are — each piece a run of lines, every line preceded by its '\n', as a string
 * or as UTF-8 bytes (src/io/csvBytes.ts; the pieces of a big table are about a megabyte each:
 * CSV_PIECE_CHARS, CSV_PIECE_BYTES) — then, unless `finalNewline` is false,
 * a last line break.
 */
export function* csvTextChunks<T extends string | Uint8Array>(columns: readonly CsvColumn[], body: Iterable<T>, opts: { finalNewline?: boolean } = {}): Generator<string | T> {
  yield headerLine(columns);
  for (const piece of body) if (piece.length > 0) yield piece;
  if (opts.finalNewline !== false) yield '\n';
}

/** About how long the pieces of a table's text are (characters). */
export const CSV_PIECE_CHARS = 1 << 20;

function headerLine(columns: readonly CsvColumn[]): string {
  return columns.map((c) => textField(c.name)).join(',');
}

/** CSV text of a table: the header line, then one line per row, each ending in '\n'. */
export function csvString(columns: readonly CsvColumn[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [headerLine(columns)];
  for (const r of rows) lines.push(csvLine(columns, r));
  return `${lines.join('\n')}\n`;
}

/** Write a CSV file atomically (temp file, then rename). */
export function writeCsv(file: string, columns: readonly CsvColumn[], rows: Iterable<readonly CsvCell[]>): void {
  writeFileAtomic(file, csvString(columns, rows));
}

const CHUNK_CHARS = 1 << 20;

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let off = 0; off < bytes.length; ) off += fs.writeSync(fd, bytes, off);
}

/**
 * A table as CSV text in chunks of about a megabyte (the header line, then one line per row), for
 * streaming writers (src/io/tableWriter.ts): never the whole table in one string. `finalNewline:
 * false` ends the text without a line break after the last row. `onRow` is called every 65,536 rows
 * with the rows done so far (progress).
 */
export function* csvChunks(columns: readonly CsvColumn[], rows: Iterable<readonly CsvCell[]>, opts: { finalNewline?: boolean; onRow?: (done: number) => void } = {}): Generator<string> {
  const fields = new CsvFields(columns);
  function* pieces(): Generator<string> {
    let piece = '';
    let n = 0;
    for (const r of rows) {
      piece += `\n${fields.line(r)}`;
      if ((++n & 0xffff) === 0) opts.onRow?.(n);
      if (piece.length >= CHUNK_CHARS) {
        yield piece;
        piece = '';
      }
    }
    yield piece;
  }
  yield* csvTextChunks(columns, pieces(), opts);
}

/**
 * Stream a large table to a file (not atomic by itself: write it inside a temporary folder), in
 * chunks, without holding it whole. `finalNewline: false` ends the file without a line break after the
 * last row, as trips.csv and block_metrics.csv always have been.
 */
export function writeCsvRows(file: string, columns: readonly CsvColumn[], rows: Iterable<readonly CsvCell[]>, opts: { finalNewline?: boolean } = {}): void {
  const fd = fs.openSync(file, 'w');
  try {
    for (const chunk of csvChunks(columns, rows, opts)) writeAll(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
}
