/**
 * Reading coverage tables back from what the jobs wrote: a run's coverage.csv (today's columns, and
 * after a plan also nearest_min_plan and covered_plan: both states in one table; a run written before
 * that has the plan's state in coverage_after.csv, in today's columns), and a comparison's
 * comparison_coverage.csv (the same columns after a `state` column, one table per state). Each table is
 * laid out like the scenario's (block x service x age band).
 *
 * Every form a job writes is read: gzip-compressed CSV (coverage.csv.gz, the default), plain CSV or Parquet. A big
 * scenario's tables have millions of rows: the plain comma-separated form our CSV writer emits is
 * streamed through a small scanner (src/io/csvScan.ts: no row objects, never the whole text), anything
 * else is read by src/io/csv.ts.
 */
import { ageBandIndex, N_AGE_BANDS } from '../../core/ageBands.ts';
import type { CoverageTable } from '../../coverage/residential.ts';
import { InputError } from '../../core/errors.ts';
import { neutraliseText, readCsv, restoreText } from '../../io/csv.ts';
import { readParquetGroups } from '../../io/parquet.ts';
import { scanCsvFile } from '../../io/csvScan.ts';
import { Problems } from '../../scenario/rows.ts';
import type { Scenario } from '../../scenario/types.ts';
import { COVERAGE_PLAN_HEADER } from '../../coverage/csv.ts';

const COLUMNS = ['block', 'service', 'age_band', 'nearest_min', 'covered'];

/** The columns of one state's minutes and flag: today's (nearest_min, covered) or the plan's (coverage.csv's nearest_min_plan, covered_plan). */
type StateColumns = readonly [nearest: string, covered: string];
const TODAY_COLUMNS: StateColumns = ['nearest_min', 'covered'];
const PLAN_COLUMNS: StateColumns = [COVERAGE_PLAN_HEADER[0], COVERAGE_PLAN_HEADER[1]];

/**
 * Give every data row of a coverage CSV to the sink `start(column positions)` makes: scanned when the
 * file is plain, else (or when the scanner stops on something it does not take) read again from the
 * start by readCsv, with a fresh sink, so that its errors are the shared reader's.
 */
async function eachRow(file: string, columns: string[], start: (at: Record<string, number>, header: string[]) => (line: number, cells: string[]) => void): Promise<void> {
  if (file.endsWith('.parquet')) return eachParquetRow(file, columns, start);
  let sink: ((line: number, cells: string[]) => void) | null = null;
  const header = await scanCsvFile(file, { header: (h) => (sink = start(requireColumns(file, h, columns), h)), row: (line, cells) => sink!(line, cells) });
  if (header) return;
  const csv = await readCsv(file);
  const again = start(requireColumns(file, csv.header, columns), csv.header);
  for (const r of csv.rows) again(r.line, r.cells);
}

/**
 * eachRow for a Parquet table (src/io/parquet.ts): each row's cells as the CSV has them (numbers as
 * text, '' where null, text as the CSV writer makes it spreadsheet-safe), numbered as data rows from 1.
 * Only the columns a coverage reader takes are read (the others are ''), a row group at a time.
 */
async function eachParquetRow(file: string, columns: string[], start: (at: Record<string, number>, header: string[]) => (line: number, cells: string[]) => void): Promise<void> {
  let sink: ((line: number, cells: string[]) => void) | null = null;
  let read: number[] = [];
  let cells: string[] = [];
  const choose = (header: string[]): string[] => {
    sink = start(requireColumns(file, header, columns), header);
    const names = header.filter((h) => columns.includes(h) || PLAN_COLUMNS.includes(h));
    read = names.map((n) => header.indexOf(n));
    cells = new Array<string>(header.length).fill('');
    return names;
  };
  try {
    await readParquetGroups(file, choose, (cols, rowStart, count) => {
      for (let i = 0; i < count; i++) {
        for (let j = 0; j < cols.length; j++) {
          const v = cols[j][i];
          cells[read[j]] = v === null || v === undefined ? '' : typeof v === 'string' ? neutraliseText(v) : String(v);
        }
        sink!(rowStart + i + 1, cells);
      }
    });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(file, `not a readable Parquet table (${(e as Error).message})`);
  }
}

function requireColumns(file: string, header: string[], columns: string[]): Record<string, number> {
  const at: Record<string, number> = {};
  for (const col of columns) {
    at[col] = header.indexOf(col);
    if (at[col] < 0) throw new InputError(file, `missing column '${col}'`, 1);
  }
  return at;
}

/**
 * Tables filled row by row, one per state whose minutes and flag a row holds (`states`: their
 * columns; the keys and residents are shared); every cell of the scenario must be there once (`finish`).
 */
function tableBuilder(file: string, sc: Scenario, at: Record<string, number>, what: string, state = '', states: readonly StateColumns[] = [TODAY_COLUMNS]) {
  const S = sc.services.length;
  const n = sc.blocks.count * S * N_AGE_BANDS;
  const blockIndex = new Map(sc.blocks.ids.map((id, i) => [id, i]));
  const cols = states.map(([nearest, covered]) => ({ nearest, covered, atNearest: at[nearest], atCovered: at[covered], minutes: new Float64Array(n).fill(Infinity), covered01: new Uint8Array(n) }));
  const residents = new Float64Array(n);
  const seen = new Uint8Array(n);
  const problems = new Problems();
  // consecutive rows mostly repeat the block and service: look each up once per run of equal text
  let lastBlock = '';
  let lastI: number | undefined;
  let lastService = '';
  let lastS: number | undefined;
  return {
    add(line: number, cells: string[]): void {
      if (problems.list.length >= 25) return;
      const blockCell = cells[at.block];
      if (blockCell !== lastBlock || lastI === undefined) {
        lastBlock = blockCell;
        lastI = blockIndex.get(restoreText(blockCell));
      }
      const serviceCell = cells[at.service];
      if (serviceCell !== lastService || lastS === undefined) {
        lastService = serviceCell;
        lastS = sc.serviceIndex.get(restoreText(serviceCell));
      }
      const i = lastI;
      const s = lastS;
      const band = restoreText(cells[at.age_band]);
      const b = ageBandIndex(band);
      if (i === undefined) problems.add(file, `unknown block '${restoreText(blockCell)}': not in the scenario (was it changed after the ${what}?)`, line, 'block');
      else if (s === undefined) problems.add(file, `unknown service '${restoreText(serviceCell)}'`, line, 'service');
      else if (b < 0) problems.add(file, `unknown age band '${band}'`, line, 'age_band');
      else {
        const k = (i * S + s) * N_AGE_BANDS + b;
        for (const c of cols) {
          const nearest = cells[c.atNearest];
          const cov = cells[c.atCovered];
          const m = nearest === '' ? Infinity : Number(nearest);
          if (Number.isNaN(m)) problems.add(file, `'${nearest}' is not a number of minutes`, line, c.nearest);
          if (cov !== '0' && cov !== '1') problems.add(file, `'${cov}' is not 0 or 1`, line, c.covered);
          c.minutes[k] = m;
          c.covered01[k] = cov === '1' ? 1 : 0;
        }
        residents[k] = sc.blocks.population[i] * sc.blocks.ageShares[i * N_AGE_BANDS + b];
        seen[k] = 1;
      }
    },
    /** The tables, one per state, in the order of `states`. */
    finish(rowsSeen: number): CoverageTable[] {
      problems.throwIfAny();
      if (what !== 'run' && rowsSeen === 0) throw new InputError(file, `no rows for state '${state}'`, undefined, 'state');
      const missing = seen.reduce((a, x) => a + (x ? 0 : 1), 0);
      if (missing > 0) throw new InputError(file, `${missing} of ${n} block x service x age band rows${what === 'run' ? '' : ` of state '${state}'`} are missing (was the scenario changed after the ${what}?)`);
      return cols.map((c, k) => ({ minutes: c.minutes, residents: k === 0 ? residents : residents.slice(), covered: c.covered01 }));
    },
  };
}

/** What a run's coverage.csv holds: today's coverage and, when it has the plan's columns, the coverage with the plan. */
export interface RunCoverage {
  today: CoverageTable;
  /** null when the file has no nearest_min_plan/covered_plan columns (a run without a plan, or one written before the plan's state moved beside today's). */
  plan: CoverageTable | null;
}

/**
 * A run's coverage table (coverage.csv.gz or coverage.csv): today's state and, with `plan` (default
 * true) and the plan's columns in the file, the state with the plan. Without `plan` those columns are
 * not read.
 */
export async function readRunCoverageCsv(file: string, sc: Scenario, opts: { plan?: boolean } = {}): Promise<RunCoverage> {
  let table: ReturnType<typeof tableBuilder> | null = null;
  let withPlan = false;
  let rows = 0;
  await eachRow(file, COLUMNS, (at, header) => {
    withPlan = opts.plan !== false && PLAN_COLUMNS.some((c) => header.includes(c));
    const states: StateColumns[] = withPlan ? [TODAY_COLUMNS, PLAN_COLUMNS] : [TODAY_COLUMNS];
    const t = (table = tableBuilder(file, sc, withPlan ? { ...at, ...requireColumns(file, header, [...PLAN_COLUMNS]) } : at, 'run', '', states));
    rows = 0;
    return (line, cells) => {
      rows++;
      t.add(line, cells);
    };
  });
  const [today, plan] = table!.finish(rows);
  return { today, plan: withPlan ? plan : null };
}

/** One state's coverage in today's columns: a run's coverage.csv read for today only, or an older run's coverage_after.csv. */
export async function readCoverageCsv(file: string, sc: Scenario): Promise<CoverageTable> {
  return (await readRunCoverageCsv(file, sc, { plan: false })).today;
}

/** A comparison's comparison_coverage table (.csv.gz or .csv): one table per state, in the order of `states`. */
export async function readStateCoverageCsv(file: string, sc: Scenario, states: string[]): Promise<CoverageTable[]> {
  let tables: ReturnType<typeof tableBuilder>[] = [];
  let rows: number[] = [];
  await eachRow(file, ['state', ...COLUMNS], (at) => {
    const byState = new Map(states.map((st, k) => [st, k]));
    const ts = (tables = states.map((st) => tableBuilder(file, sc, at, 'comparison', st)));
    const counts = (rows = states.map(() => 0));
    return (line, cells) => {
      const state = restoreText(cells[at.state]);
      const k = byState.get(state);
      if (k === undefined) throw new InputError(file, `unknown state '${state}', expected one of ${states.map((x) => `'${x}'`).join(', ')} (as in comparison.json)`, line, 'state');
      counts[k]++;
      ts[k].add(line, cells);
    };
  });
  return tables.map((t, k) => t.finish(rows[k])[0]);
}
