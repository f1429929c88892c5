/**
 * simulate(scenario, matrix, options): one simulated day of every resident.
 *
 * Blocks are cut into shards of consecutive blocks; this thread (and on threads > 1, threads - 1
 * workers of the piscina pool, workers/simulate.ts) claim them one at a time (pass.ts), and they are
 * merged in block order. Every block draws from its own
 * stream seeded by (seed, block id), so the output is byte-identical for any thread count or shard
 * size. The distance matrix crosses to workers as SharedArrayBuffers; results come back in
 * SharedArrayBuffers (no copies, no JSON).
 *
 * Capacities: when sites offering services have finite capacities (and options.capacity is not false),
 * shadow prices (minutes of walking added to a site's cost) are iterated (capacityLoop.ts: damped,
 * stopping when converged, stagnated or at the pass limit; the best pass is kept). The first pass is
 * the whole simulation, which also keeps each trip's service, speed and logit draw; the loop's passes
 * then only choose destinations again from those (rechoice.ts: the same loads as a whole pass, without
 * synthesising residents or drawing trips). When the kept prices are not all 0, the day is simulated
 * once more with them.
 */
import type { Piscina } from 'piscina';
import { N_AGE_BANDS } from '../core/ageBands.ts';
import { pack, unpack } from '../core/buffers.ts';
import { createPool, runTask } from '../parallel/pool.ts';
import { EMPTY_PLAN } from '../plan/types.ts';
import { validatePlan } from '../plan/validate.ts';
import type { Scenario } from '../scenario/types.ts';
import type { SparseDistanceMatrix } from '../travel/matrix.ts';
import { isCapacitated, siteCatalogue, type SiteCatalogue } from '../travel/sites.ts';
import type { ResidentColumns, TripColumns } from './columns.ts';
import type { ClaimedShard, PassBlocks, SimulatePassTask, SimulateShardResult, SimulateStatic } from './task.ts';
import { claimCounter, claimTasks, gatherClaimed } from '../parallel/claims.ts';
import { simulateClaimed } from './pass.ts';
import { sharedArray } from '../core/buffers.ts';
import { capacityLoop, type CapacityLoopResult } from './capacityLoop.ts';
import { mergeChoiceInputs, type ChoiceInputs } from './choiceInputs.ts';
import { allocResidents, allocTrips, copyResidents, copyTrips } from './columns.ts';
import { anyPrice } from './destination.ts';
import { changedBlocks, joinRechoiceGroups, rechoiceLoads, type RechoiceGroups, type RechoiceTask } from './rechoice.ts';
import { computeMetrics } from './metrics.ts';
import { siteLegMatrix, type LegMatrix } from './tourLegs.ts';
import type { CapacityReport, ResolvedSimulateOptions, SimulateOptions, SimulationResult, Tallies } from './types.ts';


/** The worker task kinds a simulation runs (its shards and the capacity loop's re-choices): a pool made for it loads them as it starts. */
export const SIMULATE_TASK_KINDS: readonly string[] = ['simulate-pass'];
export const DEFAULT_BETA_PER_MIN = -0.2;
export const F15_MINUTES = 15;

function checkOption(ok: boolean, name: string, value: unknown, expected: string): void {
  if (!ok) throw new RangeError(`simulate: option ${name} is ${String(value)}, expected ${expected}`);
}

export function resolveOptions(scenario: Scenario, o: SimulateOptions): ResolvedSimulateOptions {
  const detour = scenario.network.kind === 'euclidean' ? scenario.network.detourFactor : 1.3;
  checkOption(o.choice === undefined || o.choice === 'nearest' || o.choice === 'logit', 'choice', o.choice, "'nearest' or 'logit'");
  checkOption(o.betaPerMin === undefined || (Number.isFinite(o.betaPerMin) && o.betaPerMin <= 0), 'betaPerMin', o.betaPerMin, 'a finite number <= 0');
  checkOption(o.speedSpread === undefined || (o.speedSpread >= 0 && o.speedSpread < 1), 'speedSpread', o.speedSpread, 'a number in [0, 1)');
  checkOption(o.dwellMin === undefined || (Number.isFinite(o.dwellMin) && o.dwellMin >= 0), 'dwellMin', o.dwellMin, 'a number >= 0');
  checkOption(o.detourFactor === undefined || (Number.isFinite(o.detourFactor) && o.detourFactor >= 1), 'detourFactor', o.detourFactor, 'a number >= 1');
  checkOption(o.seed === undefined || Number.isFinite(o.seed), 'seed', o.seed, 'a finite number');
  checkOption(o.tolerance === undefined || (Number.isFinite(o.tolerance) && o.tolerance >= 0), 'tolerance', o.tolerance, 'a number >= 0');
  checkOption(o.priceStepMin === undefined || (Number.isFinite(o.priceStepMin) && o.priceStepMin > 0), 'priceStepMin', o.priceStepMin, 'a number > 0');
  checkOption(o.stagnationTolerance === undefined || (Number.isFinite(o.stagnationTolerance) && o.stagnationTolerance >= 0 && o.stagnationTolerance < 1), 'stagnationTolerance', o.stagnationTolerance, 'a number in [0, 1)');
  return {
    seed: o.seed ?? scenario.seed,
    choice: o.choice ?? 'nearest',
    betaPerMin: o.betaPerMin ?? DEFAULT_BETA_PER_MIN,
    capacity: o.capacity ?? true,
    maxIterations: Math.max(1, o.maxIterations ?? 20),
    tolerance: o.tolerance ?? 0.02,
    priceStepMin: o.priceStepMin ?? 5,
    stagnationPasses: Math.max(1, Math.floor(o.stagnationPasses ?? 3)),
    stagnationTolerance: o.stagnationTolerance ?? 0.01,
    speedSpread: o.speedSpread ?? 0.1,
    dwellMin: o.dwellMin ?? 10,
    detourFactor: o.detourFactor ?? detour,
    chainProbability: scenario.behaviour.chainProbability,
    f15Min: F15_MINUTES,
    conversions: o.plan?.conversions.length ?? 0,
  };
}

/** Consecutive block ranges of about `target` residents each. */
export function shardBlocks(population: Int32Array, target: number): [number, number][] {
  const shards: [number, number][] = [];
  let start = 0;
  let acc = 0;
  for (let b = 0; b < population.length; b++) {
    acc += population[b];
    if (acc >= target) {
      shards.push([start, b + 1]);
      start = b + 1;
      acc = 0;
    }
  }
  if (start < population.length || shards.length === 0) shards.push([start, population.length]);
  return shards;
}

type MatrixArrays = Pick<SparseDistanceMatrix, 'offsets' | 'index' | 'metres'>;

/** The matrix's arrays as views on one SharedArrayBuffer (core/buffers.ts), for workers to read without a copy. */
function shareMatrix(matrix: SparseDistanceMatrix): MatrixArrays {
  return unpack<MatrixArrays>(pack({ offsets: matrix.offsets, index: matrix.index, metres: matrix.metres }));
}

function buildStatic(scenario: Scenario, matrix: SparseDistanceMatrix, sites: SiteCatalogue, r: ResolvedSimulateOptions, shared: boolean, legs: LegMatrix | null): SimulateStatic {
  const beh = scenario.behaviour;
  const m = shared ? shareMatrix(matrix) : matrix;
  const l = legs && shared ? unpack<{ offsets: Int32Array; index: Int32Array; metres: Float64Array }>(pack({ offsets: legs.offsets, index: legs.index, metres: legs.metres })) : legs;
  return {
    ...(l ? { legOffsets: l.offsets, legIndex: l.index, legMetres: l.metres } : {}),
    seed: r.seed,
    nServices: scenario.services.length,
    thresholdMin: Float64Array.from(scenario.services, (s) => s.thresholdMin),
    basic: Uint8Array.from(scenario.services, (s) => (s.category === 'basic' ? 1 : 0)),
    speedMps: Float64Array.from(beh.speedMps),
    tripsPerDay: Float64Array.from(beh.tripsPerDay),
    departureProfile: Float64Array.from(beh.departureProfile),
    chainProbability: beh.chainProbability,
    nSites: sites.count,
    siteLon: sites.lon,
    siteLat: sites.lat,
    siteServiceOffsets: sites.serviceOffsets,
    siteServiceIndex: sites.serviceIndex,
    matrixOffsets: m.offsets,
    matrixIndex: m.index,
    matrixMetres: m.metres,
    choice: r.choice,
    betaPerMin: r.betaPerMin,
    speedSpread: r.speedSpread,
    dwellMin: r.dwellMin,
    detourFactor: r.detourFactor,
    f15Min: r.f15Min,
  };
}

function checkInputs(scenario: Scenario, matrix: SparseDistanceMatrix): void {
  const F = scenario.facilities.count;
  const C = scenario.candidates.count;
  if (matrix.rows !== scenario.blocks.count) throw new Error(`distance matrix has ${matrix.rows} rows, expected one per block (${scenario.blocks.count})`);
  if (matrix.cols !== F + C) throw new Error(`distance matrix has ${matrix.cols} columns, expected facilities + candidates (${F + C})`);
  if (scenario.services.length > 65535) throw new Error('more than 65535 services');
}

interface Pass {
  shards: SimulateShardResult[];
}

/** Residents under which a pass runs in this thread alone (handing work to a worker costs more than a few milliseconds of it). */
const PASS_HERE_RESIDENTS = 25_000;

/**
 * Run a pass over `shards` (block ranges): `workers` tasks go to the pool, and this thread (unless
 * `here` is false, and there is a pool) claims shards alongside them (./pass.ts) until none is left.
 * The pass is done once every shard is in: a task that has not started by then (its worker busy with
 * other work) claims nothing when it does, and is not waited for. The results, in shard order.
 */
async function runPass(ctx: SimulateStatic, blocks: PassBlocks, shards: [number, number][], prices: Float64Array | null, pool: Piscina | null, workers: number, here: boolean, loadsOnly: boolean, keepResidents: boolean, exportChoices = false): Promise<Pass> {
  const task: SimulatePassTask = { kind: 'simulate-pass', ctx, bounds: Int32Array.from(shards.flat()), blocks, prices, loadsOnly, keepResidents, exportChoices, claims: claimCounter() };
  let residents = 0;
  for (const [b0, b1] of shards) residents += blocks.firstResident[b1] - blocks.firstResident[b0];
  // a pass smaller than a shard's worth of residents (the blocks simulated again, often) runs here
  const onPool = pool !== null && workers > 0 && (!here || residents >= PASS_HERE_RESIDENTS);
  const theirs = onPool ? claimTasks(Math.min(workers, here ? shards.length - 1 : shards.length), () => runTask<ClaimedShard[]>(pool, task)) : [];
  const mine = here || !onPool ? await simulateClaimed(task, false, theirs.length > 0) : [];
  return { shards: await gatherClaimed(shards.length, mine, theirs) };
}

/** Served trips per site, summed over the shards (all a capacity pass needs). */
function mergeLoads(pass: Pass, nSites: number): Float64Array {
  const loads = new Float64Array(nSites);
  for (const sh of pass.shards) for (let j = 0; j < nSites; j++) loads[j] += sh.loads[j];
  return loads;
}

function mergeTallies(scenario: Scenario, pass: Pass, nSites: number): { tallies: Tallies; loads: Float64Array; draws: number } {
  const nB = scenario.blocks.count;
  const nS = scenario.services.length;
  const tallies: Tallies = {
    nBlocks: nB,
    demand: new Float64Array(nB * N_AGE_BANDS * nS),
    within: new Float64Array(nB * N_AGE_BANDS * nS),
    unserved: new Float64Array(nB * N_AGE_BANDS * nS),
    minutesSum: new Float64Array(nB * N_AGE_BANDS * nS),
    residentsByBlockBand: new Int32Array(nB * N_AGE_BANDS),
    f15ByBlockBand: new Int32Array(nB * N_AGE_BANDS),
  };
  let draws = 0;
  for (const sh of pass.shards) {
    draws += sh.draws;
    const o = sh.blockStart * N_AGE_BANDS * nS;
    tallies.demand.set(sh.tripsBBS, o);
    tallies.within.set(sh.withinBBS, o);
    tallies.unserved.set(sh.unservedBBS, o);
    tallies.minutesSum.set(sh.minutesBBS, o);
    tallies.residentsByBlockBand.set(sh.residentsBB, sh.blockStart * N_AGE_BANDS);
    tallies.f15ByBlockBand.set(sh.f15BB, sh.blockStart * N_AGE_BANDS);
  }
  return { tallies, loads: mergeLoads(pass, nSites), draws };
}

function mergeColumns(pass: Pass, keepResidents: boolean, shared: boolean): { trips: TripColumns; residents: ResidentColumns | null } {
  let nTrips = 0;
  let nRes = 0;
  for (const sh of pass.shards) {
    nTrips += sh.trips;
    nRes += sh.residents;
  }
  let trips: TripColumns;
  if (pass.shards.length === 1 && pass.shards[0].tripCols) {
    trips = pass.shards[0].tripCols;
  } else {
    trips = allocTrips(nTrips, shared);
    let at = 0;
    for (const sh of pass.shards) {
      copyTrips(sh.tripCols!, sh.trips, trips, at);
      at += sh.trips;
    }
  }
  let residents: ResidentColumns | null = null;
  if (keepResidents) {
    if (pass.shards.length === 1) {
      residents = pass.shards[0].residentCols;
    } else {
      residents = allocResidents(nRes, false);
      let at = 0;
      for (const sh of pass.shards) {
        copyResidents(sh.residentCols!, residents, at);
        at += sh.residents;
      }
    }
  }
  return { trips, residents };
}

/**
 * The day's trips from which a pass of the capacity loop goes to the pool's workers rather than running
 * in this thread: with the nearest choice a pass re-chooses runs of trips (about 5 ms for a million
 * trips, less than handing it to workers costs), with a logit every trip.
 */
const PARALLEL_RECHOICE_TRIPS = 4_000_000;
const PARALLEL_RECHOICE_LOGIT_TRIPS = 500_000; // (SimulateOptions.rechoicePoolTrips overrides both)

/**
 * The capacity loop's re-choice (rechoice.ts) on the trips and groups the first pass's shards kept,
 * joined on first use (a loop that converges at once never needs them): the loads under new prices, and the blocks whose trips
 * may choose otherwise under them. On a pool and for a large day (PARALLEL_RECHOICE_TRIPS), each pass is
 * cut into one range of groups per thread (about equal trips), whose loads are added in range order
 * (whole trips: exact in any order).
 */
function rechoice(scenario: Scenario, ctx: SimulateStatic, first: Pass, r: ResolvedSimulateOptions, pool: Piscina | null, threads: number, poolTrips: number | undefined): { loads: (prices: Float64Array) => Promise<Float64Array>; changed: (prices: Float64Array) => Uint8Array } {
  let built: { inputs: ChoiceInputs; groups: RechoiceGroups; ranges: [number, number][] } | null = null;
  const logit = r.choice === 'logit';
  const beta = logit ? r.betaPerMin : null;
  const parallel = pool !== null && threads > 1 && first.shards.reduce((n, sh) => n + sh.trips, 0) >= (poolTrips ?? (logit ? PARALLEL_RECHOICE_LOGIT_TRIPS : PARALLEL_RECHOICE_TRIPS));
  const build = () => {
    if (!built) {
      const inputs = mergeChoiceInputs(first.shards.map((sh) => ({ blockStart: sh.blockStart, inputs: sh.choices! })), scenario.blocks.count, scenario.services.length, logit, parallel);
      let tripOffset = 0;
      const parts = first.shards.map((sh) => {
        const part = { groups: sh.groups!, tripOffset };
        tripOffset += sh.choices!.speed.length;
        return part;
      });
      const groups = joinRechoiceGroups(parts, ctx.nSites, parallel);
      built = { inputs, groups, ranges: groupRanges(groups.tripCount, parallel ? threads : 1) };
    }
    return built;
  };
  return {
    loads: async (prices) => {
      const { inputs, groups, ranges } = build();
      // the first range here, the others on the pool
      const theirs = ranges.slice(1).map(([g0, g1]) => {
        const task: RechoiceTask = { kind: 'simulate-rechoice', groups, inputs, prices, betaPerMin: beta, g0, g1 };
        return runTask<Float64Array>(pool!, task);
      });
      let mine: Float64Array;
      try {
        mine = rechoiceLoads(groups, inputs, prices, beta, ranges[0][0], ranges[0][1]);
      } catch (e) {
        await Promise.allSettled(theirs);
        throw e;
      }
      const parts = [mine, ...(await Promise.all(theirs))];
      const loads = Float64Array.from(groups.fixed);
      for (const part of parts) for (let j = 0; j < loads.length; j++) loads[j] += part[j];
      return loads;
    },
    changed: (prices) => changedBlocks(build().groups, build().inputs, prices, logit, scenario.blocks.count),
  };
}

/** Consecutive ranges of groups with about equal trips, one per part. */
function groupRanges(tripCount: Int32Array, parts: number): [number, number][] {
  let total = 0;
  for (const n of tripCount) total += n;
  const ranges: [number, number][] = [];
  let g0 = 0;
  let acc = 0;
  for (let g = 0; g < tripCount.length; g++) {
    acc += tripCount[g];
    if (ranges.length < parts - 1 && acc >= (total * (ranges.length + 1)) / parts) {
      ranges.push([g0, g + 1]);
      g0 = g + 1;
    }
  }
  ranges.push([g0, tripCount.length]);
  return ranges;
}

/** Runs of consecutive blocks flagged in `changed`, cut to about `target` residents each. */
function changedRuns(changed: Uint8Array, population: Int32Array, target: number): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  let acc = 0;
  for (let b = 0; b <= changed.length; b++) {
    if (b < changed.length && changed[b]) {
      if (start < 0) start = b;
      acc += population[b];
      if (acc >= target) {
        runs.push([start, b + 1]);
        start = -1;
        acc = 0;
      }
    } else if (start >= 0) {
      runs.push([start, b]);
      start = -1;
      acc = 0;
    }
  }
  return runs;
}

/**
 * Put the blocks simulated again (under the loop's prices) in place of the first pass's: their
 * tallies, and their trip rows (a block keeps its number of trips: no draw depends on the prices); the
 * loads are then counted again from the trip table.
 */
function spliceBlocks(scenario: Scenario, merged: { tallies: Tallies; loads: Float64Array; trips: TripColumns }, again: Pass): void {
  const nS = scenario.services.length;
  const cells = N_AGE_BANDS * nS;
  const { tallies, trips } = merged;
  const rowStart = new Int32Array(scenario.blocks.count + 1);
  for (let b = 0; b < scenario.blocks.count; b++) {
    let n = 0;
    for (let c = b * cells; c < (b + 1) * cells; c++) n += tallies.demand[c];
    rowStart[b + 1] = rowStart[b] + n;
  }
  for (const sh of again.shards) {
    const o = sh.blockStart * cells;
    tallies.demand.set(sh.tripsBBS, o);
    tallies.within.set(sh.withinBBS, o);
    tallies.unserved.set(sh.unservedBBS, o);
    tallies.minutesSum.set(sh.minutesBBS, o);
    if (sh.trips !== rowStart[sh.blockEnd] - rowStart[sh.blockStart]) throw new Error(`simulate: blocks ${sh.blockStart}-${sh.blockEnd} made ${sh.trips} trips again, not ${rowStart[sh.blockEnd] - rowStart[sh.blockStart]}`);
    copyTrips(sh.tripCols!, sh.trips, trips, rowStart[sh.blockStart]);
  }
  merged.loads.fill(0);
  for (let t = 0; t < trips.count; t++) if (trips.site[t] >= 0) merged.loads[trips.site[t]]++;
}

/** How many of the most overloaded sites the capacity report names. */
const WORST_SITES = 5;

function overload(sites: SiteCatalogue, loads: Float64Array): { maxRatio: number; trips: number; count: number; siteTrips: number; served: number; worst: { j: number; ratio: number; load: number }[] } {
  let maxRatio = 0;
  let trips = 0;
  let count = 0;
  let siteTrips = 0;
  let served = 0;
  for (let j = 0; j < sites.count; j++) served += loads[j];
  const all: { j: number; ratio: number }[] = [];
  for (let j = 0; j < sites.count; j++) {
    if (!isCapacitated(sites, j)) continue;
    const cap = sites.capacity[j];
    const over = loads[j] - cap;
    if (over > 0) {
      trips += over;
      count++;
      siteTrips += loads[j];
      // capacities are > 0 (the scenario readers require it); a ratio stays finite regardless
      const ratio = over / Math.max(cap, 1e-9);
      maxRatio = Math.max(maxRatio, ratio);
      all.push({ j, ratio });
    }
  }
  const worst = all.sort((a, b) => b.ratio - a.ratio || a.j - b.j).slice(0, WORST_SITES);
  return { maxRatio, trips, count, siteTrips, served, worst: worst.map((w) => ({ ...w, load: loads[w.j] })) };
}

/** Simulate one day of every resident of the scenario (see the file comment). */
export async function simulate(scenario: Scenario, matrix: SparseDistanceMatrix, options: SimulateOptions = {}): Promise<SimulationResult> {
  checkInputs(scenario, matrix);
  const plan = options.plan ?? EMPTY_PLAN;
  validatePlan(plan, scenario);
  const r = resolveOptions(scenario, options);
  const threads = Math.max(1, Math.floor(options.threads ?? 1));
  const sites = siteCatalogue(scenario, plan);
  // Tour legs on the network (OSM scenarios): computed before a pool of our own exists, so that a failure leaks none.
  const legs = await siteLegMatrix(scenario, matrix.cutoffM, threads, options.pool ?? null);
  if (legs) r.tourLegs = 'network';
  // This thread simulates too: a pass goes to threads - 1 workers of the pool (own: a pool of that many).
  const pool = options.pool ?? (threads > 1 ? createPool(threads - 1, { warm: SIMULATE_TASK_KINDS }) : null);
  // options.thisThread false: the pool's workers only (this thread has other work meanwhile)
  const here = options.thisThread ?? true;
  const workers = pool ? (here ? threads - 1 : threads) : 0;
  const ctx = buildStatic(scenario, matrix, sites, r, pool !== null, legs);
  const pop = scenario.blocks.population;
  const firstResident = new Int32Array(pop.length + 1);
  let total = 0;
  for (let b = 0; b < pop.length; b++) {
    firstResident[b] = total;
    total += pop[b];
  }
  firstResident[pop.length] = total;
  const { blocks } = scenario;
  const passBlocks: PassBlocks = pool ? { ids: blocks.ids, population: sharedArray(pop), ageShares: sharedArray(blocks.ageShares), firstResident: sharedArray(firstResident) } : { ids: blocks.ids, population: pop, ageShares: blocks.ageShares, firstResident };
  // Shards of up to 50,000 residents, at least 4 per thread, claimed one at a time by whoever is free:
  // each shard's result is some 25 arrays (shared ones from a worker), so fewer, larger shards cost less
  // than waiting for the last one (shards of 12,500 residents spent about a tenth of a worker's time on
  // their results). Results do not depend on the shard size.
  const fullShards = shardBlocks(pop, options.shardResidents ?? Math.max(2000, Math.min(50_000, Math.ceil(total / (threads * 4)))));
  const keepResidents = options.keepResidents ?? true;

  let capacitated = false;
  for (let j = 0; j < sites.count; j++) if (isCapacitated(sites, j)) capacitated = true;
  const iterate = r.capacity && capacitated && !options.shadowPrices;
  try {
    // The first pass is the whole day; with capacities it also keeps what the loop's re-choice needs.
    const given = options.shadowPrices ?? null;
    if (given && given.length !== sites.count) throw new RangeError(`simulate: option shadowPrices has ${given.length} prices, expected one per site (${sites.count})`);
    const pass = await runPass(ctx, passBlocks, fullShards, given ? given.slice() : null, pool, workers, here, false, keepResidents, iterate);
    let loop: CapacityLoopResult | null = null;
    let again = 0;
    // the trips in shared memory on a pool (the writers' helpers read them there)
    const merged = { ...mergeTallies(scenario, pass, sites.count), ...mergeColumns(pass, keepResidents, pool !== null) };
    if (iterate) {
      const rc = rechoice(scenario, ctx, pass, r, pool, threads, options.rechoicePoolTrips);
      loop = await capacityLoop(sites, merged.loads, rc.loads, r);
      if (anyPrice(loop.prices)) {
        // Only the blocks whose trips choose otherwise under the kept prices are simulated again.
        const runs = changedRuns(rc.changed(loop.prices), pop, Math.max(2000, Math.min(12_500, Math.ceil(total / (threads * 8)))));
        for (const [b0, b1] of runs) again += b1 - b0;
        if (runs.length > 0) spliceBlocks(scenario, merged, await runPass(ctx, passBlocks, runs, loop.prices.slice(), pool, workers, here, false, false));
      }
      for (const sh of pass.shards) {
        sh.choices = null;
        sh.groups = null;
      }
    }
    const prices = loop ? loop.prices : (options.shadowPrices?.slice() ?? null);
    // The report reads the loads of the day as simulated (the loop's re-choice gives the same, see rechoice.ts).
    const over: ReturnType<typeof overload> = loop ? overload(sites, merged.loads) : { maxRatio: 0, trips: 0, count: 0, siteTrips: 0, served: 0, worst: [] };
    const capacity: CapacityReport = {
      enabled: iterate,
      iterations: loop ? loop.passes : 1,
      converged: loop ? over.maxRatio <= r.tolerance : true,
      stopped: loop ? loop.stopped : 'off',
      bestPass: loop ? loop.bestPass : 1,
      blocksResimulated: again,
      overloadedSiteTrips: over.siteTrips,
      servedTrips: over.served,
      maxOverloadRatio: over.maxRatio,
      overloadTrips: over.trips,
      overloadedSites: over.count,
      worstSites: over.worst.map(({ j, ratio, load }) => ({
        id: sites.ids[j],
        services: Array.from(sites.serviceIndex.subarray(sites.serviceOffsets[j], sites.serviceOffsets[j + 1]), (k) => scenario.services[k].id),
        load: Math.round(load * 1000) / 1000,
        capacity: sites.capacity[j],
        overloadRatio: Math.round(ratio * 1e6) / 1e6,
      })),
    };
    const metrics = computeMetrics(scenario, r, merged.tallies, merged.trips, sites, merged.loads, prices, capacity);
    return {
      scenario: scenario.name,
      seed: r.seed,
      options: r,
      sites,
      residents: merged.residents,
      trips: merged.trips,
      demand: merged.tallies.demand,
      within: merged.tallies.within,
      unserved: merged.tallies.unserved,
      minutesSum: merged.tallies.minutesSum,
      residentsByBlockBand: merged.tallies.residentsByBlockBand,
      f15ByBlockBand: merged.tallies.f15ByBlockBand,
      loads: merged.loads,
      prices,
      capacity,
      metrics,
      draws: merged.draws,
    };
  } finally {
    if (pool && !options.pool) await pool.destroy();
  }
}
