/** The result of comparing siting plans with today and with each other (one shape for text, JSON, CSV and the report). */
import type { CoverageSummary, CoverageTable } from '../coverage/residential.ts';
import type { PlanTotals } from '../plan/io.ts';
import type { Plan } from '../plan/types.ts';

/** One compared state: today's facilities (the baseline, no conversions) or today's plus a plan's conversions. */
export interface ComparedPlan {
  /** 'today' for the baseline, else the plan file's name without '.json'. */
  label: string;
  /** The plan file as given on the command line; null for the baseline. */
  file: string | null;
  plan: Plan;
  totals: PlanTotals;
  /** Whether the plan keeps to the scenario's budget (maximum conversions and cost). */
  withinBudget: boolean;
  coverage: CoverageSummary;
  /** Residents covered (fractional: population x age share), by service id then age band and 'all'. */
  residentsCovered: Record<string, Record<string, number>>;
  /** Per block: share of its resident-service pairs covered (all services, all ages). */
  blockShare: Float64Array;
  table: CoverageTable;
}

/** Residents who gain or lose access to a service when going from `reference` to `plan`. */
export interface AccessChange {
  plan: string;
  reference: string;
  /** By service id: residents gained and lost, in total and by age band. */
  byService: Record<string, { gained: number; lost: number; byAgeBand: Record<string, { gained: number; lost: number }> }>;
}

/** One idle space as a plan uses it. */
export interface SpaceUse {
  candidate: string;
  name: string;
  services: string[];
}

/** Where `plan` differs from `reference`. */
export interface PlanDifference {
  plan: string;
  reference: string;
  onlyInPlan: SpaceUse[];
  onlyInReference: SpaceUse[];
  /** The same space with different services. */
  differentServices: { candidate: string; name: string; plan: string[]; reference: string[] }[];
  /** Spaces used the same way by both. */
  same: number;
}

export interface Comparison {
  /** plans[0] is today; plans[1] the first plan given, the reference for "vs first plan". */
  plans: ComparedPlan[];
  /** Each plan vs today, then each later plan vs the first plan. */
  changes: AccessChange[];
  /** Each later plan vs the first plan. */
  differences: PlanDifference[];
}
