/**
 * Why a plan is what it is: the `explanation` block of plan.json, which the HTML report shows. Built by
 * the optimize stage (src/optimize/explain.ts); every number is finite (null where there is none).
 *
 * Units: "weighted demand" is the optimizer's objective, simulated daily trips x the age band's weight
 * (一老一小); residents are fractional (block population x age share); shares are 0-1; money is CNY (元).
 */
import type { AgeBand } from '../core/ageBands.ts';

/** What one conversion (one service at one idle space) adds at the margin: the plan with it against the plan without it. */
export interface ConversionMargin {
  candidate: string;
  service: string;
  /** Residents who gain the service within their walking threshold through this conversion alone (no other site reaches them). */
  residents: number;
  residentsByBand: Record<AgeBand, number>;
  /** The age-weighted daily demand (objective units) this conversion alone adds. */
  weightedDemand: number;
  /** Its cost, CNY (元). */
  cost: number;
}

export type ConstraintName = 'max_conversions' | 'max_cost' | 'floor_area' | 'min_count' | 'equity_age_band' | 'equity_block';

export interface ConstraintUse {
  name: ConstraintName;
  /** The service a min_count row is about; null for the others. */
  service: string | null;
  /** What the plan uses: conversions, CNY, m² (of the converted spaces), count, or the lowest group share (0-1). */
  used: number;
  /** The limit in force; null when none applies. */
  limit: number | null;
  /** Whether the limit holds the plan back (at its limit, or a space too full for another of its allowed services). */
  binding: boolean;
  /**
   * The objective (weighted demand) gained by relaxing it one step, measured by re-solving the model with
   * the relaxed limit; null when not measured or when either solve is not proven optimal.
   */
  shadowValue: number | null;
  /**
   * When shadowValue is null but the plan is proven: the gain bracketed by the relaxed solve, at least
   * what its plan adds and at most its bound less the plan's objective (src/optimize/explain.ts).
   */
  shadowRange?: { low: number; high: number };
  /** The step shadowValue (or shadowRange) is for: "one more conversion", "100,000 元 more"; null when none. */
  step: string | null;
  note: string;
}

export type UncoveredReason =
  | 'no_space_big_enough'
  | 'not_allowed_anywhere'
  | 'out_of_reach'
  | 'not_worth_it_under_budget'
  | 'no_demand'
  | 'already_covered';

/** A service the plan adds no site of, and why. */
export interface UncoveredService {
  service: string;
  reason: UncoveredReason;
  /** Weighted demand of the service no existing facility covers (objective units). */
  uncoveredWeight: number;
  /** What the best single conversion of the service would add (weighted demand); null when it has none. */
  bestOptionWeight: number | null;
  detail: string;
}

export interface PlanExplanation {
  solver: {
    name: string;
    status: string;
    /** The headline objective: weighted demand covered, existing facilities included; null when no plan. */
    objective: number | null;
    bound: number | null;
    /** Relative gap (bound - objective) / bound, 0-1; null when undefined. */
    gap: number | null;
    /** True only when the solver proved the plan optimal. */
    provenOptimal: boolean;
  };
  /** The headline objective split: weighted demand in all, covered by existing facilities, added by the plan. */
  objective: {
    totalWeight: number;
    preCoveredWeight: number;
    addedByPlan: number;
    /** Never coverable from any idle space. */
    uncoverableWeight: number;
    note: string;
  };
  margins: ConversionMargin[];
  constraints: ConstraintUse[];
  uncovered: UncoveredService[];
}
