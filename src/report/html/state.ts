/** One report state (today, or today plus a plan) from its coverage table and plan. */
import type { CoverageTable } from '../../coverage/residential.ts';
import { planTotals } from '../../plan/io.ts';
import type { Plan } from '../../plan/types.ts';
import type { Scenario } from '../../scenario/types.ts';
import { cellCovered, cellMinutes, cellShares } from './cells.ts';
import type { ReportState } from './data.ts';
import { reportConversions } from './geometry.ts';
import { conversionIsochrones } from './isochrones.ts';

export function reportState(sc: Scenario, label: string, table: CoverageTable, plan: Plan | null): ReportState {
  const conversions = plan ? reportConversions(sc, plan) : [];
  return {
    label,
    minutes: cellMinutes(table),
    covered: cellCovered(table),
    ...cellShares(sc, table),
    conversions,
    totals: plan ? planTotals(sc, plan) : null,
    isochrones: conversionIsochrones(sc, conversions),
  };
}
