/** coverage.csv(.gz) rows: one per block x service x age band, with residents, minutes to the nearest site and the covered flag. */
import { AGE_BANDS, N_AGE_BANDS } from '../core/ageBands.ts';
import type { CoverageTable } from './residential.ts';
import { csvColumns, CSV_PIECE_CHARS, type CsvCell, type CsvFields } from '../io/csv.ts';
import { rounded } from '../io/numbers.ts';
import type { Scenario } from '../scenario/types.ts';

export const COVERAGE_HEADER = ['block', 'tag', 'service', 'age_band', 'residents', 'nearest_min', 'threshold_min', 'covered'];

/** The column kinds of coverage.csv (src/io/csv.ts), also after comparison_coverage.csv's `state` column: ids and the tag are text, the rest numbers. */
export const COVERAGE_COLUMNS = csvColumns(COVERAGE_HEADER, ['block', 'tag', 'service', 'age_band']);

/**
 * The rows of a coverage table, one by one (a 20,000-block scenario has 1.5 million: never an array of
 * them). Residents and minutes are rounded to 2 decimals (src/io/numbers.ts: String(+x.toFixed(2)), fast).
 */
export function* coverageRows(sc: Scenario, t: CoverageTable): Generator<CsvCell[]> {
  const S = sc.services.length;
  for (let i = 0; i < sc.blocks.count; i++) {
    for (let s = 0; s < S; s++) {
      for (let b = 0; b < N_AGE_BANDS; b++) {
        const k = (i * S + s) * N_AGE_BANDS + b;
        const m = t.minutes[k];
        yield [sc.blocks.ids[i], sc.blocks.tags[i], sc.services[s].id, AGE_BANDS[b], rounded(t.residents[k], 2), Number.isFinite(m) ? rounded(m, 2) : '', sc.services[s].thresholdMin, t.covered[k]];
      }
    }
  }
}

/**
 * The text of a coverage table after its header (coverageRows' rows as CSV lines, in pieces of about a
 * megabyte: src/io/csv.ts csvTextChunks), built from the CSV writer's fields (CsvFields): the text of
 * each block, service and age band is encoded once, so that a 20,000-block table of 1.6 million rows
 * costs a few string concatenations per row. With `state`, the lines of comparison_coverage (that
 * state's label first). `tick(rows done)` is called once per block.
 */
export function* coverageText(sc: Scenario, t: CoverageTable, f: CsvFields, state?: string, tick?: (done: number) => void): Generator<string> {
  const S = sc.services.length;
  // after comparison_coverage's state column, the coverage columns are one further on
  const o = state === undefined ? 0 : 1;
  const prefix = state === undefined ? '' : `${f.field(0, state)},`;
  const services = sc.services.map((svc) => `${f.field(o + 2, svc.id)},`);
  const thresholds = sc.services.map((svc) => `,${f.field(o + 6, svc.thresholdMin)},`);
  const bands = AGE_BANDS.map((b) => `${f.field(o + 3, b)},`);
  // a block's residents per age band repeat for every service: format each value once
  const lastResidents = new Float64Array(N_AGE_BANDS).fill(NaN);
  const residentsText: string[] = new Array(N_AGE_BANDS).fill('');
  let piece = '';
  for (let i = 0; i < sc.blocks.count; i++) {
    const block = `\n${prefix}${f.field(o, sc.blocks.ids[i])},${f.field(o + 1, sc.blocks.tags[i])},`;
    for (let s = 0; s < S; s++) {
      const head = block + services[s];
      for (let b = 0; b < N_AGE_BANDS; b++) {
        const k = (i * S + s) * N_AGE_BANDS + b;
        const m = t.minutes[k];
        const r = t.residents[k];
        if (r !== lastResidents[b]) {
          lastResidents[b] = r;
          residentsText[b] = `${rounded(r, 2)},`;
        }
        piece += head + bands[b] + residentsText[b] + (Number.isFinite(m) ? rounded(m, 2) : '') + thresholds[s] + t.covered[k];
      }
    }
    if (piece.length >= CSV_PIECE_CHARS) {
      yield piece;
      piece = '';
      tick?.((i + 1) * S * N_AGE_BANDS);
    }
  }
  yield piece;
}

/** Rows in a coverage table: block x service x age band. */
export function coverageRowCount(sc: Scenario): number {
  return sc.blocks.count * sc.services.length * N_AGE_BANDS;
}
