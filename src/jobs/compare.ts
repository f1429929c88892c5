/** The compare job: load the scenario and the plan files, compare them on one travel matrix, write the results. */
import path from 'node:path';
import { comparePlans } from '../compare/compare.ts';
import { planLabels } from '../compare/labels.ts';
import { comparisonText } from '../compare/text.ts';
import { COMPARISON_FILES, writeComparison } from '../compare/write.ts';
import { readPlan } from '../plan/io.ts';
import { loadScenario } from '../scenario/load.ts';
import { withJob } from './context.ts';

export interface CompareOptions {
  /** Output folder (default results/<scenario name>-compare). */
  out?: string;
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
  const labels = planLabels(planFiles);
  const plans = planFiles.map((file, k) => ({ label: labels[k], file, plan: readPlan(file, sc) }));
  return withJob(sc, {}, async (ctx) => {
    const cmp = comparePlans(sc, (await ctx.travelMatrix()).matrix, plans);
    const outDir = path.resolve(opts.out ?? path.join('results', `${sc.name}-compare`));
    const doc = await writeComparison(outDir, sc, cmp, scenarioLocation);
    return { outDir, files: COMPARISON_FILES, doc, text: comparisonText(sc, cmp) };
  });
}
