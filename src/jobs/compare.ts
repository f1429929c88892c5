/** The compare job: load the scenario and the plan files, compare them on one travel matrix, write the results. */
import path from 'node:path';
import { comparePlans } from '../compare/compare.ts';
import { planLabels } from '../compare/labels.ts';
import { comparisonText } from '../compare/text.ts';
import { writeComparison } from '../compare/write.ts';
import { differenceGeojson } from '../compare/differenceGeojson.ts';
import { geojsonChunks, wantsOutput, writeLayer, type TableFormat } from '../io/tableWriter.ts';
import { readPlan } from '../plan/io.ts';
import { loadScenario } from '../scenario/load.ts';
import type { Budget } from '../scenario/types.ts';
import type { Lang } from '../i18n/lang.ts';
import { withJob } from './context.ts';

export interface CompareOptions {
  /** Output folder (default results/<scenario name>-compare). */
  out?: string;
  /** The budget the plans are checked against, overriding the scenario's (--max-conversions, --max-cost). */
  budget?: Budget;
  /** Language of the printed text (files keep English ids); default en. */
  lang?: Lang;
  /** Format of the tables and difference.geojson: csv.gz (default) or csv. */
  format?: TableFormat;
  /** Which of comparison, comparison_coverage and difference to write (default: all). */
  outputs?: readonly string[] | null;
}

export interface CompareResult {
  outDir: string;
  files: string[];
  /** comparison.json as written. */
  doc: Record<string, unknown>;
  text: string;
}

export async function runCompare(scenarioLocation: string, planFiles: string[], opts: CompareOptions = {}): Promise<CompareResult> {
  const sc = await loadScenario(scenarioLocation);
  if (opts.budget) sc.budget = { ...sc.budget, ...opts.budget };
  const labels = planLabels(planFiles);
  const plans = planFiles.map((file, k) => ({ label: labels[k], file, plan: readPlan(file, sc) }));
  return withJob(sc, {}, async (ctx) => {
    const cmp = comparePlans(sc, (await ctx.travelMatrix()).matrix, plans);
    const outDir = path.resolve(opts.out ?? path.join('results', `${sc.name}-compare`));
    const out = { format: opts.format, outputs: opts.outputs };
    const difference = async (tmp: string) => {
      if (!wantsOutput(out, 'difference')) return [];
      const { features, ...head } = differenceGeojson(sc, cmp);
      return [await writeLayer(tmp, 'difference', () => geojsonChunks(head, features as unknown[]), out)];
    };
    const { doc, files } = await writeComparison(outDir, sc, cmp, scenarioLocation, out, difference);
    return { outDir, files, doc, text: comparisonText(sc, cmp, opts.lang ?? 'en') };
  });
}
