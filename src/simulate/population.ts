/**
 * Population synthesis: residents of one block as columns.
 *
 * Rules (documented for users of the output):
 * - Band counts: population x ageShares rounded by the largest-remainder method: every band gets the
 *   floor of its quota and the leftover residents go one each to the bands with the largest fractional
 *   parts (ties: the lower band first). The block total is exact. Shares are normalised first; a block
 *   whose shares sum to 0 puts everybody in 35-59.
 * - Order: residents of a block are numbered band by band (0-5 first), globally in block order.
 * - Age in years: uniform over the band's years (AGE_BAND_YEARS; 75+ capped at 99): one draw.
 * - Walking speed: band speed x (1 + spread x (2u - 1)), one draw (spread 0.1 = +/-10%, an assumption
 *   standing for individual variation around the behaviour table's band mean).
 * - Households: adults 18-59 pair up in households of two (consecutive adults); children 0-17 are
 *   spread round-robin over those households; residents 60+ pair up in their own households. A block
 *   without adults 18-59 spreads its children over the elders' households (grandparents raising
 *   grandchildren); a block with only children puts them in one household. A household's id is the
 *   global index of its first member.
 * - Escorts: a 0-5 year old travels with its household's first member (an adult, or the grandparent)
 *   and the pair walks at the slower of the escort's speed and the 0-5 band speed (the adult slows to
 *   the child's pace). A child without any adult in the block has no escort (-1) and walks at the band
 *   speed.
 */
import { AGE_BAND_YEARS, N_AGE_BANDS } from '../core/ageBands.ts';
import type { Rng } from './rng.ts';

/** Largest-remainder split of `total` by `shares[offset .. offset+6)` into `out` (length 6). */
export function allocateBands(total: number, shares: ArrayLike<number>, offset: number, out: Int32Array): void {
  let sum = 0;
  for (let b = 0; b < N_AGE_BANDS; b++) sum += Math.max(0, shares[offset + b]);
  out.fill(0);
  if (total <= 0) return;
  if (!(sum > 0)) {
    out[3] = total;
    return;
  }
  const rem = [0, 0, 0, 0, 0, 0];
  let assigned = 0;
  for (let b = 0; b < N_AGE_BANDS; b++) {
    const q = (total * Math.max(0, shares[offset + b])) / sum;
    const f = Math.floor(q);
    out[b] = f;
    rem[b] = q - f;
    assigned += f;
  }
  let left = total - assigned;
  while (left > 0) {
    let best = 0;
    for (let b = 1; b < N_AGE_BANDS; b++) if (rem[b] > rem[best]) best = b;
    out[best]++;
    rem[best] = -1;
    left--;
  }
}

/** Where one block's residents go: columns indexed from `at` (local index), numbered globally from `firstGlobal`. */
export interface ResidentSink {
  ageBand: Uint8Array;
  ageYears: Uint8Array;
  speedMps: Float32Array;
  household: Int32Array;
  escort: Int32Array;
}

/**
 * Synthesize one block's residents into `sink` at local positions [at, at + population).
 * Draws 2 random numbers per resident. Returns the number of draws.
 */
export function synthesizeBlock(counts: Int32Array, speedMps: Float64Array, speedSpread: number, rng: Rng, sink: ResidentSink, at: number, firstGlobal: number): number {
  let i = at;
  for (let band = 0; band < N_AGE_BANDS; band++) {
    const [lo, hi] = AGE_BAND_YEARS[band];
    const span = hi - lo + 1;
    const v = speedMps[band];
    for (let k = 0; k < counts[band]; k++, i++) {
      sink.ageBand[i] = band;
      sink.ageYears[i] = lo + Math.floor(rng() * span);
      sink.speedMps[i] = v * (1 + speedSpread * (2 * rng() - 1));
      sink.escort[i] = -1;
    }
  }
  const start0 = at;
  const start1 = start0 + counts[0];
  const start2 = start1 + counts[1];
  const start4 = start2 + counts[2] + counts[3];
  const end = start4 + counts[4] + counts[5];
  const g = (local: number): number => firstGlobal + (local - at);
  const nAdults = start4 - start2;
  const nElders = end - start4;
  // Adults 18-59 and elders 60+ pair up into households of two.
  for (let j = start2; j < start4; j++) sink.household[j] = g(start2 + 2 * ((j - start2) >> 1));
  for (let j = start4; j < end; j++) sink.household[j] = g(start4 + 2 * ((j - start4) >> 1));
  // Children go round-robin to the adults' households, else the elders', else one children's household.
  const hostStart = nAdults > 0 ? start2 : nElders > 0 ? start4 : -1;
  const hosts = nAdults > 0 ? (nAdults + 1) >> 1 : nElders > 0 ? (nElders + 1) >> 1 : 0;
  const slowest = speedMps[0];
  for (let j = start0; j < start2; j++) {
    const c = j - start0;
    if (hosts === 0) {
      sink.household[j] = g(start0);
      continue;
    }
    const head = hostStart + 2 * (c % hosts);
    sink.household[j] = g(head);
    if (j < start1) {
      sink.escort[j] = g(head);
      sink.speedMps[j] = Math.min(sink.speedMps[head], slowest);
    }
  }
  return 2 * (end - at);
}
