/**
 * coverage.csv(.gz) rows: one per block x service x age band, with residents, minutes to the nearest
 * site and the covered flag today; when the run has a plan, the same two facts with the plan beside
 * them (nearest_min_plan, covered_plan: one table for both states, whose keys and residents are the
 * same).
 *
 * The table holds only what varies by block, service and age band. A block's tag is in
 * block_metrics.csv and blocks.geojson, a service's threshold in the scenario's services.csv and
 * summary.json: repeated on each of a city's 1.6 million rows they made the table a quarter longer
 * and cost a tenth of its compressed size (bench/outputs.ts).
 */
import { AGE_BANDS, N_AGE_BANDS } from '../core/ageBands.ts';
import type { CoverageTable } from './residential.ts';
import { csvColumns, type CsvCell, type CsvFields } from '../io/csv.ts';
import { CsvBytes } from '../io/csvBytes.ts';
import { rounded, roundedValue } from '../io/numbers.ts';
import type { ParquetCodes, ParquetColumn, ParquetSource } from '../io/parquet.ts';
import type { Scenario, ServiceDef } from '../scenario/types.ts';

/**
 * What a coverage table's rows are keyed by: the blocks' ids and the services' (a Scenario has them;
 * a worker writing the table is sent only these).
 */
export interface CoverageKeys {
  blocks: Pick<Scenario['blocks'], 'count' | 'ids'>;
  services: readonly Pick<ServiceDef, 'id'>[];
}

/** A scenario's coverage keys alone, e.g. to send to a worker without the rest (polygons, networks). */
export function coverageKeys(sc: Scenario): CoverageKeys {
  return { blocks: { count: sc.blocks.count, ids: sc.blocks.ids }, services: sc.services.map((svc) => ({ id: svc.id })) };
}

/** Today's columns: the whole table of a run without a plan. */
export const COVERAGE_HEADER = ['block', 'service', 'age_band', 'residents', 'nearest_min', 'covered'];

/** The columns with the plan, after today's when the run has a plan (blocks.geojson and runs.csv also call that state `plan`). */
export const COVERAGE_PLAN_HEADER = ['nearest_min_plan', 'covered_plan'];

const TEXT_COLUMNS = ['block', 'service', 'age_band'];

/** The column kinds of coverage.csv (src/io/csv.ts), also after comparison_coverage.csv's `state` column: ids are text, the rest numbers. */
export const COVERAGE_COLUMNS = csvColumns(COVERAGE_HEADER, TEXT_COLUMNS);

/** The columns of coverage.csv for a run with a plan: today's, then nearest_min_plan and covered_plan. */
export const COVERAGE_PLAN_COLUMNS = csvColumns([...COVERAGE_HEADER, ...COVERAGE_PLAN_HEADER], TEXT_COLUMNS);

/** coverage.csv's columns: with the plan's when there is one. */
export function coverageColumns(withPlan: boolean): typeof COVERAGE_COLUMNS {
  return withPlan ? COVERAGE_PLAN_COLUMNS : COVERAGE_COLUMNS;
}

/** The byte of a covered flag (0 or 1): '0' or '1'. */
const DIGIT_0 = 0x30;

const minutesCell = (m: number): CsvCell => (Number.isFinite(m) ? rounded(m, 2) : '');

/**
 * The rows of a coverage table, one by one (a 20,000-block scenario has 1.5 million: never an array of
 * them); with `plan` (the same scenario's coverage with the plan), its minutes and flag after today's.
 * Residents and minutes are rounded to 2 decimals (src/io/numbers.ts: String(+x.toFixed(2)), fast).
 */
export function* coverageRows(sc: CoverageKeys, t: CoverageTable, plan: CoverageTable | null = null): Generator<CsvCell[]> {
  const S = sc.services.length;
  for (let i = 0; i < sc.blocks.count; i++) {
    for (let s = 0; s < S; s++) {
      for (let b = 0; b < N_AGE_BANDS; b++) {
        const k = (i * S + s) * N_AGE_BANDS + b;
        const row: CsvCell[] = [sc.blocks.ids[i], sc.services[s].id, AGE_BANDS[b], rounded(t.residents[k], 2), minutesCell(t.minutes[k]), t.covered[k]];
        if (plan) row.push(minutesCell(plan.minutes[k]), plan.covered[k]);
        yield row;
      }
    }
  }
}

/**
 * The text of a coverage table after its header (coverageRows' rows as CSV lines), as UTF-8 bytes in
 * pieces of about a megabyte (src/io/csvBytes.ts; src/io/csv.ts csvTextChunks adds the header): each
 * field comes from the CSV writer's fields (CsvFields, the spreadsheet-safety rule), the text of each
 * block, service and age band encoded once, and the numbers are written as digits straight into the
 * piece, so that a 20,000-block table of 1.6 million rows costs no string per row. The bytes are
 * exactly what the one CSV writer writes for coverageRows' rows (test/io/outputs.test.ts). With
 * `state`, the lines of comparison_coverage (that state's label first). `tick(rows done)` is called
 * once per piece. With `plan`, each line ends with the plan's minutes and flag (coverageColumns(true)).
 */
export function* coverageText(sc: CoverageKeys, t: CoverageTable, f: CsvFields, state?: string, tick?: (done: number) => void, plan: CoverageTable | null = null): Generator<Uint8Array> {
  const w = new CsvBytes(f);
  const S = sc.services.length;
  // after comparison_coverage's state column, the coverage columns are one further on
  const o = state === undefined ? 0 : 1;
  const prefix = state === undefined ? '' : w.join(w.field(0, state), ',');
  const services = sc.services.map((svc) => w.join(w.field(o + 1, svc.id), ','));
  const bands = AGE_BANDS.map((b) => w.join(w.field(o + 2, b), ','));
  const { minutes, residents, covered } = t;
  // where in the current piece each age band's residents were last written (copied for the next services)
  const resStart = new Int32Array(N_AGE_BANDS);
  const resEnd = new Int32Array(N_AGE_BANDS);
  for (let i = 0; i < sc.blocks.count; i++) {
    const block = w.join('\n', prefix, w.field(o, sc.blocks.ids[i]), ',');
    for (let s = 0; s < S; s++) {
      const service = services[s];
      for (let b = 0; b < N_AGE_BANDS; b++) {
        const k = (i * S + s) * N_AGE_BANDS + b;
        w.bytes(block);
        w.bytes(service);
        w.bytes(bands[b]);
        // a block's residents per age band repeat for every service: written once, then copied
        const r = residents[k];
        if (s > 0 && r === residents[k - N_AGE_BANDS]) w.repeat(resStart[b], resEnd[b]);
        else {
          resStart[b] = w.length;
          w.rounded(r, 2);
          resEnd[b] = w.length;
        }
        w.comma();
        const m = minutes[k];
        const m0 = w.length;
        if (Number.isFinite(m)) w.rounded(m, 2);
        const m1 = w.length;
        w.comma();
        w.byte(DIGIT_0 + covered[k]);
        if (plan) {
          w.comma();
          // with the plan most minutes are today's: copied, not formatted again
          const p = plan.minutes[k];
          if (p === m) w.repeat(m0, m1);
          else if (Number.isFinite(p)) w.rounded(p, 2);
          w.comma();
          w.byte(DIGIT_0 + plan.covered[k]);
        }
      }
    }
    if (w.full) {
      yield w.take();
      tick?.((i + 1) * S * N_AGE_BANDS);
    }
  }
  yield w.take();
}

/**
 * A coverage table as typed columns (src/io/parquet.ts): coverageRows' values (residents and minutes
 * rounded to 2 decimals, null where the CSV cell is empty: no site within reach); with `state`, the
 * rows of comparison_coverage for that state (its label first); with `plan`, the plan's columns after
 * today's.
 */
export function coverageParquet(sc: CoverageKeys, t: CoverageTable, plan: CoverageTable | null = null, state?: string): ParquetSource {
  const S = sc.services.length;
  const columns: ParquetColumn[] = [
    ...(state === undefined ? [] : [{ name: 'state', type: 'text' as const, dictionary: true }]),
    { name: 'block', type: 'text', dictionary: true },
    { name: 'service', type: 'text', dictionary: true },
    { name: 'age_band', type: 'text', dictionary: true },
    { name: 'residents', type: 'double' },
    { name: 'nearest_min', type: 'double', nullable: true },
    { name: 'covered', type: 'int' },
    ...(plan ? [{ name: COVERAGE_PLAN_HEADER[0], type: 'double' as const, nullable: true }, { name: COVERAGE_PLAN_HEADER[1], type: 'int' as const }] : []),
  ];
  const minutes = (m: Float64Array | Float32Array, start: number, end: number) => {
    const out = new Float64Array(end - start);
    for (let k = 0, i = start; i < end; k++, i++) out[k] = Number.isFinite(m[i]) ? roundedValue(m[i], 2) : NaN; // NaN: a null
    return out;
  };
  const serviceIds = sc.services.map((s) => s.id);
  const states = state === undefined ? [] : [state];
  return {
    columns,
    count: coverageRowCount(sc),
    slice(start, end) {
      const n = end - start;
      const block = new Int32Array(n);
      const service = new Int32Array(n);
      const band = new Int32Array(n);
      const residents = new Float64Array(n);
      for (let k = 0, i = start; i < end; k++, i++) {
        const b = i % N_AGE_BANDS;
        const bs = (i - b) / N_AGE_BANDS;
        const s = bs % S;
        block[k] = (bs - s) / S;
        service[k] = s;
        band[k] = b;
        residents[k] = roundedValue(t.residents[i], 2);
      }
      const cols: (ArrayLike<unknown> | ParquetCodes)[] = [{ codes: block, keys: sc.blocks.ids }, { codes: service, keys: serviceIds }, { codes: band, keys: AGE_BANDS }, residents, minutes(t.minutes, start, end), Int32Array.from(t.covered.subarray(start, end))];
      if (plan) cols.push(minutes(plan.minutes, start, end), Int32Array.from(plan.covered.subarray(start, end)));
      if (state !== undefined) cols.unshift({ codes: new Int32Array(n), keys: states });
      return cols;
    },
  };
}

/** Each service's threshold in minutes, by id: what the coverage rule compares nearest_min with (summary.json and comparison.json hold it, coverage.csv's rows do not). */
export function thresholdsMin(sc: Scenario): Record<string, number> {
  return Object.fromEntries(sc.services.map((svc) => [svc.id, svc.thresholdMin]));
}

/** Rows in a coverage table: block x service x age band. */
export function coverageRowCount(sc: CoverageKeys): number {
  return sc.blocks.count * sc.services.length * N_AGE_BANDS;
}
