/**
 * A CSV table for the locate readers: src/io/csv.ts with blank header cells allowed (R and pandas
 * write one for the row index, as in spopt's San Francisco files); such a column cannot be named.
 */
import { InputError } from '../../core/errors.ts';
import { readCsv, restoreText } from '../../io/csv.ts';

export interface Table {
  file: string;
  header: string[];
  /** Data rows as arrays parallel to `header`; `line` is the spreadsheet row (the header is row 1). */
  rows: { line: number; cells: string[] }[];
  /** A ';'-separated file (European Excel) may write decimal commas: csvNumber reads them. */
  decimalComma?: boolean;
}

export async function readTable(file: string): Promise<Table> {
  const t = await readCsv(file, { allowBlankHeader: true });
  return { file, header: t.header, rows: t.rows.map((r) => ({ line: r.line, cells: r.cells })), decimalComma: t.delimiter === ';' };
}

/** A text cell (an id) as read: without the CSV writer's spreadsheet-safety apostrophe (src/io/csv.ts). */
export function textCell(r: { cells: string[] }, col: number): string {
  return restoreText(r.cells[col] ?? '');
}

/** Index of a named column, or an InputError listing the columns there are. */
export function column(t: Table, name: string, what: string): number {
  const i = t.header.indexOf(name);
  if (i < 0 || name === '') throw new InputError(t.file, `has no column '${name}' (${what}); its columns are ${t.header.filter((h) => h !== '').join(', ')}`, undefined, name);
  return i;
}
