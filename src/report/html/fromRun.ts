/**
 * Report data of a `quarterhour run` results folder, from what the run wrote: summary.json and
 * coverage.csv (today); with plan.json, also the state with the plan, from coverage_after.csv (which
 * a run writes beside every plan.json). Nothing is computed again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../../core/errors.ts';
import { readPlan } from '../../plan/io.ts';
import { reportBase } from './base.ts';
import { readCoverageCsv } from './coverageCsv.ts';
import type { ReportData, ReportState } from './data.ts';
import { readJsonObject, scenarioOf } from './source.ts';
import { reportState } from './state.ts';

export const TODAY_LABEL = 'today';
export const AFTER_LABEL = 'with plan';

export async function reportFromRun(dir: string): Promise<ReportData> {
  const summaryFile = path.join(dir, 'summary.json');
  const summary = readJsonObject(summaryFile);
  const { scenario: sc } = await scenarioOf(summaryFile, summary);
  if (typeof summary.seed === 'number') sc.seed = summary.seed;
  const states: ReportState[] = [reportState(sc, TODAY_LABEL, await readCoverageCsv(path.join(dir, 'coverage.csv'), sc), null)];
  const planFile = path.join(dir, 'plan.json');
  if (fs.existsSync(planFile)) {
    const plan = readPlan(planFile, sc);
    const afterFile = path.join(dir, 'coverage_after.csv');
    if (!fs.existsSync(afterFile)) throw new InputError(afterFile, "file not found: a run writes it beside plan.json (rerun 'quarterhour run', or remove plan.json to report today only)");
    states.push(reportState(sc, AFTER_LABEL, await readCoverageCsv(afterFile, sc), plan));
  }
  const title = `quarterhour — ${sc.name}: access to everyday services${states.length > 1 ? ', today and with the plan' : ' today'}`;
  return { ...reportBase(sc, 'run', title), states, changes: [], differences: [] };
}
