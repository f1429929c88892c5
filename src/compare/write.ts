/**
 * Writes comparison.json, the comparison table and the comparison_coverage table (each state's coverage
 * per block x service x age band, in coverage.csv's columns after a `state` column: what the report's
 * map reads): the first as .csv.gz by default, the big second as .parquet (src/io/tableWriter.ts
 * tableFormat), or both as --format asks. The tables are streamed (src/io/tableWriter.ts) into
 * temporary files, and every file is renamed into place only once all are written, so a failure leaves
 * no half-written file; other files in the folder (e.g. a run's results when --out points there) are
 * left alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { withOutputDir, writeFileAtomic } from '../io/atomic.ts';
import { wantsOutput, writeTable, type OutputOptions } from '../io/tableWriter.ts';
import type { Scenario } from '../scenario/types.ts';
import { COVERAGE_COLUMNS, coverageParquet, coverageRowCount, coverageText } from '../coverage/csv.ts';
import { concatParquet } from '../io/parquet.ts';
import type { CsvFields } from '../io/csv.ts';
import { COMPARISON_COLUMNS, comparisonRows } from './csv.ts';
import { comparisonJson } from './json.ts';
import type { Comparison } from './types.ts';

/** The state column of comparison_coverage: 'today' or the plan's label. */
export const STATE_COLUMN = 'state';

function* stateText(sc: Scenario, cmp: Comparison, f: CsvFields, tick: (done: number) => void): Generator<Uint8Array> {
  const n = coverageRowCount(sc);
  for (let k = 0; k < cmp.plans.length; k++) yield* coverageText(sc, cmp.plans[k].table, f, cmp.plans[k].label, (done) => tick(k * n + done));
}

/**
 * Write the comparison into `outDir`; `layers` may add files (difference.geojson) to the temporary
 * folder. Returns comparison.json's content and the files written.
 */
export async function writeComparison(outDir: string, sc: Scenario, cmp: Comparison, scenarioLocation: string, out: OutputOptions = {}, layers?: (tmp: string) => Promise<string[]>): Promise<{ doc: Record<string, unknown>; files: string[] }> {
  const doc = comparisonJson(sc, cmp, outDir, scenarioLocation);
  // the tables go into a temporary folder (removed on failure or interrupt), then each into place
  const tables = path.join(outDir, '.comparison-tables');
  const files: string[] = [];
  try {
    await withOutputDir(tables, async (tmp) => {
      if (wantsOutput(out, 'comparison')) files.push(await writeTable(tmp, { base: 'comparison', columns: COMPARISON_COLUMNS, rows: comparisonRows(sc, cmp) }, out));
      if (wantsOutput(out, 'comparison_coverage')) files.push(await writeTable(tmp, { base: 'comparison_coverage', columns: [{ name: STATE_COLUMN, kind: 'text' }, ...COVERAGE_COLUMNS], text: (f, tick) => stateText(sc, cmp, f, tick), parquet: () => concatParquet(cmp.plans.map((p) => coverageParquet(sc, p.table, null, p.label))), count: coverageRowCount(sc) * cmp.plans.length, big: true }, out));
      if (layers) files.push(...(await layers(tmp)));
    });
    writeFileAtomic(path.join(outDir, 'comparison.json'), `${JSON.stringify(doc, null, 2)}\n`);
    for (const f of files) fs.renameSync(path.join(tables, f), path.join(outDir, f));
  } finally {
    fs.rmSync(tables, { recursive: true, force: true });
  }
  return { doc, files: ['comparison.json', ...files] };
}
