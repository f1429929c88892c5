/**
 * The simulation kernel for one shard of consecutive blocks; it runs the same inline or in a worker.
 * Each block goes through these steps, each one loop over the block's residents or trips, on flat
 * typed arrays allocated once per shard (none per resident or trip):
 *
 *   1. synthesize the block's residents (population.ts);
 *   2. build the block's choice sets: per service, the sites within reach offering it (choiceSets.ts);
 *   3. draw the residents' trips: count, services, departures, logit draws, tours (blockTrips.ts);
 *   4. choose each trip's destination (destination.ts);
 *   5. order each resident's trips and re-time the tours (tour.ts);
 *   6. count the residents and whether they pass F15, tally the trips and record them in the trip
 *      table (record.ts);
 *   7. when asked, keep what the capacity re-choice needs of each trip (choiceInputs.ts) and the
 *      block's re-choice groups (rechoice.ts).
 *
 * All random draws of a block come from the block's own stream (rng.ts), in a fixed order: its
 * residents (2 draws each), then resident by resident their trips (blockTrips.ts). Steps 4 to 6 draw
 * nothing.
 */
import { N_AGE_BANDS } from '../core/ageBands.ts';
import { activityTables } from './activities.ts';
import { BlockTrips, drawTrips } from './blockTrips.ts';
import { ChoiceInputBuffer } from './choiceInputs.ts';
import { ChoiceSets } from './choiceSets.ts';
import { allocResidents, TripBuffer, type ResidentColumns, type TripColumns } from './columns.ts';
import { DestinationChoice } from './destination.ts';
import { allocateBands, synthesizeBlock } from './population.ts';
import { RechoiceGroupBuffer } from './rechoice.ts';
import { recordBlock, type ShardRecord } from './record.ts';
import { blockRng, type Rng } from './rng.ts';
import { allocShardTallies, type ShardTallies } from './shardTallies.ts';
import type { SimulateShardResult, SimulateShardTask, SimulateStatic } from './task.ts';
import { orderTours } from './tour.ts';

/**
 * One BlockTrips per thread, reused shard after shard as it is block after block (a shard runs to its
 * end before the next starts): the capacity loop simulates thousands of short runs of blocks again on
 * a city, and a fresh one (0.2 MB zeroed) for each cost a tenth of the plan's simulation at 21,000 blocks.
 */
let blockTrips: BlockTrips | null = null;

export function simulateShard(task: SimulateShardTask, shared: boolean): SimulateShardResult {
  const ctx = task.ctx;
  const nb = task.blockEnd - task.blockStart;
  const totalResidents = task.population.reduce((a, p) => a + p, 0);
  const keepResidents = !task.loadsOnly && task.keepResidents;
  // Kept residents get the shard's columns; otherwise one block's worth is reused block after block.
  const residents = keepResidents ? allocResidents(totalResidents, shared) : allocResidents(task.population.reduce((a, p) => Math.max(a, p), 0), false);
  const rows = task.loadsOnly ? null : new TripBuffer(Math.ceil(totalResidents * mostTripsPerResident(ctx) * 1.05) + 64, shared);
  const tallies = allocShardTallies(nb, ctx.nServices, ctx.nSites, shared);
  const rec: ShardRecord = { tallies, rows, thresholdMin: ctx.thresholdMin, nServices: ctx.nServices, f15Min: ctx.f15Min };
  const tables = activityTables(ctx.tripsPerDay, ctx.departureProfile, ctx.nServices);
  const choiceSets = new ChoiceSets(ctx.nServices);
  const choice = new DestinationChoice(ctx, task.prices);
  const trips = (blockTrips ??= new BlockTrips());
  const exported = task.exportChoices ? new ChoiceInputBuffer(nb, ctx.nServices, Math.ceil(totalResidents * mostTripsPerResident(ctx) * 1.05) + 64, choice.logit, shared) : null;
  const groups = task.exportChoices ? new RechoiceGroupBuffer(ctx.nSites, shared) : null;
  const counts = new Int32Array(N_AGE_BANDS);
  let draws = 0;
  let nTrips = 0;
  let at = 0;
  for (let i = 0; i < nb; i++) {
    const block = task.blockStart + i;
    const pop = task.population[i];
    const from = keepResidents ? at : 0;
    const firstResident = task.firstResident + at;
    const rng = blockRng(ctx.seed, task.blockIds[i]);
    draws += synthesizeResidents(task, i, ctx, rng, counts, residents, from, firstResident, keepResidents);
    choiceSets.build(ctx, block);
    trips.startBlock(pop);
    draws += drawTrips(trips, tables, residents.ageBand, from, choice.logit, ctx.chainProbability, rng);
    choice.chooseAll(trips, choiceSets, residents.speedMps, from);
    if (exported) {
      const at = exported.length;
      exported.addBlock(trips, i, residents.speedMps, from);
      groups!.addBlock(choiceSets, block, exported.count, i * ctx.nServices, at);
    }
    orderTours(trips, ctx, residents.speedMps, from);
    recordBlock(trips, { block, local: i, residents, from, firstResident, basicMetres: choiceSets.farthestNearest(ctx.basic) }, rec);
    nTrips += trips.count;
    at += pop;
  }
  return { ...shardResult(task, totalResidents, nTrips, draws, keepResidents ? residents : null, rows ? rows.columns() : null, tallies), choices: exported ? exported.inputs() : null, groups: groups ? groups.groupsAdded() : null };
}

/** The most trips a day a resident of any band is expected to make (sizes the trip table). */
function mostTripsPerResident(ctx: SimulateStatic): number {
  let most = 0;
  for (let b = 0; b < N_AGE_BANDS; b++) {
    let daily = 0;
    for (let s = 0; s < ctx.nServices; s++) daily += ctx.tripsPerDay[s * N_AGE_BANDS + b];
    most = Math.max(most, daily);
  }
  return most;
}

/**
 * Synthesize the shard's block i into the resident columns from `from`, numbered globally from
 * `firstResident` (with their home block when the columns are kept). Returns the random numbers drawn.
 */
function synthesizeResidents(task: SimulateShardTask, i: number, ctx: SimulateStatic, rng: Rng, counts: Int32Array, residents: ResidentColumns, from: number, firstResident: number, keep: boolean): number {
  const pop = task.population[i];
  allocateBands(pop, task.ageShares, i * N_AGE_BANDS, counts);
  const draws = synthesizeBlock(counts, ctx.speedMps, ctx.speedSpread, rng, residents, from, firstResident);
  if (keep) residents.homeBlock.fill(task.blockStart + i, from, from + pop);
  return draws;
}

function shardResult(task: SimulateShardTask, residents: number, trips: number, draws: number, residentCols: ResidentColumns | null, tripCols: TripColumns | null, t: ShardTallies): SimulateShardResult {
  return {
    blockStart: task.blockStart,
    blockEnd: task.blockEnd,
    residents,
    trips,
    draws,
    residentCols,
    tripCols,
    loads: t.loads,
    tripsBBS: t.trips,
    withinBBS: t.within,
    unservedBBS: t.unserved,
    minutesBBS: t.minutes,
    residentsBB: t.residents,
    f15BB: t.f15,
    choices: null,
    groups: null,
  };
}
