/**
 * Reading a long-form cost table (one row per client-site pair) into a CostMatrix, e.g. spopt's
 * San Francisco file: `--from DestinationName --to name --cost distance --weight demand`.
 * Weights come from a column of the cost file (the same for every row of a client) or from a
 * separate demand file (`demandFile`, `demandId`, `demandWeight`). Pairs absent from the table are
 * unreachable (Infinity). Bad input raises InputError naming the file, row and field.
 *
 * The pairs are kept sparse (costMatrix.ts: CSR by client, typed arrays), never as a dense
 * clients × sites matrix. A plain file (UTF-8, comma-separated, no quotes, not gzipped: what scripts
 * and GIS tools write) is parsed straight from its bytes, row by row, without a text copy or row
 * objects, so a million clients cost tens of bytes each; any other file (quotes, ';' or tabs,
 * GB18030, gzip) goes through the project's CSV reader (src/io/csv.ts) and gives the same matrix.
 */
import fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { InputError } from '../../core/errors.ts';
import { csvNumber, restoreText } from '../../io/csv.ts';
import { readEncoding } from '../../io/readText.ts';
import { isGzip } from '../../io/gzip.ts';
import { column, readTable, textCell, type Table } from './table.ts';
import { sparseCostMatrix, type CostMatrix } from '../model/costMatrix.ts';

export interface CostCsvOptions {
  from: string;
  to: string;
  cost: string;
  /** Column of the cost file holding the client's weight. */
  weight?: string;
  demandFile?: string;
  demandId?: string;
  demandWeight?: string;
}

function number(t: { file: string; decimalComma?: boolean }, line: number, col: string, raw: string, what: string): number {
  const v = csvNumber(raw, t.decimalComma);
  if (!Number.isFinite(v)) throw new InputError(t.file, `${what} is '${raw}', expected a number`, line, col);
  return v;
}

/** Pairs as they are read: growable typed columns, clients and sites numbered in order of appearance. */
class PairSink {
  readonly clientIndex = new Map<string, number>();
  readonly siteIndex = new Map<string, number>();
  readonly clientIds: string[] = [];
  readonly siteIds: string[] = [];
  weight = new Float64Array(1024);
  client = new Int32Array(1 << 16);
  site = new Int32Array(1 << 16);
  cost = new Float64Array(1 << 16);
  size = 0;

  constructor(
    readonly file: string,
    readonly opts: CostCsvOptions,
  ) {}

  add(line: number, c: string, s: string, cost: number, w: number | undefined): void {
    const { file, opts } = this;
    if (c === '') throw new InputError(file, 'client id is empty', line, opts.from);
    if (s === '') throw new InputError(file, 'site id is empty', line, opts.to);
    let ci = this.clientIndex.get(c);
    if (ci === undefined) {
      ci = this.clientIds.length;
      this.clientIndex.set(c, ci);
      this.clientIds.push(c);
      if (ci >= this.weight.length) {
        const grown = new Float64Array(this.weight.length * 2);
        grown.set(this.weight);
        this.weight = grown;
      }
      this.weight[ci] = 1;
    }
    let si = this.siteIndex.get(s);
    if (si === undefined) {
      si = this.siteIds.length;
      this.siteIndex.set(s, si);
      this.siteIds.push(s);
    }
    if (w !== undefined) {
      if (w < 0) throw new InputError(file, `weight is ${w}, expected >= 0`, line, opts.weight);
      this.weight[ci] = w;
    }
    if (cost < 0) throw new InputError(file, `cost is ${cost}, expected >= 0`, line, opts.cost);
    if (this.size === this.client.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.client = grow(this.client);
      this.site = grow(this.site);
      this.cost = grow(this.cost);
    }
    this.client[this.size] = ci;
    this.site[this.size] = si;
    this.cost[this.size] = cost;
    this.size++;
  }

  /** The CSR by client, sites ascending; a pair listed twice keeps its last cost (as a dense fill would). */
  matrix(): CostMatrix {
    const n = this.clientIds.length;
    const m = this.siteIds.length;
    const start = new Int32Array(n + 1);
    for (let e = 0; e < this.size; e++) start[this.client[e] + 1]++;
    for (let i = 0; i < n; i++) start[i + 1] += start[i];
    const fill = start.slice(0, n);
    const order = new Int32Array(this.size);
    for (let e = 0; e < this.size; e++) order[fill[this.client[e]]++] = e;
    const site = new Int32Array(this.size);
    const cost = new Float64Array(this.size);
    const out = new Int32Array(n + 1);
    let at = 0;
    const row: number[] = [];
    for (let i = 0; i < n; i++) {
      row.length = 0;
      for (let f = start[i]; f < start[i + 1]; f++) row.push(order[f]);
      // by site, then by file order (the last listing of a pair wins)
      row.sort((a, b) => this.site[a] - this.site[b] || a - b);
      for (let r = 0; r < row.length; r++) {
        const e = row[r];
        if (r + 1 < row.length && this.site[row[r + 1]] === this.site[e]) continue;
        site[at] = this.site[e];
        cost[at] = this.cost[e];
        at++;
      }
      out[i + 1] = at;
    }
    return sparseCostMatrix(n, m, { start: out, site: site.slice(0, at), cost: cost.slice(0, at) }, this.weight.slice(0, n), this.clientIds, this.siteIds);
  }
}

/** A plain file: UTF-8 (BOM allowed), not gzipped, comma-separated header, no double quote anywhere; else null. */
function plainBytes(file: string): Buffer | null {
  if (readEncoding() === 'gb18030') return null;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return null; // the CSV reader names the missing file
  }
  if (isGzip(bytes) || bytes.indexOf(0x22) >= 0 || !isUtf8(bytes)) return null;
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const nl = body.indexOf(0x0a);
  const header = body.toString('utf8', 0, nl < 0 ? body.length : nl);
  if (/^sep=/.test(header) || header.includes(';') || header.includes('\t') || !header.includes(',')) return null;
  return body;
}

/** A non-negative decimal numeral read from bytes (digits, one '.'), else NaN (the caller then reads the cell as text). */
function plainNumber(b: Buffer, from: number, to: number): number {
  let v = 0;
  let scale = 0;
  let digits = 0;
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      if (scale > 0) scale *= 10;
      digits++;
    } else if (c === 46 && scale === 0) scale = 1;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  return scale > 1 ? v / scale : v;
}

/** Parse a plain file's rows into the sink: cells are trimmed of spaces, blank lines skipped, ids restored as text. */
function parsePlain(file: string, body: Buffer, opts: CostCsvOptions, sink: PairSink): void {
  let pos = 0;
  let line = 0;
  const cellStart: number[] = [];
  const cellEnd: number[] = [];
  const split = (from: number, to: number): void => {
    cellStart.length = 0;
    cellEnd.length = 0;
    let a = from;
    for (let i = from; i <= to; i++) {
      if (i === to || body[i] === 0x2c) {
        let s = a;
        let e = i;
        while (s < e && (body[s] === 0x20 || body[s] === 0x09)) s++;
        while (e > s && (body[e - 1] === 0x20 || body[e - 1] === 0x09)) e--;
        cellStart.push(s);
        cellEnd.push(e);
        a = i + 1;
      }
    }
  };
  const nextLine = (): [number, number] | null => {
    if (pos >= body.length) return null;
    const nl = body.indexOf(0x0a, pos);
    const end = nl < 0 ? body.length : nl;
    const from = pos;
    pos = end + 1;
    line++;
    return [from, end > from && body[end - 1] === 0x0d ? end - 1 : end];
  };
  let header: string[] | null = null;
  for (let l = nextLine(); l; l = nextLine()) {
    split(l[0], l[1]);
    if (cellStart.length === 1 && cellStart[0] === cellEnd[0]) continue;
    header = cellStart.map((s, i) => restoreText(body.toString('utf8', s, cellEnd[i])));
    break;
  }
  if (!header) throw new InputError(file, 'the file is empty, expected a header row and at least one data row');
  const t: Table = { file, header, rows: [] };
  const cFrom = column(t, opts.from, 'client id');
  const cTo = column(t, opts.to, 'site id');
  const cCost = column(t, opts.cost, 'cost');
  const cWeight = opts.weight ? column(t, opts.weight, 'client weight') : -1;
  const text = (i: number): string => (i < cellStart.length ? restoreText(body.toString('utf8', cellStart[i], cellEnd[i])) : '');
  const raw = (i: number): string => (i < cellStart.length ? body.toString('utf8', cellStart[i], cellEnd[i]) : '');
  const num = (i: number, col: string, what: string): number => {
    const v = i < cellStart.length ? plainNumber(body, cellStart[i], cellEnd[i]) : NaN;
    return Number.isNaN(v) ? number(t, line, col, raw(i), what) : v;
  };
  for (let l = nextLine(); l; l = nextLine()) {
    split(l[0], l[1]);
    if (cellStart.every((s, i) => s === cellEnd[i])) continue;
    if (cellStart.length > header.length) throw new InputError(file, `has ${cellStart.length} values, the header has ${header.length} columns`, line);
    const c = text(cFrom);
    const s = text(cTo);
    if (c === '') throw new InputError(file, 'client id is empty', line, opts.from);
    if (s === '') throw new InputError(file, 'site id is empty', line, opts.to);
    const w = cWeight >= 0 ? num(cWeight, opts.weight!, 'weight') : undefined;
    sink.add(line, c, s, num(cCost, opts.cost, 'cost'), w);
  }
}

/** The rows of any other file, through the project's CSV reader. */
async function parseTable(file: string, opts: CostCsvOptions, sink: PairSink): Promise<void> {
  const t = await readTable(file);
  const cFrom = column(t, opts.from, 'client id');
  const cTo = column(t, opts.to, 'site id');
  const cCost = column(t, opts.cost, 'cost');
  const cWeight = opts.weight ? column(t, opts.weight, 'client weight') : -1;
  for (const r of t.rows) {
    const c = textCell(r, cFrom);
    const s = textCell(r, cTo);
    if (c === '') throw new InputError(t.file, 'client id is empty', r.line, opts.from);
    if (s === '') throw new InputError(t.file, 'site id is empty', r.line, opts.to);
    const w = cWeight >= 0 ? number(t, r.line, opts.weight!, r.cells[cWeight] ?? '', 'weight') : undefined;
    sink.add(r.line, c, s, number(t, r.line, opts.cost, r.cells[cCost] ?? '', 'cost'), w);
  }
}

export async function readCostCsv(file: string, opts: CostCsvOptions): Promise<CostMatrix> {
  const sink = new PairSink(file, opts);
  const plain = plainBytes(file);
  if (plain) parsePlain(file, plain, opts, sink);
  else await parseTable(file, opts, sink);
  if (sink.size === 0) throw new InputError(file, 'has no data rows, expected one row per client-site pair');
  const cm = sink.matrix();
  if (opts.demandFile) {
    const d = await readTable(opts.demandFile);
    const idName = opts.demandId ?? opts.from;
    const wName = opts.demandWeight ?? 'weight';
    const cId = column(d, idName, 'client id');
    const cW = column(d, wName, 'client weight');
    const n = cm.nClients;
    const seen = new Uint8Array(n);
    for (const r of d.rows) {
      const i = sink.clientIndex.get(textCell(r, cId));
      if (i === undefined) continue;
      const w = number(d, r.line, wName, r.cells[cW] ?? '', 'weight');
      if (w < 0) throw new InputError(d.file, `weight is ${w}, expected >= 0`, r.line, wName);
      cm.weight[i] = w;
      seen[i] = 1;
    }
    const missing = sink.clientIds.filter((_, i) => !seen[i]);
    if (missing.length) throw new InputError(d.file, `has no weight for ${missing.length} client(s) of ${file}, e.g. '${missing[0]}'`, undefined, idName);
  }
  return cm;
}
