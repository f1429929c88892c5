/**
 * The in-memory scenario every command works on: objects for the small catalogue, flat typed
 * arrays keyed by integer ids for everything that grows with the city. Readers (loadScenario) build
 * it from the on-disk format; generators and importers build it directly; writeScenario saves it.
 */
import type { AgeBand } from '../core/ageBands.ts';

export const SCENARIO_FORMAT = 'quarterhour-scenario';
export const SCENARIO_FORMAT_VERSION = 1;

export type ServiceCategory = 'basic' | 'quality';

/** One service type of the catalogue (a row of services.csv). */
export interface ServiceDef {
  id: string;
  name: string;
  category: ServiceCategory;
  /** Minimum floor area a space needs to host the service, m². */
  minAreaM2: number;
  /** Walking-time threshold for this service, minutes. */
  thresholdMin: number;
  /** Conversion cost of one new facility of this service (currency units), before the space's multiplier. */
  cost: number;
  /** Default capacity of a new facility, visits/day; NaN when uncapacitated. */
  capacity: number;
  /** Where the numbers come from (the `source` column), '' when not given. */
  source: string;
}

/** Housing blocks, column-wise. ageShares is row-major count x 6 (bands in AGE_BANDS order). */
export interface Blocks {
  count: number;
  ids: string[];
  names: string[];
  /** Free-text tag, e.g. "old estate" / "new estate"; '' when none. */
  tags: string[];
  lon: Float64Array;
  lat: Float64Array;
  population: Int32Array;
  ageShares: Float64Array;
  /** Outline polygon ([lon, lat] rings) when the block was given as a polygon; lon/lat is then its centroid. */
  polygons: (number[][][] | null)[];
}

/** Existing facilities; the services each offers are CSR: serviceIndex[serviceOffsets[f]..serviceOffsets[f+1]). */
export interface Facilities {
  count: number;
  ids: string[];
  names: string[];
  lon: Float64Array;
  lat: Float64Array;
  /** Capacity in visits/day, NaN when uncapacitated. */
  capacity: Float64Array;
  serviceOffsets: Int32Array;
  serviceIndex: Int32Array;
}

/** Idle spaces that can be converted. allowed is CSR of service indices, already resolved ("any that fits" = every service whose minimum area fits). */
export interface Candidates {
  count: number;
  ids: string[];
  names: string[];
  /** e.g. testing-kiosk, vacant-shop, community-room. */
  kinds: string[];
  lon: Float64Array;
  lat: Float64Array;
  areaM2: Float64Array;
  costMultiplier: Float64Array;
  allowedOffsets: Int32Array;
  allowedIndex: Int32Array;
}

/** Age-dependent behaviour (speeds.csv, trip_rates.csv, time_profiles.csv). */
export interface Behaviour {
  /** Walking speed per age band, m/s (0–5: the escort's speed). */
  speedMps: Float64Array;
  /** Trips per resident per day, row-major nServices x 6: tripsPerDay[s * 6 + band]. */
  tripsPerDay: Float64Array;
  /** Departure-time weights per service and hour of day, row-major nServices x 24 (rows sum to 1). */
  departureProfile: Float64Array;
  /** Probability that a resident with two or more trips chains them into one tour. */
  chainProbability: number;
  /** Where each number came from, keyed 'speed:<band>' / 'rate:<service>:<band>' / 'profile:<service>'. */
  sources: Record<string, string>;
}

export type NetworkSpec =
  | { kind: 'euclidean'; detourFactor: number }
  | { kind: 'osm'; file: string; snapLimitM: number };

export interface Budget {
  /** Maximum number of conversions (one space may host several services: each service counts). */
  maxConversions?: number;
  /** Maximum total conversion cost. */
  maxCost?: number;
}

export interface Constraints {
  /** Minimum number of new facilities per service id. */
  minCount: Record<string, number>;
  /** Objective weight per age band (一老一小: favour 60+ and children). Length 6. */
  ageWeights: Float64Array;
  /** Equity floors: each age band / each block at least this share of its demand covered (0..1). */
  equity: { ageBandMin?: number; blockMin?: number };
  /**
   * Opt-in capacitated siting: the visits per day assigned to a converted space and service are at most
   * that service's capacity (services.csv), the age weights acting on the objective only. Absent: off.
   */
  capacitated?: boolean;
}

export interface Scenario {
  name: string;
  description: string;
  /** Folder or file the scenario was read from ('' when built in memory). */
  source: string;
  seed: number;
  services: ServiceDef[];
  /** service id -> index into services. */
  serviceIndex: Map<string, number>;
  blocks: Blocks;
  facilities: Facilities;
  candidates: Candidates;
  behaviour: Behaviour;
  network: NetworkSpec;
  budget: Budget;
  constraints: Constraints;
}

/** Summary counts, handy for printing. */
export interface ScenarioStats {
  blocks: number;
  residents: number;
  services: number;
  facilities: number;
  candidates: number;
  residentsByBand: Record<AgeBand, number>;
}
