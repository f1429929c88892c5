/**
 * The trips of one block's residents, in flat arrays reused block after block (they only grow, so
 * there is no allocation per resident or trip). Resident r of the block (0-based) owns trips
 * first[r] .. first[r+1), in the order drawn; trip t belongs to resident who[t]. The steps after the
 * draws loop over the trips, not the residents (a resident makes about one trip a day).
 *
 * drawTrips makes every random draw of the block's day, resident by resident, in this order: the trip
 * count (1 draw), per trip its service, departure hour and minute (3 draws, activities.ts) and, with
 * logit choice, the uniform number that will pick its destination (1 draw, destination.ts); then, with
 * two or more trips, whether they are chained into a tour (1 draw, tour.ts).
 */
import { drawHour, drawService, drawTripCount, type ActivityTables } from './activities.ts';
import type { Rng } from './rng.ts';

export class BlockTrips {
  /** Residents of the block. */
  residents = 0;
  /** first[r] .. first[r+1) are resident r's trips. */
  first = new Int32Array(1025);
  /** 1 when resident r's trips form one tour. */
  chained = new Uint8Array(1024);
  /** The residents with two or more trips (whose trips tour.ts orders): several[0 .. nSeveral). */
  several = new Int32Array(1024);
  nSeveral = 0;
  /** Trips of the block. */
  count = 0;
  /** The resident of each trip. */
  who = new Int32Array(4096);
  service = new Int32Array(4096);
  /** Departure, minutes after midnight (tour.ts re-times chained ones). */
  departure = new Float64Array(4096);
  /** The uniform draw that picks a logit destination (unused with nearest choice). */
  pick = new Float64Array(4096);
  /** Site index, -1 when unserved (destination.ts). */
  site = new Int32Array(4096);
  /** Walking metres from home to the site (Infinity when unserved). */
  metres = new Float64Array(4096);
  /** Walking minutes from home to the site as the trip table stores them (float32), NaN when unserved. */
  minutes = new Float64Array(4096);
  /** Resident r's trips in departure order are order[first[r] .. first[r+1]) (tour.ts). */
  order = new Int32Array(4096);

  /** Room for `residents` residents, and start the block with no trips. */
  startBlock(residents: number): void {
    if (residents >= this.chained.length) {
      this.first = new Int32Array(residents * 2 + 1);
      this.chained = new Uint8Array(residents * 2);
      this.several = new Int32Array(residents * 2);
    }
    this.residents = residents;
    this.nSeveral = 0;
    this.count = 0;
  }

  /** Room for n trips in all (keeping those drawn). */
  reserve(n: number): void {
    if (n <= this.service.length) return;
    const m = n * 2;
    const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => {
      b.set(a as never);
      return b;
    };
    this.who = grow(this.who, new Int32Array(m));
    this.service = grow(this.service, new Int32Array(m));
    this.departure = grow(this.departure, new Float64Array(m));
    this.pick = grow(this.pick, new Float64Array(m));
    this.site = grow(this.site, new Int32Array(m));
    this.metres = grow(this.metres, new Float64Array(m));
    this.minutes = grow(this.minutes, new Float64Array(m));
    this.order = grow(this.order, new Int32Array(m));
  }
}

/**
 * Draw the day of each of the block's residents (ageBand[from + r] for resident r) into `bt`, which
 * startBlock has prepared. Returns the random numbers drawn.
 */
export function drawTrips(bt: BlockTrips, tables: ActivityTables, ageBand: Uint8Array, from: number, logit: boolean, chainProbability: number, rng: Rng): number {
  const { residents, first, chained, several } = bt;
  let { who, service, departure, pick, order } = bt;
  let draws = 0;
  let count = 0;
  let nSeveral = 0;
  for (let r = 0; r < residents; r++) {
    const band = ageBand[from + r];
    const n = drawTripCount(tables, band, rng());
    draws += 1;
    first[r] = count;
    if (count + n > service.length) {
      bt.reserve(count + n);
      ({ who, service, departure, pick, order } = bt);
    }
    for (let t = count; t < count + n; t++) {
      const s = drawService(tables, band, rng());
      const hour = drawHour(tables, s, rng());
      const minute = Math.floor(rng() * 60);
      who[t] = r;
      service[t] = s;
      departure[t] = hour * 60 + minute;
      order[t] = t;
      if (logit) pick[t] = rng();
    }
    draws += (logit ? 4 : 3) * n;
    count += n;
    chained[r] = 0;
    if (n >= 2) {
      several[nSeveral++] = r;
      chained[r] = rng() < chainProbability ? 1 : 0;
      draws += 1;
    }
  }
  first[residents] = count;
  bt.count = count;
  bt.nSeveral = nSeveral;
  return draws;
}
