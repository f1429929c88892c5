/**
 * Reading coverage tables back from what the jobs wrote: a run's coverage.csv (or coverage_after.csv),
 * and a comparison's comparison_coverage.csv (the same columns after a `state` column, one table per
 * state). Each table is laid out like the scenario's (block x service x age band).
 */
import { ageBandIndex, N_AGE_BANDS } from '../../core/ageBands.ts';
import type { CoverageTable } from '../../coverage/residential.ts';
import { InputError } from '../../core/errors.ts';
import { readCsv, restoreText, type CsvRow, type CsvTable } from '../../io/csv.ts';
import { Problems } from '../../scenario/rows.ts';
import type { Scenario } from '../../scenario/types.ts';

const COLUMNS = ['block', 'service', 'age_band', 'nearest_min', 'covered'];

/** The text columns read here; their cells lose the writer's spreadsheet-safety apostrophe (src/io/csv.ts). */
const TEXT_COLUMNS = ['state', 'block', 'tag', 'service', 'age_band'];

function requireColumns(csv: CsvTable, columns: string[]): void {
  for (const col of columns) if (!csv.header.includes(col)) throw new InputError(csv.file, `missing column '${col}'`, 1);
}

async function readCoverageTable(file: string): Promise<CsvTable> {
  const csv = await readCsv(file);
  for (const r of csv.rows) for (const col of TEXT_COLUMNS) if (col in r.values) r.values[col] = restoreText(r.values[col]);
  return csv;
}

/** One table from the rows of one state; every cell of the scenario must be there once. */
function tableFromRows(file: string, sc: Scenario, rows: CsvRow[], what: string): CoverageTable {
  const S = sc.services.length;
  const n = sc.blocks.count * S * N_AGE_BANDS;
  const blockIndex = new Map(sc.blocks.ids.map((id, i) => [id, i]));
  const minutes = new Float64Array(n).fill(Infinity);
  const residents = new Float64Array(n);
  const covered = new Uint8Array(n);
  const seen = new Uint8Array(n);
  const problems = new Problems();
  for (const { line, values: v } of rows) {
    const i = blockIndex.get(v.block);
    const s = sc.serviceIndex.get(v.service);
    const b = ageBandIndex(v.age_band);
    if (i === undefined) problems.add(file, `unknown block '${v.block}': not in the scenario (was it changed after the ${what}?)`, line, 'block');
    else if (s === undefined) problems.add(file, `unknown service '${v.service}'`, line, 'service');
    else if (b < 0) problems.add(file, `unknown age band '${v.age_band}'`, line, 'age_band');
    else {
      const k = (i * S + s) * N_AGE_BANDS + b;
      const m = v.nearest_min === '' ? Infinity : Number(v.nearest_min);
      if (Number.isNaN(m)) problems.add(file, `'${v.nearest_min}' is not a number of minutes`, line, 'nearest_min');
      if (v.covered !== '0' && v.covered !== '1') problems.add(file, `'${v.covered}' is not 0 or 1`, line, 'covered');
      minutes[k] = m;
      covered[k] = v.covered === '1' ? 1 : 0;
      residents[k] = sc.blocks.population[i] * sc.blocks.ageShares[i * N_AGE_BANDS + b];
      seen[k] = 1;
    }
    if (problems.list.length >= 25) break;
  }
  problems.throwIfAny();
  const missing = seen.reduce((a, x) => a + (x ? 0 : 1), 0);
  if (missing > 0) throw new InputError(file, `${missing} of ${n} block x service x age band rows${what === 'run' ? '' : ` of state '${rows[0]?.values.state ?? ''}'`} are missing (was the scenario changed after the ${what}?)`);
  return { minutes, residents, covered };
}

/** A run's coverage.csv or coverage_after.csv. */
export async function readCoverageCsv(file: string, sc: Scenario): Promise<CoverageTable> {
  const csv = await readCoverageTable(file);
  requireColumns(csv, COLUMNS);
  return tableFromRows(file, sc, csv.rows, 'run');
}

/** A comparison's comparison_coverage.csv: one table per state, in the order of `states`. */
export async function readStateCoverageCsv(file: string, sc: Scenario, states: string[]): Promise<CoverageTable[]> {
  const csv = await readCoverageTable(file);
  requireColumns(csv, ['state', ...COLUMNS]);
  const byState = new Map<string, CsvRow[]>(states.map((s) => [s, []]));
  for (const row of csv.rows) {
    const list = byState.get(row.values.state);
    if (!list) throw new InputError(file, `unknown state '${row.values.state}', expected one of ${states.map((s) => `'${s}'`).join(', ')} (as in comparison.json)`, row.line, 'state');
    list.push(row);
  }
  return states.map((s) => {
    const rows = byState.get(s)!;
    if (rows.length === 0) throw new InputError(file, `no rows for state '${s}'`, undefined, 'state');
    return tableFromRows(file, sc, rows, 'comparison');
  });
}
