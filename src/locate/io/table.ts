/**
 * A CSV table read with fast-csv for the locate readers. Unlike a scenario table, a blank header
 * cell is allowed (R and pandas write one for the row index, as in spopt's San Francisco files):
 * such a column simply cannot be named on the command line.
 */
import fs from 'node:fs';
import { parseString } from 'fast-csv';
import { InputError } from '../../core/errors.ts';

export interface Table {
  file: string;
  header: string[];
  /** Data rows as arrays parallel to `header`; `line` is the 1-based data row number (header excluded). */
  rows: { line: number; cells: string[] }[];
}

export async function readTable(file: string): Promise<Table> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new InputError(file, 'file not found or unreadable');
  }
  const records = await new Promise<string[][]>((resolve, reject) => {
    const out: string[][] = [];
    parseString(text.replace(/^\uFEFF/, ''), { headers: false, ignoreEmpty: true, trim: true })
      .on('error', (e: Error) => reject(new InputError(file, `not valid CSV: ${e.message}`)))
      .on('data', (r: string[]) => out.push(r))
      .on('end', () => resolve(out));
  });
  if (records.length === 0) throw new InputError(file, 'the file is empty, expected a header row and data rows');
  const header = records[0];
  return { file, header, rows: records.slice(1).map((cells, i) => ({ line: i + 1, cells })) };
}

/** Index of a named column, or an InputError listing the columns there are. */
export function column(t: Table, name: string, what: string): number {
  const i = t.header.indexOf(name);
  if (i < 0 || name === '') throw new InputError(t.file, `has no column '${name}' (${what}); its columns are ${t.header.filter((h) => h !== '').join(', ')}`, undefined, name);
  return i;
}
