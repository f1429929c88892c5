/**
 * Writes comparison.json, comparison.csv and comparison_coverage.csv (each state's coverage per block x
 * service x age band, in coverage.csv's columns after a `state` column: what the report's map reads).
 * All are built in memory first, then each is written
 * atomically (temp file, then rename), so a failure leaves no half-written file; other files in the
 * folder (e.g. a run's results when --out points there) are left alone.
 */
import path from 'node:path';
import { writeFileAtomic } from '../io/atomic.ts';
import { csvString } from '../io/csv.ts';
import type { Scenario } from '../scenario/types.ts';
import { COVERAGE_COLUMNS, coverageRows } from '../coverage/csv.ts';
import { COMPARISON_COLUMNS, comparisonRows } from './csv.ts';
import { comparisonJson } from './json.ts';
import type { Comparison } from './types.ts';

export const COMPARISON_FILES = ['comparison.json', 'comparison.csv', 'comparison_coverage.csv'];

/** The state column of comparison_coverage.csv: 'today' or the plan's label. */
export const STATE_COLUMN = 'state';

export async function writeComparison(outDir: string, sc: Scenario, cmp: Comparison, scenarioLocation: string): Promise<Record<string, unknown>> {
  const doc = comparisonJson(sc, cmp, outDir, scenarioLocation);
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  const csv = csvString(COMPARISON_COLUMNS, comparisonRows(sc, cmp));
  const cells = csvString([{ name: STATE_COLUMN, kind: 'text' }, ...COVERAGE_COLUMNS], cmp.plans.flatMap((p) => coverageRows(sc, p.table).map((r) => [p.label, ...r])));
  writeFileAtomic(path.join(outDir, 'comparison.json'), json);
  writeFileAtomic(path.join(outDir, 'comparison.csv'), csv);
  writeFileAtomic(path.join(outDir, 'comparison_coverage.csv'), cells);
  return doc;
}
