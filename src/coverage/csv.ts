/** coverage.csv rows: one per block x service x age band, with residents, minutes to the nearest site and the covered flag. */
import { AGE_BANDS, N_AGE_BANDS } from '../core/ageBands.ts';
import type { CoverageTable } from './residential.ts';
import { csvColumns } from '../io/csv.ts';
import type { Scenario } from '../scenario/types.ts';

export const COVERAGE_HEADER = ['block', 'tag', 'service', 'age_band', 'residents', 'nearest_min', 'threshold_min', 'covered'];

/** The column kinds of coverage.csv (src/io/csv.ts), also after comparison_coverage.csv's `state` column: ids and the tag are text, the rest numbers. */
export const COVERAGE_COLUMNS = csvColumns(COVERAGE_HEADER, ['block', 'tag', 'service', 'age_band']);

export function coverageRows(sc: Scenario, t: CoverageTable): (string | number)[][] {
  const rows: (string | number)[][] = [];
  const S = sc.services.length;
  for (let i = 0; i < sc.blocks.count; i++) {
    for (let s = 0; s < S; s++) {
      for (let b = 0; b < N_AGE_BANDS; b++) {
        const k = (i * S + s) * N_AGE_BANDS + b;
        const m = t.minutes[k];
        rows.push([sc.blocks.ids[i], sc.blocks.tags[i], sc.services[s].id, AGE_BANDS[b], +t.residents[k].toFixed(2), Number.isFinite(m) ? +m.toFixed(2) : '', sc.services[s].thresholdMin, t.covered[k]]);
      }
    }
  }
  return rows;
}
