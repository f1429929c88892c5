/**
 * Report data of a `quarterhour run` results folder: summary.json and coverage.csv (today); with
 * plan.json, also the state with the plan, from coverage_after.csv (or computed when that is absent).
 */
import fs from 'node:fs';
import path from 'node:path';
import { staticCoverage } from '../../pipeline/staticCoverage.ts';
import { readPlan } from '../../plan/io.ts';
import { computeDistanceMatrix } from '../../travel/travelMatrix.ts';
import { readCoverageCsv } from './coverageCsv.ts';
import type { ReportData, ReportState } from './data.ts';
import { reportBase } from './base.ts';
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
    const after = fs.existsSync(afterFile) ? await readCoverageCsv(afterFile, sc) : staticCoverage(sc, await computeDistanceMatrix(sc), plan).table;
    states.push(reportState(sc, AFTER_LABEL, after, plan));
  }
  const title = `quarterhour — ${sc.name}: access to everyday services${states.length > 1 ? ', today and with the plan' : ' today'}`;
  return { ...reportBase(sc, 'run', title), states, changes: [], differences: [] };
}
