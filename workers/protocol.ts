/**
 * The worker-pool protocol: every piscina task in quarterhour is described here, and every worker
 * answers with a WorkerReply — a result or an error, never a throw across the thread boundary.
 * Big arrays travel as transferable ArrayBuffers or SharedArrayBuffers, never as JSON.
 */

export type WorkerReply<T> = { ok: true; result: T } | { ok: false; error: { name: string; message: string; stack?: string } };

/** Wrap a worker body so it always returns a WorkerReply. */
export async function reply<T>(body: () => T | Promise<T>): Promise<WorkerReply<T>> {
  try {
    return { ok: true, result: await body() };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return { ok: false, error: { name: err.name, message: err.message, stack: err.stack } };
  }
}

// ---- network (shortest paths) tasks: see src/network ----

/** Rows [rowStart, rowEnd) of a network distance matrix (workers/network.ts). The network is a network.bin layout in shared memory. */
export interface NetworkMatrixTask {
  kind: 'network-matrix';
  network: SharedArrayBuffer;
  origins: { edge: Int32Array; offsetM: Float64Array; accessM: Float64Array };
  targets: { edge: Int32Array; offsetM: Float64Array; accessM: Float64Array };
  cutoffM: number;
  rowStart: number;
  rowEnd: number;
}

/** The rows' CSR block (offsets relative to the block); its buffers are transferred back. */
export interface NetworkMatrixResult {
  rowStart: number;
  rowEnd: number;
  offsets: Int32Array;
  index: Int32Array;
  metres: Float64Array;
  relaxed: number;
}

// ---- simulation tasks: see src/simulate ----

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
  /** Straight-line x detourFactor approximates the walk between two sites of a tour. */
  detourFactor: number;
  /** Minutes of the F15 reach (15). */
  f15Min: number;
}

export interface SimulateShardTask {
  kind: 'simulate-shard';
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
}

/** Residents as columns, numbered globally in block order. */
export interface ResidentColumns {
  count: number;
  homeBlock: Int32Array;
  ageBand: Uint8Array;
  ageYears: Uint8Array;
  speedMps: Float32Array;
  /** Household id = global index of the household's first member. */
  household: Int32Array;
  /** For 0-5 year olds: global index of the escorting adult, else -1. */
  escort: Int32Array;
}

/** Trips as columns, in block order, then resident order, then departure order. */
export interface TripColumns {
  count: number;
  resident: Int32Array;
  ageBand: Uint8Array;
  service: Uint16Array;
  originBlock: Int32Array;
  /** Site index (facilities 0..F-1, candidates F..), -1 when no site offering the service is within reach. */
  site: Int32Array;
  departureMin: Uint16Array;
  /** Walking minutes from home to the site; NaN when unserved. */
  walkMin: Float32Array;
  /** 1 when walkMin <= the service's threshold. */
  within: Uint8Array;
  /** 0 for a trip on its own, k >= 1 for the k-th stop of a chained tour. */
  tourLeg: Uint8Array;
}

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
}

// ---- optimizer tasks: see src/optimize and src/locate ----

/** Solve one CPLEX-LP-format model with a fresh HiGHS WebAssembly instance (workers/highs.ts). */
export interface HighsTask {
  kind: 'highs';
  lp: string;
  /** HiGHS options, e.g. { time_limit: 30, mip_rel_gap: 0 }. */
  options: Record<string, number | string | boolean>;
  /** Warm start: names and values of (binary) columns; others are left for HiGHS to complete. */
  startNames?: string[];
  startValues?: Float64Array;
  /** Return the names of columns with value > 0.5 whose names start with this prefix. */
  selectPrefix: string;
}
export interface HighsTaskResult {
  /** HiGHS model status name, e.g. 'optimal', 'timeLimit', 'infeasible'. */
  modelStatus: string;
  hasSolution: boolean;
  objective: number;
  /** The MIP dual bound (or the LP optimum for a pure LP); NaN when unavailable. */
  dualBound: number;
  selectedNames: string[];
  seconds: number;
  /** Whether the warm start was accepted by HiGHS. */
  warmStart: 'none' | 'accepted' | 'rejected';
}

/**
 * LP probing of a 0-1 coverage MILP (workers/highs.ts, src/locate/lpProbe.ts): fix x<k> columns that
 * no solution worth at least `threshold` can take. One task is one chain of probes.
 */
export interface HighsProbeTask {
  kind: 'highs-probe';
  lp: string;
  /** Number of options: columns x0..x<nOptions-1>. */
  nOptions: number;
  /** Options this chain probes (the worker orders them from the LP optimum). */
  probe: number[];
  /** Fix an option to 1 - v when the LP with it forced to v is below this. */
  threshold: number;
  /** Seconds this chain may probe (measured in the worker). */
  timeLimit: number;
}
export interface HighsProbeTaskResult {
  /** LP relaxation optimum before any fixing (NaN if the LP did not solve in time). */
  rootBound: number;
  /** LP optimum under all the chain's fixings (-Infinity when they empty it: nothing reaches the threshold). */
  fixedBound: number;
  /** Per option: -1 free, 0 or 1 fixed. */
  fixed: Int8Array;
  probes: number;
  lpSolves: number;
  /** Why the chain stopped: all probed, its time limit, or a run of fruitless probes. */
  stop: 'done' | 'time' | 'unproductive';
  seconds: number;
}

/** One multi-start local search start on a coverage instance shared as SharedArrayBuffers (workers/localsearch.ts). */
export interface LocalSearchTask {
  kind: 'localsearch';
  /** Serialized CoverageInstance arrays (shared buffers) and scalars. */
  instance: SharedCoverage;
  seed: number;
  starts: number[];
  deadline: number; // milliseconds from the task's arrival
  /** Iterated-local-search kicks per start. */
  kicks?: number;
}
export interface SharedCoverage {
  nUnits: number;
  nOptions: number;
  maxOpen: number;
  budget: number;
  arrays: Record<string, Float64Array | Int32Array | Uint8Array>;
  integralWeights: boolean;
}
export interface LocalSearchTaskResult {
  results: { start: number; objective: number; selection: number[]; sweeps: number }[];
}

// ---- batch tasks: see src/batch ----

/** One run of a batch (workers/batch.ts): small JSON in, the runs.csv row out. */
export interface BatchTask {
  run: import('../src/batch/spec.ts').RunSpec;
  catalogues: Record<string, import('../src/batch/spec.ts').CatalogueVariant>;
  batchFile: string;
  runDir: string;
  trips: import('../src/simulate/output.ts').TripsFormat;
}

export interface BatchTaskResult {
  row: Record<string, string | number>;
}
