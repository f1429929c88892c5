/**
 * Destination choice: which site of its choice set (choiceSets.ts) each trip of a block goes to.
 * - Cost of a site = walking minutes at the resident's speed (coverage/rule.ts walkMinutes) + the
 *   site's shadow price in minutes (capacities; 0 without them).
 * - 'nearest': the site of least cost (ties: the lower site index).
 * - 'logit': P(j) proportional to exp(beta x cost_j) (beta per minute, negative; see simulate.ts),
 *   picked by the trip's uniform draw (drawn with the trip: blockTrips.ts).
 * - An empty choice set: no site (-1, Infinity metres, NaN minutes); the trip is then unserved.
 * The minutes a trip records are its home-to-site walk in float32, the trip table's precision.
 */
import { walkMinutes } from '../coverage/rule.ts';
import type { BlockTrips } from './blockTrips.ts';
import type { ChoiceSets } from './choiceSets.ts';
import type { SimulateStatic } from './task.ts';

export class DestinationChoice {
  /** True when the choice is a logit (it then takes one draw per trip). */
  readonly logit: boolean;
  private readonly beta: number;
  /** Shadow price per site in minutes, or null when there is none other than 0. */
  private readonly prices: Float64Array | null;
  private weights = new Float64Array(64);

  constructor(ctx: SimulateStatic, prices: Float64Array | null) {
    this.logit = ctx.choice === 'logit';
    this.beta = ctx.betaPerMin;
    this.prices = anyPrice(prices) ? prices : null;
  }

  /** Choose the site of every trip of the block; resident r walks at speedMps[from + r]. */
  chooseAll(bt: BlockTrips, cs: ChoiceSets, speedMps: Float32Array, from: number): void {
    if (this.logit) this.chooseLogit(bt, cs, speedMps, from);
    else if (this.prices) chooseCheapest(bt, cs, speedMps, from, this.prices);
    else chooseNearest(bt, cs, speedMps, from);
  }

  /** Logit choice: trip t takes the site its uniform draw pick[t] falls on. */
  private chooseLogit(bt: BlockTrips, cs: ChoiceSets, speedMps: Float32Array, from: number): void {
    const { count, who, service, pick, site, metres, minutes } = bt;
    const { offsets, site: csSite, metres: csMetres } = cs;
    const { prices, beta } = this;
    for (let t = 0; t < count; t++) {
      const speed = speedMps[from + who[t]];
      const q0 = offsets[service[t]];
      const n = offsets[service[t] + 1] - q0;
      if (n > this.weights.length) this.weights = new Float64Array(n * 2);
      const q = n <= 1 ? (n === 1 ? q0 : -1) : q0 + logitDraw(this.weights, csSite, csMetres, q0, n, speed, prices, beta, pick[t]);
      place(site, metres, minutes, t, csSite, csMetres, q, speed);
    }
  }
}

/** True when some shadow price is not 0 (with none, the nearest site is chosen by metres). */
export function anyPrice(prices: Float64Array | null): prices is Float64Array {
  if (!prices) return false;
  for (let j = 0; j < prices.length; j++) if (prices[j] !== 0) return true;
  return false;
}

/** Nearest choice without prices: the nearest site (choiceSets.ts). */
function chooseNearest(bt: BlockTrips, cs: ChoiceSets, speedMps: Float32Array, from: number): void {
  const { count, who, service, site, metres, minutes } = bt;
  const { nearest, site: csSite, metres: csMetres } = cs;
  for (let t = 0; t < count; t++) place(site, metres, minutes, t, csSite, csMetres, nearest[service[t]], speedMps[from + who[t]]);
}

/** Nearest choice with prices: the site of least cost (ties: the lower site index). */
function chooseCheapest(bt: BlockTrips, cs: ChoiceSets, speedMps: Float32Array, from: number, prices: Float64Array): void {
  const { count, who, service, site, metres, minutes } = bt;
  const { offsets, site: csSite, metres: csMetres } = cs;
  for (let t = 0; t < count; t++) {
    const speed = speedMps[from + who[t]];
    const s = service[t];
    const q = cheapestPosition(csSite, csMetres, offsets[s], offsets[s + 1], speed, prices);
    const best = q >= 0 ? csSite[q] : -1;
    const bestMetres = q >= 0 ? csMetres[q] : Infinity;
    site[t] = best;
    metres[t] = bestMetres;
    minutes[t] = best >= 0 ? Math.fround(walkMinutes(bestMetres, speed)) : NaN;
  }
}

/** The position in q0 .. q1 of the site of least walking minutes + price (ties: the first); -1 when empty. The capacity re-choice (rechoice.ts) calls it too. */
export function cheapestPosition(csSite: Int32Array, csMetres: Float64Array, q0: number, q1: number, speed: number, prices: Float64Array): number {
  let best = -1;
  let cbest = Infinity;
  for (let q = q0; q < q1; q++) {
    const c = walkMinutes(csMetres[q], speed) + prices[csSite[q]];
    if (c < cbest) {
      cbest = c;
      best = q;
    }
  }
  return best;
}

/**
 * Which of the n sites from choice-set position q0 the uniform draw u picks, with probabilities
 * proportional to exp(beta x cost) (costs relative to the least, for numerical safety). The capacity
 * re-choice (rechoice.ts) calls it too.
 */
export function logitDraw(weights: Float64Array, csSite: Int32Array, csMetres: Float64Array, q0: number, n: number, speed: number, prices: Float64Array | null, beta: number, u: number): number {
  let cmin = Infinity;
  for (let q = 0; q < n; q++) {
    const c = walkMinutes(csMetres[q0 + q], speed) + (prices ? prices[csSite[q0 + q]] : 0);
    weights[q] = c;
    if (c < cmin) cmin = c;
  }
  let total = 0;
  for (let q = 0; q < n; q++) {
    const w = Math.exp(beta * (weights[q] - cmin));
    weights[q] = w;
    total += w;
  }
  const target = u * total;
  let acc = 0;
  let q = 0;
  for (; q < n - 1; q++) {
    acc += weights[q];
    if (target < acc) break;
  }
  return q;
}

/** Trip t goes to choice-set position q (-1: unserved): its site, metres and float32 minutes at `speed`. */
function place(site: Int32Array, metres: Float64Array, minutes: Float64Array, t: number, csSite: Int32Array, csMetres: Float64Array, q: number, speed: number): void {
  if (q >= 0) {
    site[t] = csSite[q];
    metres[t] = csMetres[q];
    minutes[t] = Math.fround(walkMinutes(csMetres[q], speed));
  } else {
    site[t] = -1;
    metres[t] = Infinity;
    minutes[t] = NaN;
  }
}
