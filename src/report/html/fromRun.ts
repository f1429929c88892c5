/**
 * Report data of a `quarterhour run` results folder, from what the run wrote: summary.json (its
 * warnings too) and coverage.csv.gz or coverage.csv (today); with plan.json, also the state with the plan,
 * from the same table's nearest_min_plan and covered_plan columns (which a run writes whenever it writes
 * plan.json; a folder written before that has them in coverage_after.csv.gz or .csv, read then), and the
 * plan's explanation block.
 * The coverage shown is not computed again; the travel matrix is, with the run's own code, for the
 * what-if panel (whatif.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../../core/errors.ts';
import type { Lang } from '../../i18n/lang.ts';
import { fillString, reportStrings } from '../../i18n/report.ts';
import { readJsonFile } from '../../io/json.ts';
import { findOutputFile } from '../../io/outputs.ts';
import { readPlan } from '../../plan/io.ts';
import type { Plan } from '../../plan/types.ts';
import { computeDistanceMatrix } from '../../travel/travelMatrix.ts';
import { reportBase } from './base.ts';
import { readCoverageCsv, readRunCoverageCsv } from './coverageCsv.ts';
import type { ReportData, ReportState } from './data.ts';
import { readJsonObject, scenarioOf } from './source.ts';
import { reportState } from './state.ts';
import { whatIfData } from './whatif.ts';
import { stepLog } from './steps.ts';

/** Number of Int32 values in a base64 column. */
const base64Count = (b64: string) => Math.floor((b64.length * 3) / 4 / 4);

export const TODAY_LABEL = 'today';
export const AFTER_LABEL = 'with plan';

/** summary.json's `warnings`: every line that is text, in order. */
export function summaryWarnings(summary: Record<string, unknown>): string[] {
  return Array.isArray(summary.warnings) ? summary.warnings.filter((w): w is string => typeof w === 'string' && w.trim() !== '') : [];
}

/** plan.json's `explanation` block when it is an object, else null (older or hand-written plans). */
function planExplanation(file: string): unknown {
  const doc = readJsonFile(file) as Record<string, unknown> | null;
  const ex = doc && typeof doc === 'object' ? doc.explanation : undefined;
  return ex && typeof ex === 'object' && !Array.isArray(ex) ? ex : null;
}

export async function reportFromRun(dir: string, lang: Lang = 'en', log?: (message: string) => void): Promise<ReportData> {
  const step = stepLog(log);
  const summaryFile = path.join(dir, 'summary.json');
  const summary = readJsonObject(summaryFile);
  const { scenario: sc } = await scenarioOf(summaryFile, summary);
  if (typeof summary.seed === 'number') sc.seed = summary.seed;
  step(`loaded the scenario: ${sc.blocks.count} blocks, ${sc.facilities.count} facilities, ${sc.candidates.count} idle spaces`);
  const planFile = path.join(dir, 'plan.json');
  const hasPlan = fs.existsSync(planFile);
  const coverageFile = findOutputFile(dir, 'coverage');
  const coverage = await readRunCoverageCsv(coverageFile, sc, { plan: hasPlan });
  const states: ReportState[] = [reportState(sc, TODAY_LABEL, coverage.today, null)];
  let plan: Plan | null = null;
  if (hasPlan) {
    plan = readPlan(planFile, sc);
    let after = coverage.plan;
    if (after) step('read coverage.csv and plan.json');
    else {
      // a results folder written before the plan's columns joined coverage.csv: its coverage_after table
      step('read coverage.csv');
      const afterFile = findOutputFile(dir, 'coverage_after');
      if (!fs.existsSync(afterFile)) throw new InputError(coverageFile, "has no columns 'nearest_min_plan' and 'covered_plan' (nor is coverage_after.csv.gz beside it): a run writes them beside plan.json (rerun 'quarterhour run', or remove plan.json to report today only)");
      after = await readCoverageCsv(afterFile, sc);
      step('read plan.json and coverage_after.csv');
    }
    states.push(reportState(sc, AFTER_LABEL, after, plan, planExplanation(planFile)));
  } else step('read coverage.csv');
  const t = reportStrings(lang);
  const title = fillString(states.length > 1 ? t.titleRun : t.titleToday, { scenario: sc.name });
  const matrix = await computeDistanceMatrix(sc);
  step(`computed the travel matrix for the what-if panel (${matrix.index.length} block-site pairs)`);
  const whatIf = whatIfData(sc, matrix, plan, lang);
  step(`what-if data: ${whatIf.compact ? `${whatIf.compact.pairsWithinReach} block x idle-space pairs within reach, ${base64Count(whatIf.reach.blocks)} that bring a service nearer within its threshold` : `${base64Count(whatIf.reach.blocks)} block x idle-space pairs within reach`}`);
  const base = reportBase(sc, 'run', title, lang);
  step('map data');
  return { ...base, states, changes: [], differences: [], warnings: summaryWarnings(summary), whatIf };
}
