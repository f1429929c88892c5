/**
 * Daily activity generation: how many trips a resident makes to each service, and when.
 *
 * - Trip counts are Poisson: a resident of band b makes Poisson(tripsPerDay[s * 6 + b]) trips to
 *   service s, independently across services. We draw it the equivalent cheap way (Poisson
 *   splitting): the day's total N ~ Poisson(L_b) with L_b = sum_s tripsPerDay[s * 6 + b], by
 *   inversion of its CDF (one draw); then each of the N trips picks its service with probability
 *   tripsPerDay[s * 6 + b] / L_b (one draw each). The per-service counts are then exactly independent
 *   Poisson(tripsPerDay[s * 6 + b]).
 * - Departure: the hour from the service's hourly profile (one draw, inversion of the cumulative
 *   weights; a row summing to 0 is read as flat), then a uniform minute within the hour (one draw).
 * - Chaining: a resident with two or more trips chains them, with probability chainProbability (one
 *   draw), into one tour home -> a -> b -> ... -> home, visited in order of their drawn departure times.
 *   The tour leaves at the first stop's drawn time; each later stop is left for the next one after
 *   the walk in plus a dwell time (see tour.ts for how the walks between stops are approximated).
 */
import { N_AGE_BANDS } from '../core/ageBands.ts';

/** Tables precomputed once per run for fast inversion sampling. */
export interface ActivityTables {
  nServices: number;
  /** Poisson CDF of the day's trip count per band: cdf[poissonOffsets[b] + k] = P(N <= k). */
  poissonOffsets: Int32Array;
  poissonCdf: Float64Array;
  /** Per band, cumulative service probabilities: serviceCdf[b * nServices + s]. */
  serviceCdf: Float64Array;
  /** Per service, cumulative hour weights: hourCdf[s * 24 + h]. */
  hourCdf: Float64Array;
}

/** Precompute the inversion tables (Poisson tails are cut where they fall below 1e-15). */
export function activityTables(tripsPerDay: Float64Array, departureProfile: Float64Array, nServices: number): ActivityTables {
  const lists: number[][] = [];
  const serviceCdf = new Float64Array(N_AGE_BANDS * nServices);
  for (let b = 0; b < N_AGE_BANDS; b++) {
    let total = 0;
    for (let s = 0; s < nServices; s++) total += tripsPerDay[s * N_AGE_BANDS + b];
    let acc = 0;
    for (let s = 0; s < nServices; s++) {
      acc += tripsPerDay[s * N_AGE_BANDS + b];
      serviceCdf[b * nServices + s] = total > 0 ? acc / total : (s + 1) / nServices;
    }
    if (nServices > 0) serviceCdf[b * nServices + nServices - 1] = 1;
    // Poisson(total) CDF by the recurrence p_k = p_{k-1} * L / k.
    const cdf: number[] = [];
    let p = Math.exp(-total);
    let c = p;
    cdf.push(c);
    for (let k = 1; 1 - c > 1e-15 && k < 10000; k++) {
      p = (p * total) / k;
      c += p;
      cdf.push(c);
      if (p === 0 && k > total) break;
    }
    cdf[cdf.length - 1] = 1;
    lists.push(cdf);
  }
  const poissonOffsets = new Int32Array(N_AGE_BANDS + 1);
  for (let b = 0; b < N_AGE_BANDS; b++) poissonOffsets[b + 1] = poissonOffsets[b] + lists[b].length;
  const poissonCdf = new Float64Array(poissonOffsets[N_AGE_BANDS]);
  lists.forEach((l, b) => poissonCdf.set(l, poissonOffsets[b]));
  const hourCdf = new Float64Array(nServices * 24);
  for (let s = 0; s < nServices; s++) {
    let total = 0;
    for (let h = 0; h < 24; h++) total += Math.max(0, departureProfile[s * 24 + h]);
    let acc = 0;
    for (let h = 0; h < 24; h++) {
      acc += Math.max(0, departureProfile[s * 24 + h]);
      hourCdf[s * 24 + h] = total > 0 ? acc / total : (h + 1) / 24;
    }
    hourCdf[s * 24 + 23] = 1;
  }
  return { nServices, poissonOffsets, poissonCdf, serviceCdf, hourCdf };
}

/** The day's trip count of a resident of `band` for the uniform draw u (a linear scan: most counts are 0, 1 or 2). */
export function drawTripCount(t: ActivityTables, band: number, u: number): number {
  const lo = t.poissonOffsets[band];
  const hi = t.poissonOffsets[band + 1] - 1;
  let k = lo;
  while (k < hi && u >= t.poissonCdf[k]) k++;
  return k - lo;
}

/** The service of one trip of a resident of `band` for the uniform draw u. */
export function drawService(t: ActivityTables, band: number, u: number): number {
  const base = band * t.nServices;
  return firstAbove(t.serviceCdf, base, base + t.nServices - 1, u) - base;
}

/** The departure hour of a trip to service s for the uniform draw u. */
export function drawHour(t: ActivityTables, s: number, u: number): number {
  const base = s * 24;
  return firstAbove(t.hourCdf, base, base + 23, u) - base;
}

/**
 * The first index i in [lo, hi) with cdf[i] > u, or hi when there is none: what a linear scan of a
 * cumulative table finds, by bisection (the table is non-decreasing).
 */
function firstAbove(cdf: Float64Array, lo: number, hi: number, u: number): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const m = (a + b) >> 1;
    if (u >= cdf[m]) a = m + 1;
    else b = m;
  }
  return a;
}
