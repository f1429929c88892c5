/**
 * Report data of a `quarterhour compare` results folder: comparison.json names the scenario and holds
 * each plan's conversions; coverage per plan is recomputed from them with the same code compare used.
 */
import path from 'node:path';
import { comparePlans } from '../../compare/compare.ts';
import { InputError } from '../../core/errors.ts';
import { parsePlan } from '../../plan/io.ts';
import { computeDistanceMatrix } from '../../travel/travelMatrix.ts';
import { reportBase } from './base.ts';
import type { ReportData } from './data.ts';
import { readJsonObject, scenarioOf } from './source.ts';
import { reportState } from './state.ts';

export async function reportFromCompare(dir: string): Promise<ReportData> {
  const file = path.join(dir, 'comparison.json');
  const doc = readJsonObject(file);
  const { scenario: sc } = await scenarioOf(file, doc);
  const entries = doc.plans;
  if (!Array.isArray(entries) || entries.length < 2) throw new InputError(file, 'expected today and at least one plan', undefined, 'plans');
  const plans = entries.slice(1).map((p: { label?: unknown; file?: unknown }, k) => ({
    label: String(p.label),
    file: typeof p.file === 'string' ? p.file : null,
    plan: parsePlan(p, file, sc),
  }));
  const cmp = comparePlans(sc, await computeDistanceMatrix(sc), plans);
  const states = cmp.plans.map((p, k) => reportState(sc, p.label, p.table, k === 0 ? null : p.plan));
  const title = `quarterhour — ${sc.name}: comparing ${plans.map((p) => p.label).join(', ')} with today`;
  return { ...reportBase(sc, 'compare', title), states, changes: cmp.changes, differences: cmp.differences };
}
