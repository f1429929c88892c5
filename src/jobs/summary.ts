/**
 * What a run records in summary.json, and the headline of a simulated day: the types the run job
 * writes and report/ and batch/ read (they import these, never the job).
 */
import type { CoverageSummary } from '../coverage/residential.ts';
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
