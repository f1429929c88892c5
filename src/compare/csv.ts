/** comparison.csv: tidy rows, one per plan x service x age band ('all' = every age band together). */
import { AGE_BANDS } from '../core/ageBands.ts';
import { serviceName } from '../i18n/terms.ts';
import { csvColumns } from '../io/csv.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Comparison } from './types.ts';

/** covered_share is 0-1 (share of the residents of that service and age band); residents_covered is fractional residents. */
export const COMPARISON_HEADER = ['plan', 'service', 'service_name_zh', 'age_band', 'covered_share', 'residents_covered'];
/** comparison.csv's column kinds (src/io/csv.ts): plan labels, ids and names are text. */
export const COMPARISON_COLUMNS = csvColumns(COMPARISON_HEADER, ['plan', 'service', 'service_name_zh', 'age_band']);

export function comparisonRows(sc: Scenario, cmp: Comparison): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const p of cmp.plans) {
    for (const svc of sc.services) {
      for (const band of [...AGE_BANDS, 'all']) {
        rows.push([p.label, svc.id, serviceName('zh', svc.id, svc.name), band, p.coverage.byService[svc.id][band], p.residentsCovered[svc.id][band]]);
      }
    }
  }
  return rows;
}
