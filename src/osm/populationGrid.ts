/**
 * Blocks from a population grid CSV (columns id, lon, lat, population; others are ignored), such as
 * the H3 hexagon grid of Porto Alegre. Rows with blank values are reported by row and skipped; cells
 * with no residents are left out; any other bad value is an InputError naming the row and field.
 */
import { readCsv } from '../io/csv.ts';
import { FieldReader, Problems, tableFromCsv } from '../scenario/rows.ts';
import type { Blocks } from '../scenario/types.ts';
import { makeBlocks } from './blocks.ts';

export const GRID_COLUMNS = ['id', 'lon', 'lat', 'population'];

export interface GridReport {
  rows: number;
  /** Rows skipped for blank values: spreadsheet row number and the blank columns. */
  blankRows: { row: number; columns: string[] }[];
  emptyCells: number;
  residents: number;
}

export async function blocksFromPopulationGrid(file: string, ageShares: readonly number[]): Promise<{ blocks: Blocks; report: GridReport }> {
  const table = tableFromCsv(await readCsv(file));
  const problems = new Problems();
  const f = new FieldReader(table, problems);
  f.requireColumns(GRID_COLUMNS);
  problems.throwIfAny();
  const report: GridReport = { rows: table.rows.length, blankRows: [], emptyCells: 0, residents: 0 };
  const ids: string[] = [];
  const lon: number[] = [];
  const lat: number[] = [];
  const pop: number[] = [];
  const seen = new Map<string, number | string>();
  for (const r of table.rows) {
    const blank = table.columns.filter((c) => !f.has(r, c));
    if (blank.length > 0) {
      report.blankRows.push({ row: r.row as number, columns: blank });
      continue;
    }
    const id = f.uniqueId(r, 'id', seen);
    const x = f.num(r, 'lon', { min: -180, max: 180 });
    const y = f.num(r, 'lat', { min: -90, max: 90 });
    const p = f.num(r, 'population', { min: 0 });
    if (!(p >= 0) || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    const residents = Math.round(p);
    if (residents === 0) {
      report.emptyCells++;
      continue;
    }
    ids.push(id);
    lon.push(x);
    lat.push(y);
    pop.push(residents);
    report.residents += residents;
  }
  problems.throwIfAny();
  return { blocks: makeBlocks(ids, ids.map(() => ''), ids.map(() => 'grid cell'), lon, lat, pop, ageShares), report };
}

/** "5 rows with blank values skipped: row 71 (jobs, healthcare), ..." or '' when none. */
export function blankRowsWarning(file: string, report: GridReport): string {
  if (report.blankRows.length === 0) return '';
  const list = report.blankRows.map((b) => `row ${b.row} (${b.columns.join(', ')})`).join(', ');
  return `${file}: ${report.blankRows.length} row${report.blankRows.length > 1 ? 's' : ''} with blank values skipped: ${list}`;
}
