/**
 * Recording a block's day: every resident is counted, with whether they pass F15 (every basic
 * service's nearest site within f15Min at their own speed); then the trips, resident by resident in
 * departure order, are tallied and, unless the pass only tallies loads, appended to the trip table. A
 * trip is `within` when its home-to-site walk is within its service's threshold at the resident's
 * speed; an unserved trip never is. Both tests are the coverage rule (coverage/rule.ts).
 */
import { N_AGE_BANDS } from '../core/ageBands.ts';
import { isWithin } from '../coverage/rule.ts';
import type { BlockTrips } from './blockTrips.ts';
import { allocTrips, type ResidentColumns, type TripBuffer } from './columns.ts';
import type { ShardTallies } from './shardTallies.ts';

/** Where a shard records: its tallies, its trip table (null: tallies only), and the thresholds the trips and F15 are judged by. */
export interface ShardRecord {
  tallies: ShardTallies;
  rows: TripBuffer | null;
  /** Walking-time threshold per service, minutes. */
  thresholdMin: Float64Array;
  nServices: number;
  f15Min: number;
}

/** One block of the shard: its index in the scenario and in the shard, and its residents. */
export interface BlockResidents {
  block: number;
  local: number;
  /** The residents' columns, this block's from row `from`; the first is resident number `firstResident`. */
  residents: ResidentColumns;
  from: number;
  firstResident: number;
  /** The walk to the farthest of the block's nearest basic services (choiceSets.ts farthestNearest). */
  basicMetres: number;
}

const NO_ROWS = allocTrips(0, false);

/** Count the block's residents and tally (and append) their trips. */
export function recordBlock(bt: BlockTrips, where: BlockResidents, rec: ShardRecord): void {
  const { residents, count, first, who, order, service, site: sites, metres, minutes, departure, chained } = bt;
  const { trips, within: withinTally, unserved, minutes: minutesTally, loads, residents: residentTally, f15 } = rec.tallies;
  const { rows, thresholdMin, nServices, f15Min } = rec;
  const { block, local, from, firstResident, basicMetres } = where;
  const { ageBand, speedMps } = where.residents;
  const bb0 = local * N_AGE_BANDS;
  for (let r = from; r < from + residents; r++) {
    residentTally[bb0 + ageBand[r]]++;
    if (isWithin(basicMetres, speedMps[r], f15Min)) f15[bb0 + ageBand[r]]++;
  }
  if (rows) rows.reserve(count);
  const { resident: outResident, ageBand: outBand, service: outService, originBlock: outBlock, site: outSite, departureMin: outDeparture, walkMin: outMinutes, within: outWithin, tourLeg: outLeg } = rows ? rows.cols : NO_ROWS;
  const row0 = rows ? rows.length : 0;
  for (let k = 0; k < count; k++) {
    const trip = order[k];
    const r = who[trip];
    const band = ageBand[from + r];
    const s = service[trip];
    const site = sites[trip];
    const cell = (bb0 + band) * nServices + s;
    trips[cell]++;
    let within = 0;
    if (site >= 0) {
      loads[site]++;
      minutesTally[cell] += minutes[trip];
      within = isWithin(metres[trip], speedMps[from + r], thresholdMin[s]) ? 1 : 0;
      withinTally[cell] += within;
    } else {
      unserved[cell]++;
    }
    if (rows) {
      // The trip table's row: departure in whole minutes (at most 65535), tour leg at most 255.
      const row = row0 + k;
      outResident[row] = firstResident + r;
      outBand[row] = band;
      outService[row] = s;
      outBlock[row] = block;
      outSite[row] = site;
      outDeparture[row] = Math.min(65535, Math.round(departure[trip]));
      outMinutes[row] = minutes[trip];
      outWithin[row] = within;
      outLeg[row] = chained[r] ? Math.min(255, k - first[r] + 1) : 0;
    }
  }
  if (rows) rows.length = row0 + count;
}
