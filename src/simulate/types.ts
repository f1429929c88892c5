/** Options and results of a simulation run. */
import type { Piscina } from 'piscina';
import type { CapacityStop } from './capacityLoop.ts';
import type { ResidentColumns, TripColumns } from './columns.ts';
import type { Plan } from '../plan/types.ts';
import type { SiteCatalogue } from '../travel/sites.ts';

export type ChoiceModel = 'nearest' | 'logit';

export interface SimulateOptions {
  /** Seed of every block's random stream; default the scenario's seed. */
  seed?: number;
  /** Worker threads; 1 (default) simulates inline in this thread. Results do not depend on it. */
  threads?: number;
  /** A piscina pool over workers/simulate.ts to reuse (then `threads` only sizes the shards). */
  pool?: Piscina;
  /** Conversions of candidate spaces to add as sites (default: none, the current state). */
  plan?: Plan;
  /** Destination choice: 'nearest' (default) or 'logit'. */
  choice?: ChoiceModel;
  /**
   * Logit coefficient per minute of walking (default -0.2: every 5 extra minutes divide a site's odds
   * by e). An assumption, not an estimate: pass the value of your own survey.
   */
  betaPerMin?: number;
  /** Simulate under these shadow prices (minutes per site, in site order) instead of iterating them. */
  shadowPrices?: Float64Array;
  /** Iterate shadow prices when sites have finite capacities (default true). */
  capacity?: boolean;
  /** Simulation passes at most when iterating capacities (default 20). */
  maxIterations?: number;
  /** Capacities count as met when every load <= capacity x (1 + tolerance) (default 0.02). */
  tolerance?: number;
  /** Price step in minutes (default 5); the damping halves it after every pass that makes the overload worse (capacityLoop.ts). */
  priceStepMin?: number;
  /** Stop as stagnated when the trips beyond capacity x (1 + tolerance) have not fallen by more than stagnationTolerance (relative) over this many passes (default 3). */
  stagnationPasses?: number;
  /** See stagnationPasses (default 0.01). */
  stagnationTolerance?: number;
  /** Individual walking-speed spread around the band speed (default 0.1 = +/-10%). */
  speedSpread?: number;
  /** Minutes spent at each stop of a chained tour (default 10). */
  dwellMin?: number;
  /** Straight-line to walking factor for legs between sites of a tour (default: the scenario's euclidean detour factor, else 1.3). */
  detourFactor?: number;
  /** Keep resident columns in the result (default true). */
  keepResidents?: boolean;
  /** Target residents per shard (default 50,000, smaller so that every thread gets several shards). */
  shardResidents?: number;
  /**
   * The day's trips from which the capacity loop's passes run on the pool's workers when there is one
   * of more than one thread (default 4,000,000 with the nearest choice, 500,000 with a logit; 0: always).
   * Results do not depend on it.
   */
  rechoicePoolTrips?: number;
  /**
   * On a pool, whether this thread simulates shards alongside threads - 1 workers (default true), or
   * leaves them to `threads` workers (false: it has other work meanwhile, as `run` writing the blocks
   * layer while the plan's day is simulated). Results do not depend on it.
   */
  thisThread?: boolean;
}

/** The options as used, recorded with the results (the thread count is not: it cannot change them). */
export interface ResolvedSimulateOptions {
  seed: number;
  choice: ChoiceModel;
  betaPerMin: number;
  capacity: boolean;
  maxIterations: number;
  tolerance: number;
  priceStepMin: number;
  stagnationPasses: number;
  stagnationTolerance: number;
  speedSpread: number;
  dwellMin: number;
  detourFactor: number;
  /** 'network' when tour legs were walked on the OSM network (tourLegs.ts); absent: straight lines x detourFactor. */
  tourLegs?: 'network';
  chainProbability: number;
  f15Min: number;
  conversions: number;
}

export interface CapacityReport {
  /** True when at least one offering site had a finite capacity and capacities were on. */
  enabled: boolean;
  /** Passes of the capacity loop run, the first (no prices) included; 1 when capacities are off. */
  iterations: number;
  /** True when every load is within capacity x (1 + tolerance). */
  converged: boolean;
  /** Why the loop stopped (capacityLoop.ts); 'off' when capacities are off or no site has one. */
  stopped: CapacityStop | 'off';
  /** The pass whose prices were kept (the best; 1 = no prices). */
  bestPass: number;
  /** Blocks simulated again under the kept prices (those whose trips choose otherwise; 0 when none is priced). */
  blocksResimulated: number;
  /** Served trips at the sites over capacity (their whole load), trips/day. */
  overloadedSiteTrips: number;
  /** All served trips, trips/day (overloadedSiteTrips / servedTrips: the share of trips at overloaded sites). */
  servedTrips: number;
  /** max over capacitated sites of (load - capacity) / capacity, at least 0. */
  maxOverloadRatio: number;
  /** Sum over capacitated sites of max(0, load - capacity), trips/day. */
  overloadTrips: number;
  overloadedSites: number;
  /** The most overloaded sites of the last capacity pass (at most 5, worst first): trips/day against capacity; ratio as maxOverloadRatio. */
  worstSites: { id: string; services: string[]; load: number; capacity: number; overloadRatio: number }[];
}

/** A simulated day: the tallies of src/simulate/metrics.ts (demand, within, unserved, ...) and more. */
export interface SimulationResult extends Omit<Tallies, 'nBlocks'> {
  scenario: string;
  seed: number;
  options: ResolvedSimulateOptions;
  sites: SiteCatalogue;
  residents: ResidentColumns | null;
  trips: TripColumns;
  /** Served trips per site, the sites' capacities (NaN = none) and final shadow prices in minutes (null when capacities are off). */
  loads: Float64Array;
  prices: Float64Array | null;
  capacity: CapacityReport;
  metrics: SimulationMetrics;
  /** Random numbers drawn in the last pass. */
  draws: number;
}

export interface SiteLoad {
  id: string;
  kind: 'facility' | 'candidate';
  load: number;
  capacity: number | null;
  utilization: number | null;
  priceMin: number | null;
}

export interface SimulationMetrics {
  format: 'quarterhour-simulation-metrics';
  /** 2: metrics.json names site_loads (siteLoadsFile) instead of holding the site loads (version 1's siteLoads). */
  version: 2;
  scenario: string;
  seed: number;
  options: ResolvedSimulateOptions;
  residents: number;
  trips: number;
  unservedTrips: number;
  residentsByAgeBand: Record<string, number>;
  tripsPerResidentByAgeBand: Record<string, number | null>;
  withinShare: {
    overall: number | null;
    byAgeBand: Record<string, number | null>;
    byService: Record<string, number | null>;
    byAgeBandAndService: Record<string, Record<string, number | null>>;
  };
  unservedByService: Record<string, number>;
  meanWalkingMin: { overall: number | null; byAgeBand: Record<string, number | null> };
  f15: { minutes: number; basicServices: string[]; overall: number | null; byAgeBand: Record<string, number | null> };
  gini: { accessTime: number | null; over: 'served trips walking minutes' };
  capacity: CapacityReport;
  siteLoads: SiteLoad[];
}

/**
 * Per-(block, age band, service) tallies, index (b * 6 + band) * nServices + s: simulated trips (demand,
 * unserved included: the optimizer's weights), trips within the threshold, unserved trips, and the sum
 * of served trips' walking minutes; and per (block, band), index b * 6 + band, residents and residents
 * reaching every basic service within 15 minutes.
 */
export interface Tallies {
  nBlocks: number;
  demand: Float64Array;
  within: Float64Array;
  unserved: Float64Array;
  minutesSum: Float64Array;
  residentsByBlockBand: Int32Array;
  f15ByBlockBand: Int32Array;
}
