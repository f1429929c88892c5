/**
 * A scenario's CSV table as raw rows: the plain comma-separated form (what the generator, the importer
 * and most users write) through the scanner of src/io/csvScan.ts, a few times faster than the general
 * reader; anything else (another separator, a `sep=` line, a quoted cell spanning lines, a broken
 * quote, a row longer than the header, a bad header) through src/io/csv.ts's parseCsvText, whose rows,
 * errors and notices are the reference. Both give the same rows for a plain file: cells trimmed (as
 * String.prototype.trim does), blank rows skipped, short rows padded with '', rows numbered by their
 * line (header = 1).
 */
import { parseCsvText } from '../io/csv.ts';
import { CsvScanner } from '../io/csvScan.ts';
import { readTextFile } from '../io/readText.ts';
import { tableFromCsv, type RawRow, type RawTable } from './rows.ts';

/** Read a CSV table of a scenario (see the file comment). */
export async function readCsvTable(file: string): Promise<RawTable> {
  const text = readTextFile(file);
  return scanPlain(text, file) ?? tableFromCsv(await parseCsvText(text, file));
}

/** The table when `text` is in the plain form, else null. */
export function scanPlain(text: string, file: string): RawTable | null {
  if (quotedLineBreak(text)) return null;
  let header: string[] = [];
  const rows: RawRow[] = [];
  let plain = true;
  const scanner = new CsvScanner({
    header(h) {
      for (const c of h) if (c !== c.trim()) plain = false;
      header = h.slice();
    },
    row(line, cells) {
      const values: Record<string, string> = {};
      for (let k = 0; k < header.length; k++) {
        const c = cells[k];
        // the scanner trims ASCII blanks; the general reader trims as String.prototype.trim does
        const t = c.length > 0 && (c.charCodeAt(0) > 127 || c.charCodeAt(c.length - 1) > 127) ? c.trim() : c;
        if (t !== c && (t === '' || t === "'")) plain = false;
        values[header[k]] = t;
      }
      rows.push({ row: line, values });
    },
  });
  if (!scanner.feed(text, true) || !plain || scanner.header === null) return null;
  return { file, columns: header, rows, csv: true, decimalComma: false };
}

/** Whether a quoted cell holds a line break (the general reader then numbers rows by record, not by line). */
function quotedLineBreak(text: string): boolean {
  let quoted = false;
  for (let i = text.indexOf('"'); i >= 0 && i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) quoted = !quoted;
    else if (quoted && (ch === 10 || ch === 13)) return true;
    else if (!quoted) {
      const next = text.indexOf('"', i);
      if (next < 0) return false;
      i = next - 1;
    }
  }
  return false;
}
