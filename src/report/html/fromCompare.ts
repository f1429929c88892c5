/**
 * Report data of a `quarterhour compare` results folder, from what compare wrote: comparison.json (the
 * scenario, each state's plan, the access gained and lost, where the plans differ) and
 * comparison_coverage.csv.gz or .csv (each state's coverage per block x service x age band). Nothing is computed
 * again: no travel matrix and no comparison.
 */
import path from 'node:path';
import type { Lang } from '../../i18n/lang.ts';
import { fillString, reportStrings } from '../../i18n/report.ts';
import { findOutputFile } from '../../io/outputs.ts';
import { reportBase } from './base.ts';
import { readComparison } from './comparison.ts';
import { readStateCoverageCsv } from './coverageCsv.ts';
import type { ReportData } from './data.ts';
import { readJsonObject, scenarioOf } from './source.ts';
import { reportState } from './state.ts';
import { stepLog } from './steps.ts';

export async function reportFromCompare(dir: string, lang: Lang = 'en', log?: (message: string) => void): Promise<ReportData> {
  const step = stepLog(log);
  const file = path.join(dir, 'comparison.json');
  const doc = readJsonObject(file);
  const { scenario: sc } = await scenarioOf(file, doc);
  if (typeof doc.seed === 'number') sc.seed = doc.seed;
  const cmp = readComparison(file, doc, sc);
  step(`loaded the scenario and comparison.json: ${sc.blocks.count} blocks`);
  const tables = await readStateCoverageCsv(findOutputFile(dir, 'comparison_coverage'), sc, cmp.states.map((s) => s.label));
  step('read comparison_coverage.csv');
  const states = cmp.states.map((s, k) => reportState(sc, s.label, tables[k], s.plan));
  const title = fillString(reportStrings(lang).titleCompare, { scenario: sc.name, plans: cmp.states.slice(1).map((s) => s.label).join(', ') });
  return { ...reportBase(sc, 'compare', title, lang), states, changes: cmp.changes, differences: cmp.differences, warnings: [], whatIf: null };
}
