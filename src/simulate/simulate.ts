/**
 * simulate(scenario, matrix, options): one simulated day of every resident.
 *
 * Blocks are cut into shards of consecutive blocks; shards run inline (threads = 1) or on the piscina
 * pool over workers/simulate.ts, and are merged in block order. Every block draws from its own
 * stream seeded by (seed, block id), so the output is byte-identical for any thread count or shard
 * size. The distance matrix crosses to workers as SharedArrayBuffers; results come back in
 * SharedArrayBuffers (no copies, no JSON).
 *
 * Capacities: when sites offering services have finite capacities (and options.capacity is not false),
 * shadow prices (minutes of walking added to a site's cost) are iterated: after pass k,
 * price_j <- max(0, price_j + step / sqrt(k) x (load_j / capacity_j - 1)), until every load is within
 * capacity x (1 + tolerance) or maxIterations passes. Each pass re-simulates with the same random
 * numbers; the result is the last pass, with its iterations and remaining overload reported.
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
import type { SimulateShardResult, SimulateShardTask, SimulateStatic } from './task.ts';
import { allocResidents, allocTrips, copyResidents, copyTrips } from './columns.ts';
import { computeMetrics } from './metrics.ts';
import { siteLegMatrix, type LegMatrix } from './tourLegs.ts';
import type { CapacityReport, ResolvedSimulateOptions, SimulateOptions, SimulationResult, Tallies } from './types.ts';

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
  return {
    seed: o.seed ?? scenario.seed,
    choice: o.choice ?? 'nearest',
    betaPerMin: o.betaPerMin ?? DEFAULT_BETA_PER_MIN,
    capacity: o.capacity ?? true,
    maxIterations: Math.max(1, o.maxIterations ?? 20),
    tolerance: o.tolerance ?? 0.02,
    priceStepMin: o.priceStepMin ?? 5,
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

async function runPass(scenario: Scenario, ctx: SimulateStatic, shards: [number, number][], firstResident: Int32Array, prices: Float64Array | null, pool: Piscina | null, loadsOnly: boolean, keepResidents: boolean): Promise<Pass> {
  const { blocks } = scenario;
  const tasks: SimulateShardTask[] = shards.map(([b0, b1]) => ({
    kind: 'simulate-shard',
    ctx,
    blockStart: b0,
    blockEnd: b1,
    firstResident: firstResident[b0],
    blockIds: blocks.ids.slice(b0, b1),
    population: blocks.population.slice(b0, b1),
    ageShares: blocks.ageShares.slice(b0 * N_AGE_BANDS, b1 * N_AGE_BANDS),
    prices,
    loadsOnly,
    keepResidents,
  }));
  if (!pool) {
    const { simulateShard } = await import('./shard.ts');
    return { shards: tasks.map((t) => simulateShard(t, false)) };
  }
  const results = await Promise.all(tasks.map((t) => runTask<SimulateShardResult>(pool, t)));
  return { shards: results };
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

function mergeColumns(pass: Pass, keepResidents: boolean): { trips: TripColumns; residents: ResidentColumns | null } {
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
    trips = allocTrips(nTrips, false);
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

/** How many of the most overloaded sites the capacity report names. */
const WORST_SITES = 5;

function overload(sites: SiteCatalogue, loads: Float64Array): { maxRatio: number; trips: number; count: number; worst: { j: number; ratio: number; load: number }[] } {
  let maxRatio = 0;
  let trips = 0;
  let count = 0;
  const all: { j: number; ratio: number }[] = [];
  for (let j = 0; j < sites.count; j++) {
    if (!isCapacitated(sites, j)) continue;
    const cap = sites.capacity[j];
    const over = loads[j] - cap;
    if (over > 0) {
      trips += over;
      count++;
      maxRatio = Math.max(maxRatio, cap > 0 ? over / cap : Infinity);
      all.push({ j, ratio: cap > 0 ? over / cap : Infinity });
    }
  }
  const worst = all.sort((a, b) => b.ratio - a.ratio || a.j - b.j).slice(0, WORST_SITES);
  return { maxRatio, trips, count, worst: worst.map((w) => ({ ...w, load: loads[w.j] })) };
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
  const pool = options.pool ?? (threads > 1 ? createPool(threads) : null);
  const ctx = buildStatic(scenario, matrix, sites, r, pool !== null, legs);
  const pop = scenario.blocks.population;
  const firstResident = new Int32Array(pop.length + 1);
  let total = 0;
  for (let b = 0; b < pop.length; b++) {
    firstResident[b] = total;
    total += pop[b];
  }
  firstResident[pop.length] = total;
  // Capacity passes return only loads and tallies: fewer, larger shards keep their per-task cost low.
  // The full pass returns the trip table: smaller shards balance it better. Results do not depend on either.
  const shards = shardBlocks(pop, options.shardResidents ?? Math.max(2000, Math.min(50_000, Math.ceil(total / (threads * 4)))));
  const fullShards = options.shardResidents !== undefined || !pool ? shards : shardBlocks(pop, Math.max(2000, Math.min(12_500, Math.ceil(total / (threads * 8)))));
  const keepResidents = options.keepResidents ?? true;

  let capacitated = false;
  for (let j = 0; j < sites.count; j++) if (isCapacitated(sites, j)) capacitated = true;
  const iterate = r.capacity && capacitated;
  const prices = iterate ? new Float64Array(sites.count) : null;
  try {
    // Capacity passes only tally loads; the last prices are then simulated once more in full (the
    // same random numbers give the same loads).
    let iterations = 0;
    let over: ReturnType<typeof overload> = { maxRatio: 0, trips: 0, count: 0, worst: [] };
    let converged = true;
    if (iterate && prices) {
      for (;;) {
        iterations++;
        const p = await runPass(scenario, ctx, shards, firstResident, prices.slice(), pool, true, false);
        const loads = mergeLoads(p, sites.count);
        over = overload(sites, loads);
        converged = over.maxRatio <= r.tolerance;
        if (converged || iterations >= r.maxIterations) break;
        const step = r.priceStepMin / Math.sqrt(iterations);
        for (let j = 0; j < sites.count; j++) {
          if (!isCapacitated(sites, j)) continue;
          const cap = sites.capacity[j];
          const ratio = cap > 0 ? loads[j] / cap : loads[j] > 0 ? 10 : 0;
          prices[j] = Math.max(0, prices[j] + step * (ratio - 1));
        }
      }
    } else {
      iterations = 1;
    }
    const pass = await runPass(scenario, ctx, fullShards, firstResident, prices ? prices.slice() : null, pool, false, keepResidents);
    const merged = { ...mergeTallies(scenario, pass, sites.count), ...mergeColumns(pass, keepResidents) };
    const capacity: CapacityReport = {
      enabled: iterate,
      iterations,
      converged,
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
