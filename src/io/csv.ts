/** CSV reading and writing through fast-csv; rows carry their spreadsheet line number (header = 1). */
import fs from 'node:fs';
import { parseString, writeToString } from 'fast-csv';
import { InputError } from '../core/errors.ts';
import { writeFileAtomic } from './atomic.ts';

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
}

export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
}

/** Parse CSV text; `file` names it in errors. Blank lines are skipped but still counted. */
export function parseCsvText(text: string, file: string, opts: CsvOptions = {}): Promise<CsvTable> {
  return new Promise((resolve, reject) => {
    const records: string[][] = [];
    parseString(text.replace(/^\uFEFF/, ''), { headers: false, ignoreEmpty: false, trim: true })
      .on('error', (e: Error) => reject(new InputError(file, `not valid CSV: ${e.message}`)))
      .on('data', (r: string[]) => records.push(r))
      .on('end', () => {
        if (records.length === 0 || records[0].every((h) => h === '')) {
          reject(new InputError(file, 'the file is empty, expected a header row and at least one data row'));
          return;
        }
        const header = records[0];
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
            return reject(new InputError(file, `has ${r.length} values, the header has ${header.length} columns`, i + 1));
          }
          const values: Record<string, string> = {};
          const cells = header.map((h, k) => (values[h] = r[k] ?? ''));
          rows.push({ line: i + 1, values, cells });
        }
        resolve({ file, header, rows });
      });
  });
}

/** Read a CSV file; a missing file is an InputError naming it. */
export async function readCsv(file: string, opts: CsvOptions = {}): Promise<CsvTable> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new InputError(file, 'file not found or unreadable');
  }
  return parseCsvText(text, file, opts);
}

/** CSV text of a table (header + rows of primitive values). */
export async function csvString(header: string[], rows: (string | number)[][]): Promise<string> {
  const text = await writeToString([header, ...rows], { headers: false, includeEndRowDelimiter: true });
  return text;
}

/** Write a CSV file atomically. */
export async function writeCsv(file: string, header: string[], rows: (string | number)[][]): Promise<void> {
  writeFileAtomic(file, await csvString(header, rows));
}
