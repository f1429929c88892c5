/** One report state (today, or today plus a plan) from its coverage table and plan. */
import { N_AGE_BANDS } from '../../core/ageBands.ts';
import type { CoverageTable } from '../../coverage/residential.ts';
import { planTotals } from '../../plan/io.ts';
import type { Plan } from '../../plan/types.ts';
import type { Scenario } from '../../scenario/types.ts';
import { cellCovered, cellMinutes, cellShares } from './cells.ts';
import { bitsColumn, isCompact, metresColumn } from './compact.ts';
import type { ReportState } from './data.ts';
import { reportConversions } from './geometry.ts';
import { conversionIsochrones } from './isochrones.ts';

/** A big report's cells (compact.ts): metres to the nearest site per block x service, from the slowest band's minutes, and the covered bits. */
function compactCells(sc: Scenario, table: CoverageTable): NonNullable<ReportState['compact']> {
  const S = sc.services.length;
  const speeds = sc.behaviour.speedMps;
  const nearest = new Float64Array(sc.blocks.count * S);
  for (let c = 0; c < nearest.length; c++) {
    let best = -1;
    let bestMin = -1;
    for (let b = 0; b < N_AGE_BANDS; b++) {
      const m = table.minutes[c * N_AGE_BANDS + b];
      if (Number.isFinite(m) && m > bestMin) {
        bestMin = m;
        best = m * 60 * speeds[b];
      }
    }
    nearest[c] = best;
  }
  return { nearest: metresColumn(nearest, []), covered: bitsColumn(table.covered) };
}

export function reportState(sc: Scenario, label: string, table: CoverageTable, plan: Plan | null, explanation: unknown = null): ReportState {
  const conversions = plan ? reportConversions(sc, plan) : [];
  const compact = isCompact(sc);
  return {
    label,
    minutes: compact ? [] : cellMinutes(table),
    covered: compact ? '' : cellCovered(table),
    ...(compact ? { compact: compactCells(sc, table) } : {}),
    ...cellShares(sc, table),
    conversions,
    totals: plan ? planTotals(sc, plan) : null,
    isochrones: conversionIsochrones(sc, conversions, 48, compact),
    explanation,
  };
}
