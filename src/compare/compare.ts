/** Compare siting plans: static coverage of today and of each plan, access gained and lost, and how the plans differ. */
import { staticCoverage } from '../coverage/static.ts';
import { planTotals } from '../plan/io.ts';
import { EMPTY_PLAN, type Plan } from '../plan/types.ts';
import type { Scenario } from '../scenario/types.ts';
import type { SparseDistanceMatrix } from '../travel/matrix.ts';
import { accessChange } from './access.ts';
import { planDifference } from './differences.ts';
import { BASELINE_LABEL } from './labels.ts';
import { blockCoveredShare, residentsCovered } from './residents.ts';
import type { ComparedPlan, Comparison } from './types.ts';

export interface NamedPlan {
  label: string;
  file: string | null;
  plan: Plan;
}

function compared(sc: Scenario, matrix: SparseDistanceMatrix, p: NamedPlan): ComparedPlan {
  const { table, summary } = staticCoverage(sc, matrix, p.plan);
  const totals = planTotals(sc, p.plan);
  const { maxConversions, maxCost } = sc.budget;
  const withinBudget = (maxConversions === undefined || totals.conversions <= maxConversions) && (maxCost === undefined || totals.cost <= maxCost);
  return { ...p, totals, withinBudget, coverage: summary, residentsCovered: residentsCovered(sc, table), blockShare: blockCoveredShare(sc, table), table };
}

/** plans: at least one; labels must be unique and differ from 'today'. */
export function comparePlans(sc: Scenario, matrix: SparseDistanceMatrix, plans: NamedPlan[]): Comparison {
  const all = [{ label: BASELINE_LABEL, file: null, plan: EMPTY_PLAN }, ...plans].map((p) => compared(sc, matrix, p));
  const [today, first, ...rest] = all;
  const changes = all.slice(1).map((p) => accessChange(sc, p.table, today.table, p.label, today.label));
  for (const p of rest) changes.push(accessChange(sc, p.table, first.table, p.label, first.label));
  const differences = rest.map((p) => planDifference(sc, p.plan, first.plan, p.label, first.label));
  return { plans: all, changes, differences };
}
