/**
 * The capacity loop: shadow prices (minutes of walking added to a site's cost) that move trips away
 * from sites over capacity.
 *
 * - The measure: trips beyond capacity x (1 + tolerance), summed over the capacitated sites. The loop
 *   has converged when it is 0 (every load within capacity x (1 + tolerance)).
 * - The update, from the loads of the current prices: price_j <- max(0, price_j + step x damping x
 *   clamp(load_j / capacity_j - 1, -1, 2)). A site 3x or more over capacity gains at most 2 steps a pass.
 * - Damping: a pass that makes the measure worse than the best so far is undone (the prices go back
 *   to the best pass's) and the damping halves; it starts at 1. A pass that leaves it equal is kept
 *   (loads move in whole trips: prices may need several steps before a trip moves).
 * - Stop: 'converged' (measure 0); 'stagnated' when the best measure has not improved by more than
 *   stagnationTolerance (relative) over the last stagnationPasses passes; 'pass limit' after
 *   maxIterations passes.
 * - The result is the best pass (least measure; ties: the earlier), not the last.
 *
 * Every step is a deterministic function of the loads, which are sums of whole trips, so the loop is
 * the same for any thread count.
 */
import { isCapacitated, type SiteCatalogue } from '../travel/sites.ts';

export type CapacityStop = 'converged' | 'stagnated' | 'pass limit';

export interface CapacityLoopSettings {
  maxIterations: number;
  tolerance: number;
  priceStepMin: number;
  stagnationPasses: number;
  stagnationTolerance: number;
}

export interface CapacityLoopResult {
  /** The best pass's prices and loads. */
  prices: Float64Array;
  loads: Float64Array;
  /** Passes run, the first (no prices) included. */
  passes: number;
  /** The pass whose prices were kept (1 = no prices). */
  bestPass: number;
  stopped: CapacityStop;
  /** The measure of the best pass. */
  excess: number;
}

/** Trips beyond capacity x (1 + tolerance), summed over the capacitated sites. */
export function excessTrips(sites: SiteCatalogue, loads: Float64Array, tolerance: number): number {
  let excess = 0;
  for (let j = 0; j < sites.count; j++) {
    if (!isCapacitated(sites, j)) continue;
    const over = loads[j] - sites.capacity[j] * (1 + tolerance);
    if (over > 0) excess += over;
  }
  return excess;
}

/** Run the loop from the first pass's loads (no prices); passLoads gives the loads under new prices. */
export async function capacityLoop(sites: SiteCatalogue, firstLoads: Float64Array, passLoads: (prices: Float64Array) => Promise<Float64Array>, s: CapacityLoopSettings): Promise<CapacityLoopResult> {
  let best: { prices: Float64Array; loads: Float64Array; excess: number; pass: number } = { prices: new Float64Array(sites.count), loads: firstLoads, excess: excessTrips(sites, firstLoads, s.tolerance), pass: 1 };
  const bestByPass = [best.excess];
  let prices = best.prices;
  let loads = firstLoads;
  let damping = 1;
  let passes = 1;
  let stopped: CapacityStop = 'converged';
  for (;;) {
    if (best.excess === 0) {
      stopped = 'converged';
      break;
    }
    if (passes >= s.maxIterations) {
      stopped = 'pass limit';
      break;
    }
    const k = s.stagnationPasses;
    if (passes > k && best.excess > (1 - s.stagnationTolerance) * bestByPass[passes - 1 - k]) {
      stopped = 'stagnated';
      break;
    }
    prices = updatePrices(sites, prices, loads, s.priceStepMin * damping);
    loads = await passLoads(prices);
    passes++;
    const excess = excessTrips(sites, loads, s.tolerance);
    if (excess < best.excess) best = { prices, loads, excess, pass: passes };
    else if (excess > best.excess) {
      damping /= 2;
      prices = best.prices;
      loads = best.loads;
    }
    bestByPass.push(best.excess);
  }
  return { prices: best.prices, loads: best.loads, passes, bestPass: best.pass, stopped, excess: best.excess };
}

function updatePrices(sites: SiteCatalogue, prices: Float64Array, loads: Float64Array, step: number): Float64Array {
  const next = new Float64Array(prices.length);
  for (let j = 0; j < sites.count; j++) {
    if (!isCapacitated(sites, j)) continue;
    const cap = sites.capacity[j];
    const ratio = cap > 0 ? loads[j] / cap : loads[j] > 0 ? 3 : 0;
    next[j] = Math.max(0, prices[j] + step * Math.min(2, Math.max(-1, ratio - 1)));
  }
  return next;
}
