/**
 * Whole residents per home from fractional estimates, optionally scaled to known totals. Precedence
 * (import-osm): a population grid (--population) replaces the buildings altogether; else per-area
 * totals (--population-by-area), then one total (--population-total), then the footprint estimate.
 *
 * Rounding is by largest remainder: the total is fixed first (round(sum) or the given total), every
 * home gets floor(share), and the units left go to the largest remainders, ties to the earlier home,
 * so a given total is reproduced exactly.
 */

/** Integers summing exactly to `total`, proportional to `weights` (largest remainder). */
export function largestRemainder(weights: ArrayLike<number>, total: number): Int32Array {
  const n = weights.length;
  const out = new Int32Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i] > 0 ? weights[i] : 0;
  if (n === 0 || total <= 0) return out;
  if (sum <= 0) {
    // No weights: spread evenly.
    for (let i = 0; i < n; i++) out[i] = Math.floor(total / n) + (i < total % n ? 1 : 0);
    return out;
  }
  const rem = new Float64Array(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const exact = ((weights[i] > 0 ? weights[i] : 0) * total) / sum;
    out[i] = Math.floor(exact);
    rem[i] = exact - out[i];
    given += out[i];
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => rem[b] - rem[a] || a - b);
  for (let k = 0; k < total - given; k++) out[order[k % n]]++;
  return out;
}

/** Whole residents from the estimates, with no known total. */
export function roundEstimates(estimates: ArrayLike<number>): Int32Array {
  let sum = 0;
  for (let i = 0; i < estimates.length; i++) sum += estimates[i];
  return largestRemainder(estimates, Math.round(sum));
}

export interface AreaTotals {
  /** Area index per home, -1 outside every listed area. */
  areaOf: Int32Array;
  /** Known population per area. */
  population: number[];
}

/** Residents per home scaled so that each area's homes sum to its known population; homes outside every area keep their estimate. */
export function scaleByArea(estimates: ArrayLike<number>, t: AreaTotals): { residents: Int32Array; areasWithoutHomes: number[] } {
  const n = estimates.length;
  const residents = new Int32Array(n);
  const members: number[][] = t.population.map(() => []);
  const outside: number[] = [];
  for (let i = 0; i < n; i++) (t.areaOf[i] >= 0 ? members[t.areaOf[i]] : outside).push(i);
  const areasWithoutHomes: number[] = [];
  members.forEach((list, a) => {
    if (list.length === 0) {
      if (t.population[a] > 0) areasWithoutHomes.push(a);
      return;
    }
    const r = largestRemainder(list.map((i) => estimates[i]), t.population[a]);
    list.forEach((i, k) => (residents[i] = r[k]));
  });
  const r = roundEstimates(outside.map((i) => estimates[i]));
  outside.forEach((i, k) => (residents[i] = r[k]));
  return { residents, areasWithoutHomes };
}
