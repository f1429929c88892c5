/**
 * The order of each resident's day and its tours. A resident's trips are put in order of
 * their drawn departure (a stable sort); when drawTrips decided that they form one tour
 * home -> a -> b -> ... -> home, their departures are re-timed.
 *
 * Destinations stay those chosen from home (the 15-minute question is access from home), and the
 * trips' minutes and `within` always report the home-to-site walk. Chaining changes the departure
 * times only: the tour leaves at the first stop's drawn time, and stop k+1 is left for at (departure
 * of stop k) + (walk into stop k) + dwellMin, where the walk between two sites is their straight-line
 * (equirectangular) distance x detourFactor at the resident's speed, or, on an OSM network, the
 * network walk between the two sites (tourLegs.ts; straight line x detourFactor for a pair beyond the
 * matrix's cutoff or off the network). Unserved stops are skipped in time.
 */
import { walkMinutes } from '../coverage/rule.ts';
import type { BlockTrips } from './blockTrips.ts';
import type { SimulateStatic } from './task.ts';
import { legMetres } from './tourLegs.ts';

const EARTH_M_PER_DEG = (Math.PI / 180) * 6371008.8;

/** Order the trips of every resident with two or more by departure, and re-time the tours; resident r walks at speedMps[from + r]. */
export function orderTours(bt: BlockTrips, ctx: SimulateStatic, speedMps: Float32Array, from: number): void {
  const { first, chained, several, nSeveral } = bt;
  for (let k = 0; k < nSeveral; k++) {
    const r = several[k];
    sortByDeparture(bt, first[r], first[r + 1]);
    if (chained[r]) retimeTour(bt, first[r], first[r + 1], ctx, speedMps[from + r]);
  }
}

/** Stable insertion sort of order[a .. b) by departure. */
function sortByDeparture(bt: BlockTrips, a: number, b: number): void {
  const { order, departure } = bt;
  for (let i = a + 1; i < b; i++) {
    const v = order[i];
    let j = i - 1;
    while (j >= a && departure[order[j]] > departure[v]) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = v;
  }
}

/** Departures of the tour order[a .. b): each stop is left for after the walk into the previous one and the dwell. */
function retimeTour(bt: BlockTrips, a: number, b: number, ctx: SimulateStatic, speed: number): void {
  const { order, departure, site: sites, minutes } = bt;
  const { siteLon: lon, siteLat: lat } = ctx;
  let clock = departure[order[a]];
  let here = -1;
  for (let k = a; k < b; k++) {
    const t = order[k];
    departure[t] = clock;
    const site = sites[t];
    if (site < 0) continue;
    let leg = minutes[t];
    if (here >= 0 && here !== site) {
      const onNetwork = ctx.legOffsets ? legMetres(ctx.legOffsets, ctx.legIndex!, ctx.legMetres!, here, site) : -1;
      if (onNetwork >= 0) leg = walkMinutes(onNetwork, speed);
      else {
        const dx = (lon[site] - lon[here]) * Math.cos(((lat[site] + lat[here]) / 2) * (Math.PI / 180));
        const dy = lat[site] - lat[here];
        leg = walkMinutes(Math.sqrt(dx * dx + dy * dy) * EARTH_M_PER_DEG * ctx.detourFactor, speed);
      }
    } else if (here === site) {
      leg = 0;
    }
    clock += leg + ctx.dwellMin;
    here = site;
  }
}
