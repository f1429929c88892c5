/**
 * Raw table rows from either source (CSV lines or JSON array items) and typed field readers that
 * collect every problem, each naming the file, the row and the field, and what was expected.
 */
import { InputError, InputErrors } from '../core/errors.ts';
import { csvNumber, restoreText, type CsvTable } from '../io/csv.ts';

export interface RawRow {
  /** CSV spreadsheet line number, or a JSON path such as `blocks[3]`. */
  row: number | string;
  values: Record<string, unknown>;
}

export interface RawTable {
  file: string;
  rows: RawRow[];
  /** Column names present (CSV header, or the union of JSON keys). */
  columns: string[];
  /** From a CSV file: text fields may carry the CSV writer's spreadsheet-safety apostrophe (src/io/csv.ts). */
  csv?: boolean;
  /** From a ';'-separated CSV file (European Excel): number fields may use a decimal comma (csvNumber). */
  decimalComma?: boolean;
}

export function tableFromCsv(t: CsvTable): RawTable {
  return { file: t.file, columns: t.header, rows: t.rows.map((r) => ({ row: r.line, values: r.values })), csv: true, decimalComma: t.delimiter === ';' };
}

export function tableFromJson(file: string, key: string, items: unknown): RawTable {
  if (!Array.isArray(items)) throw new InputError(file, `expected '${key}' to be an array of objects`, undefined, key);
  const columns = new Set<string>();
  const rows: RawRow[] = items.map((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new InputError(file, 'expected an object', `${key}[${i}]`);
    }
    for (const k of Object.keys(item)) columns.add(k);
    return { row: `${key}[${i}]`, values: item as Record<string, unknown> };
  });
  return { file, rows, columns: [...columns] };
}

/** Collects input problems; `throwIfAny` raises them together (at most `limit` listed). */
export class Problems {
  readonly list: InputError[] = [];
  add(file: string, message: string, row?: number | string, field?: string): void {
    this.list.push(new InputError(file, message, row, field));
  }
  throwIfAny(limit = 25): void {
    if (this.list.length === 0) return;
    if (this.list.length === 1) throw this.list[0];
    const shown = this.list.slice(0, limit);
    if (this.list.length > limit) shown.push(new InputError(this.list[0].file, `... and ${this.list.length - limit} more problems`));
    throw new InputErrors(shown);
  }
}

/** Reads typed fields of one table, reporting into Problems. */
export class FieldReader {
  constructor(
    readonly table: RawTable,
    readonly problems: Problems,
  ) {}

  /** Report missing required columns (JSON tables may omit optional keys per row instead) and, unless allowed, an empty table. */
  requireColumns(cols: string[], opts: { allowEmpty?: boolean } = {}): boolean {
    const missing = cols.filter((c) => !this.table.columns.includes(c));
    if (missing.length > 0) {
      this.problems.add(this.table.file, `missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')}; expected columns: ${cols.join(', ')}`, 1);
      return false;
    }
    if (this.table.rows.length === 0 && !opts.allowEmpty) {
      this.problems.add(this.table.file, 'the table is empty, expected at least one data row');
      return false;
    }
    return true;
  }

  private raw(r: RawRow, field: string): unknown {
    const v = r.values[field];
    return typeof v === 'string' ? v.trim() : v;
  }

  has(r: RawRow, field: string): boolean {
    const v = this.raw(r, field);
    return v !== undefined && v !== null && v !== '';
  }

  /** A text field; from a CSV file, the writer's spreadsheet-safety apostrophe is removed (restoreText). */
  str(r: RawRow, field: string, opts: { optional?: boolean } = {}): string {
    const v = this.raw(r, field);
    if (v === undefined || v === null || v === '') {
      if (!opts.optional) this.problems.add(this.table.file, 'is empty, expected a value', r.row, field);
      return '';
    }
    return this.table.csv && typeof v === 'string' ? restoreText(v) : String(v);
  }

  /** A finite number within [min, max]; `fallback` when absent and optional. */
  num(r: RawRow, field: string, opts: { min?: number; max?: number; integer?: boolean; optional?: boolean; fallback?: number; exclusiveMin?: boolean } = {}): number {
    const v = this.raw(r, field);
    if (v === undefined || v === null || v === '') {
      if (!opts.optional) this.problems.add(this.table.file, 'is empty, expected a number', r.row, field);
      return opts.fallback ?? NaN;
    }
    const n = typeof v === 'number' ? v : typeof v === 'string' ? csvNumber(v, this.table.decimalComma) : Number(v);
    const expect = () => {
      const parts: string[] = [opts.integer ? 'an integer' : 'a number'];
      if (opts.min !== undefined) parts.push(`${opts.exclusiveMin ? '>' : '>='} ${opts.min}`);
      if (opts.max !== undefined) parts.push(`<= ${opts.max}`);
      return parts.join(' ');
    };
    if (typeof v === 'boolean' || !Number.isFinite(n)) {
      this.problems.add(this.table.file, `is '${String(v)}', expected ${expect()}`, r.row, field);
      return NaN;
    }
    const tooLow = opts.min !== undefined && (opts.exclusiveMin ? n <= opts.min : n < opts.min);
    if ((opts.integer && !Number.isInteger(n)) || tooLow || (opts.max !== undefined && n > opts.max)) {
      this.problems.add(this.table.file, `is ${n}, expected ${expect()}`, r.row, field);
      return NaN;
    }
    return n;
  }

  /** A list of ids: a JSON array, or a string separated by ';' (or '|'). */
  list(r: RawRow, field: string, opts: { optional?: boolean } = {}): string[] {
    const v = r.values[field];
    if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter((x) => x !== '');
    const s = this.str(r, field, opts);
    return s === '' ? [] : s.split(/[;|]/).map((x) => x.trim()).filter((x) => x !== '');
  }

  /** Reports an id seen before in this table. */
  uniqueId(r: RawRow, field: string, seen: Map<string, number | string>): string {
    const id = this.str(r, field);
    if (id === '') return id;
    const first = seen.get(id);
    if (first !== undefined) {
      this.problems.add(this.table.file, `duplicate id '${id}' (first used at ${typeof first === 'number' ? `row ${first}` : first})`, r.row, field);
    } else seen.set(id, r.row);
    return id;
  }
}
