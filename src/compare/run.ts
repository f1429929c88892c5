/** The compare job: load the scenario and the plan files, compare, write the results. */
import path from 'node:path';
import { readPlan } from '../plan/io.ts';
import { loadScenario } from '../scenario/load.ts';
import { computeDistanceMatrix } from '../travel/travelMatrix.ts';
import { comparePlans } from './compare.ts';
import { planLabels } from './labels.ts';
import { comparisonText } from './text.ts';
import { COMPARISON_FILES, writeComparison } from './write.ts';

export interface CompareOptions {
  out?: string;
}

export interface CompareResult {
  outDir: string;
  files: string[];
  doc: Record<string, unknown>;
  text: string;
}

export async function runCompare(scenarioLocation: string, planFiles: string[], opts: CompareOptions = {}): Promise<CompareResult> {
  const sc = await loadScenario(scenarioLocation);
  const labels = planLabels(planFiles);
  const plans = planFiles.map((file, k) => ({ label: labels[k], file, plan: readPlan(file, sc) }));
  const matrix = await computeDistanceMatrix(sc);
  const cmp = comparePlans(sc, matrix, plans);
  const outDir = path.resolve(opts.out ?? path.join('results', `${sc.name}-compare`));
  const doc = await writeComparison(outDir, sc, cmp, scenarioLocation);
  return { outDir, files: COMPARISON_FILES, doc, text: comparisonText(sc, cmp) };
}
