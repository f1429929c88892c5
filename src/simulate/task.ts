/**
 * The simulation's work: one shard of blocks (the kernel's input, ./shard.ts), and the worker task of a
 * pass, whose shards this thread and the workers claim one at a time (./pass.ts, workers/simulate.ts).
 */
import type { Claimed } from '../parallel/claims.ts';
import type { ChoiceInputs } from './choiceInputs.ts';
import type { ResidentColumns, TripColumns } from './columns.ts';

/** What every simulation shard shares: the model's small tables, the site catalogue with a plan's conversions applied, and the block x site distance matrix (CSR; its arrays are SharedArrayBuffer-backed so workers read them without a copy). */
export interface SimulateStatic {
  /** Seed of every block's random stream: seedrandom.alea(`${seed}:${blockId}`). */
  seed: number;
  nServices: number;
  /** Walking-time threshold per service, minutes. */
  thresholdMin: Float64Array;
  /** 1 where the service is in the 'basic' category (the services F15 counts). */
  basic: Uint8Array;
  speedMps: Float64Array;
  tripsPerDay: Float64Array;
  departureProfile: Float64Array;
  chainProbability: number;
  nSites: number;
  siteLon: Float64Array;
  siteLat: Float64Array;
  /** CSR of the services each site offers (facilities, then candidates converted by the plan). */
  siteServiceOffsets: Int32Array;
  siteServiceIndex: Int32Array;
  matrixOffsets: Int32Array;
  matrixIndex: Int32Array;
  matrixMetres: Float64Array;
  choice: 'nearest' | 'logit';
  /** Logit coefficient per minute of generalised walking cost (negative). */
  betaPerMin: number;
  /** Individual walking speed = band speed x (1 + speedSpread x (2u - 1)). */
  speedSpread: number;
  /** Minutes spent at a stop of a chained tour before walking on. */
  dwellMin: number;
  /** Straight-line x detourFactor approximates the walk between two sites of a tour (when no leg matrix holds the pair). */
  detourFactor: number;
  /** Site x site network metres for tour legs on an OSM network (tourLegs.ts), CSR; absent: straight lines. */
  legOffsets?: Int32Array;
  legIndex?: Int32Array;
  legMetres?: Float64Array;
  /** Minutes of the F15 reach (15). */
  f15Min: number;
}

export interface SimulateShardTask {
  ctx: SimulateStatic;
  /** Blocks [blockStart, blockEnd) of the scenario; residents are numbered from firstResident. */
  blockStart: number;
  blockEnd: number;
  firstResident: number;
  /** The shard's slice of block ids, population and ageShares (row-major x 6). */
  blockIds: string[];
  population: Int32Array;
  ageShares: Float64Array;
  /** Shadow price per site in minutes of walking, or null when capacities are off. */
  prices: Float64Array | null;
  /** Only loads and per-block tallies (capacity iterations); no resident or trip columns. */
  loadsOnly: boolean;
  /** Return the resident columns (otherwise residentCols is null). */
  keepResidents: boolean;
  /** Return what the capacity re-choice needs of each trip (choiceInputs.ts). */
  exportChoices?: boolean;
}

/** The blocks a pass reads: ids, population, ageShares (row-major x 6) and each block's first resident's number. */
export interface PassBlocks {
  ids: string[];
  population: Int32Array;
  ageShares: Float64Array;
  firstResident: Int32Array;
}

/**
 * A pass over shards of blocks, claimed one at a time (src/parallel/claims.ts) by this thread and the
 * workers it is sent to; every shard is simulated as SimulateShardTask says (with prices, loadsOnly,
 * keepResidents and exportChoices the pass's).
 */
export interface SimulatePassTask {
  kind: 'simulate-pass';
  ctx: SimulateStatic;
  /** Shard k is blocks bounds[2k] .. bounds[2k + 1]. */
  bounds: Int32Array;
  blocks: PassBlocks;
  prices: Float64Array | null;
  loadsOnly: boolean;
  keepResidents: boolean;
  exportChoices: boolean;
  /** The pass's claim counter (shared memory). */
  claims: Int32Array;
}

/** A shard simulated by whoever claimed it: its number in the pass and its result. */
export type ClaimedShard = Claimed<SimulateShardResult>;

export interface SimulateShardResult {
  blockStart: number;
  blockEnd: number;
  residents: number;
  trips: number;
  /** Random numbers drawn (for the bench's floor). */
  draws: number;
  residentCols: ResidentColumns | null;
  tripCols: TripColumns | null;
  /** Served trips per site (all services). */
  loads: Float64Array;
  /** Per (block of the shard, age band, service), index ((b - blockStart) * 6 + band) * nServices + s. */
  tripsBBS: Float64Array;
  withinBBS: Float64Array;
  unservedBBS: Float64Array;
  /** Sum of walking minutes of served trips. */
  minutesBBS: Float64Array;
  /** Per (block of the shard, age band): residents, and residents reaching every basic service within f15Min. */
  residentsBB: Int32Array;
  f15BB: Int32Array;
  /** The trips' re-choice inputs when the task asked for them (exportChoices), else null. */
  choices: ChoiceInputs | null;
  /** The shard's re-choice groups (trips numbered within the shard's inputs) when it exported choices, else null. */
  groups: RechoiceGroups | null;
}

/** The capacity loop's re-choice groups (rechoice.ts): a shard's, or a whole day's once joined. */
export interface RechoiceGroups {
  nSites: number;
  /** Loads of the groups with a single site. */
  fixed: Float64Array;
  /** Group g's choice set is positions setOffsets[g] .. setOffsets[g+1) of setSite/setMetres (ascending site). */
  setOffsets: Int32Array;
  setSite: Int32Array;
  setMetres: Float64Array;
  /** Group g's trips are tripStart[g] .. tripStart[g] + tripCount[g] of the inputs. */
  tripStart: Int32Array;
  tripCount: Int32Array;
  /** Group g's block, and the position of its nearest site by metres (ties: the lower site; ChoiceSets.nearest). */
  block: Int32Array;
  nearest: Int32Array;
}
