/**
 * Reading a long-form cost table (one row per client-site pair) into a CostMatrix, e.g. spopt's
 * San Francisco file: `--from DestinationName --to name --cost distance --weight demand`.
 * Weights come from a column of the cost file (the same for every row of a client) or from a
 * separate demand file (`demandFile`, `demandId`, `demandWeight`). Pairs absent from the table are
 * unreachable (Infinity). Bad input raises InputError naming the file, row and field.
 */
import { InputError } from '../../core/errors.ts';
import { csvNumber } from '../../io/csv.ts';
import { column, readTable, textCell, type Table } from './table.ts';
import type { CostMatrix } from '../model/costMatrix.ts';

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

function number(t: Table, line: number, col: string, raw: string, what: string): number {
  const v = csvNumber(raw, t.decimalComma);
  if (!Number.isFinite(v)) throw new InputError(t.file, `${what} is '${raw}', expected a number`, line, col);
  return v;
}

export async function readCostCsv(file: string, opts: CostCsvOptions): Promise<CostMatrix> {
  const t = await readTable(file);
  const cFrom = column(t, opts.from, 'client id');
  const cTo = column(t, opts.to, 'site id');
  const cCost = column(t, opts.cost, 'cost');
  const cWeight = opts.weight ? column(t, opts.weight, 'client weight') : -1;
  const clientIndex = new Map<string, number>();
  const siteIndex = new Map<string, number>();
  const clientIds: string[] = [];
  const siteIds: string[] = [];
  const weightOf: number[] = [];
  for (const r of t.rows) {
    const c = textCell(r, cFrom);
    const s = textCell(r, cTo);
    if (c === '') throw new InputError(t.file, 'client id is empty', r.line, opts.from);
    if (s === '') throw new InputError(t.file, 'site id is empty', r.line, opts.to);
    if (!clientIndex.has(c)) {
      clientIndex.set(c, clientIds.length);
      clientIds.push(c);
      weightOf.push(1);
    }
    if (!siteIndex.has(s)) {
      siteIndex.set(s, siteIds.length);
      siteIds.push(s);
    }
    if (cWeight >= 0) {
      const w = number(t, r.line, opts.weight!, r.cells[cWeight] ?? '', 'weight');
      if (w < 0) throw new InputError(t.file, `weight is ${w}, expected >= 0`, r.line, opts.weight);
      weightOf[clientIndex.get(c)!] = w;
    }
  }
  if (t.rows.length === 0) throw new InputError(t.file, 'has no data rows, expected one row per client-site pair');
  const n = clientIds.length;
  const m = siteIds.length;
  const cost = new Float64Array(n * m).fill(Infinity);
  for (const r of t.rows) {
    const v = number(t, r.line, opts.cost, r.cells[cCost] ?? '', 'cost');
    if (v < 0) throw new InputError(t.file, `cost is ${v}, expected >= 0`, r.line, opts.cost);
    cost[clientIndex.get(textCell(r, cFrom))! * m + siteIndex.get(textCell(r, cTo))!] = v;
  }
  const weight = Float64Array.from(weightOf);
  if (opts.demandFile) {
    const d = await readTable(opts.demandFile);
    const idName = opts.demandId ?? opts.from;
    const wName = opts.demandWeight ?? 'weight';
    const cId = column(d, idName, 'client id');
    const cW = column(d, wName, 'client weight');
    const seen = new Uint8Array(n);
    for (const r of d.rows) {
      const i = clientIndex.get(textCell(r, cId));
      if (i === undefined) continue;
      const w = number(d, r.line, wName, r.cells[cW] ?? '', 'weight');
      if (w < 0) throw new InputError(d.file, `weight is ${w}, expected >= 0`, r.line, wName);
      weight[i] = w;
      seen[i] = 1;
    }
    const missing = clientIds.filter((_, i) => !seen[i]);
    if (missing.length) throw new InputError(d.file, `has no weight for ${missing.length} client(s) of ${file}, e.g. '${missing[0]}'`, undefined, idName);
  }
  return { nClients: n, nSites: m, cost, weight, clientIds, siteIds };
}
