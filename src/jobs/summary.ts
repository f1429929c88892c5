/**
 * What a run records in summary.json, and the headline of a simulated day: the types the run job
 * writes and report/ and batch/ read (they import these, never the job).
 */
import type { CoverageSummary } from '../coverage/residential.ts';
import type { Lang } from '../i18n/lang.ts';
import { serviceName } from '../i18n/terms.ts';
import type { ModelRecord, SolverRecord } from '../optimize/optimize.ts';
import type { PlanTotals } from '../plan/io.ts';
import type { NetworkSpec, ScenarioStats } from '../scenario/types.ts';
import type { CapacityReport, SimulationResult } from '../simulate/types.ts';

/** The headline numbers of a simulated day. */
export interface SimulationHeadline {
  trips: number;
  unservedTrips: number;
  withinShare: number | null;
  withinShareByAgeBand: Record<string, number | null>;
  withinShareByService: Record<string, number | null>;
  f15: number | null;
  f15ByAgeBand: Record<string, number | null>;
  giniAccessTime: number | null;
  capacity: CapacityReport;
}

/** summary.json of a run. */
export interface RunSummary extends ScenarioStats {
  quarterhour: 1;
  scenario: string;
  /** The scenario, relative to the output folder. */
  source: string;
  seed: number;
  network: NetworkSpec | { kind: 'osm'; file: string };
  coverageRule: string;
  /** Each service's threshold in minutes of walking (the rule's threshold; coverage.csv's rows do not repeat it). */
  thresholdMin: Record<string, number>;
  today: { coverage: CoverageSummary; simulated: SimulationHeadline };
  warnings: string[];
  optimize?: { solver: SolverRecord; model: ModelRecord };
  plan?: PlanTotals;
  withPlan?: { coverage: CoverageSummary; simulated: SimulationHeadline };
}

export function simulationHeadline(r: SimulationResult): SimulationHeadline {
  const m = r.metrics;
  return { trips: m.trips, unservedTrips: m.unservedTrips, withinShare: m.withinShare.overall, withinShareByAgeBand: m.withinShare.byAgeBand, withinShareByService: m.withinShare.byService, f15: m.f15.overall, f15ByAgeBand: m.f15.byAgeBand, giniAccessTime: m.gini.accessTime, capacity: m.capacity };
}

/**
 * The warning a simulated day's capacity report calls for: the shadow prices did not bring every load
 * within capacity, naming the worst sites. Empty when capacities are off or the prices converged.
 */
export function capacityWarnings(state: 'today' | 'with the plan', c: CapacityReport, lang: Lang = 'en'): string[] {
  if (!c.enabled || c.converged) return [];
  const ratio = (r: number) => (r + 1).toFixed(1);
  if (lang === 'zh') {
    const worst = (c.worstSites ?? []).map((w) => `${w.id}（${w.services.map((s) => serviceName('zh', s, s)).join('+')}：每日 ${Math.round(w.load)} 次，容量 ${w.capacity}，${ratio(w.overloadRatio)} 倍）`);
    return [`容量（${state === 'today' ? '现状' : '实施方案后'}）：影子价格迭代 ${c.iterations} 轮后仍未收敛；${c.overloadedSites} 处设施超出容量，合计每日超出 ${Math.round(c.overloadTrips)} 次（最大超载比 ${+c.maxOverloadRatio.toFixed(2)}，即负荷为容量的 ${ratio(c.maxOverloadRatio)} 倍）。最严重：${worst.join('，')}。前往这些设施的出行仍计为已服务，其可达性被高估。${c.stopped === 'pass limit' ? '迭代已达上限。' : c.stopped === 'stagnated' ? '迭代已不再改善（停滞），故停止。' : ''}`];
  }
  const worst = (c.worstSites ?? []).map((w) => `${w.id} (${w.services.join('+')}: ${Math.round(w.load)} trips/day for a capacity of ${w.capacity}, ${ratio(w.overloadRatio)}x)`);
  return [
    `capacity ${state}: the shadow prices did not converge after ${c.iterations} passes; ${c.overloadedSites} site${c.overloadedSites === 1 ? ' stays' : 's stay'} over capacity by ${Math.round(c.overloadTrips)} trips/day in all (max overload ratio ${+c.maxOverloadRatio.toFixed(2)}: load ${ratio(c.maxOverloadRatio)}x capacity). Worst: ${worst.join(', ')}. Trips to them are counted as served; their access is overstated.${c.stopped === 'pass limit' ? ' The loop stopped at its pass limit.' : c.stopped === 'stagnated' ? ' The loop stopped because it no longer improved (stagnated).' : ''}`,
  ];
}
