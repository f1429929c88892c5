/**
 * A bound for the whole city by pricing its coupling limits (citySolve.ts).
 *
 * Price each conversion mu >= 0 and each yuan nu >= 0, and drop the floor-area and minimum-count rows
 * (dropping rows of a maximisation only raises it). What is left,
 *   D(mu, nu) = mu P + nu B + max { sum_u w_u y_u - sum_k (mu + nu cost_k) x_k : y_u <= sum_{k covers u} x_k, 0 <= x, y <= 1 },
 * is at least the optimum of the LP relaxation, hence of every plan, for ANY prices (weak duality).
 * The inner problem has no row joining distant options: it splits into independent pieces, the
 * options that reach a common unit, joined (cityModel.optionComponents). Options that reach less
 * weight than their price are left out first (opening one can never pay), and the rest of a
 * contiguous city then falls apart into a few dozen neighbourhoods, each a small LP solved exactly by
 * HiGHS, in parallel on the pool. The pieces are dealt in a fixed order and summed in that order, so
 * the bound does not depend on the number of threads. The solutions of the pieces (the options they
 * open, fractionally) also say how many conversions and how much money the prices ask for: the
 * subgradient (P - sum x, B - sum cost x) that moves the prices.
 */
import type { CoverageInstance } from '../locate/model/coverage.ts';
import { readHighs } from '../locate/solvers/highs/outcome.ts';
import { runTask, type Pool } from '../parallel/pool.ts';
import { optionComponents, pricedModel, relevantUnit, tiles } from './cityModel.ts';
import type { Prices } from './cityPrimal.ts';
import type { CityHighsResult, CityHighsTask } from './cityTask.ts';

export interface CityBound {
  prices: Prices;
  /** min(D(mu, nu), L) (a piece not solved counts all the weight it reaches in D). */
  bound: number;
  /**
   * L: the same bound written with the pieces' LP duals as multipliers of every cover row (a merged
   * unit's dual shared among its units in proportion to weight; units outside the pieces pay their
   * whole weight), valid for any multipliers; and rc_k, each option's reduced cost at them. Every plan
   * with option k open is worth at most L + min(0, rc_k).
   */
  lagrangian: number;
  rc: Float64Array;
  /** The pieces' LP solution: x per option (0 for options left out). */
  x: Float64Array;
  /** Sum of x and of cost x: what the prices ask for. */
  conversions: number;
  cost: number;
  pieces: number;
  largestPiece: number;
  /** Pieces cut into tiles, and the LPs solved in all. */
  tiled: number;
  jobs: number;
  /** Pieces HiGHS did not solve to optimality. */
  unsolved: number;
}

/** Pieces of more options than this are cut into tiles of at most TILE_SIZE options. */
const TILE_ABOVE = 1500;
const TILE_SIZE = 700;

/** Weight each option reaches (relevant units only). */
export function reachWeight(inst: CoverageInstance): Float64Array {
  const w = new Float64Array(inst.nOptions);
  for (let k = 0; k < inst.nOptions; k++) for (let e = inst.optStart[k]; e < inst.optStart[k + 1]; e++) {
    const u = inst.optUnits[e];
    if (relevantUnit(inst, u)) w[k] += inst.weight[u];
  }
  return w;
}

/** D(mu, nu) and its pieces' solution; `reach` from reachWeight. */
export async function cityBound(inst: CoverageInstance, reach: Float64Array, prices: Prices, pool: Pool, timeLimit: number): Promise<CityBound> {
  const K = inst.nOptions;
  const price = new Float64Array(K);
  const keep = new Uint8Array(K);
  const hasBudget = Number.isFinite(inst.budget);
  for (let k = 0; k < K; k++) {
    price[k] = prices.mu + (hasBudget ? prices.nu * inst.cost[k] : 0);
    keep[k] = reach[k] > price[k] ? 1 : 0;
  }
  const pieces = optionComponents(inst, keep);
  // jobs: the pieces, the largest cut into tiles (units in one tile each, options shared, their price split by reach)
  const jobs: { options: number[]; price: Float64Array; unitKeep?: Uint8Array }[] = [];
  let tiled = 0;
  for (const piece of pieces) {
    if (piece.length <= TILE_ABOVE) {
      jobs.push({ options: piece, price });
      continue;
    }
    tiled++;
    const { unitTile, count } = tiles(inst, piece, TILE_SIZE);
    for (let t = 0; t < count; t++) {
      const unitKeep = new Uint8Array(inst.nUnits);
      const share = new Float64Array(K);
      const options: number[] = [];
      for (const k of piece) {
        let w = 0;
        for (let e = inst.optStart[k]; e < inst.optStart[k + 1]; e++) {
          const u = inst.optUnits[e];
          if (unitTile[u] === t) {
            unitKeep[u] = 1;
            w += inst.weight[u];
          }
        }
        if (w > 0) {
          options.push(k);
          share[k] = (price[k] * w) / reach[k];
        }
      }
      jobs.push({ options, price: share, unitKeep });
    }
  }
  // largest first, so that the pool is not left waiting on one big job at the end
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[b].options.length - jobs[a].options.length || a - b);
  const reachable = new Float64Array(jobs.length);
  const models: ReturnType<typeof pricedModel>[] = new Array(jobs.length);
  const results = await Promise.all(
    order.map((i) => {
      const m = pricedModel(inst, jobs[i].options, jobs[i].price, jobs[i].unitKeep);
      models[i] = m;
      for (const w of m.weight) reachable[i] += w;
      // presolve off: on these small LPs it costs more than it saves
      return runTask<CityHighsResult>(pool, { kind: 'city-highs', ...m.task, options: { time_limit: timeLimit, presolve: 'off' } } as CityHighsTask);
    }),
  );
  const x = new Float64Array(K);
  // cover-row multipliers: a unit outside every solved piece pays its whole weight
  const pi = new Float64Array(inst.nUnits);
  for (let u = 0; u < inst.nUnits; u++) if (relevantUnit(inst, u)) pi[u] = inst.weight[u];
  let sum = 0;
  let unsolved = 0;
  let conversions = 0;
  let cost = 0;
  order.forEach((i, j) => {
    const r = results[j];
    if (!readHighs(r).optimal) {
      unsolved++;
      sum += reachable[i]; // a piece covers at most all it reaches
      return;
    }
    sum += r.objective;
    const m = models[i];
    for (let t = 0; t < m.units.length; t++) {
      const u = m.units[t];
      const row = m.unitRow[t];
      pi[u] = (Math.min(m.weight[row], Math.max(0, r.rowDual[row])) * inst.weight[u]) / m.weight[row];
    }
    // an option shared by tiles: the most any of them opens it
    const opts = models[i].options;
    for (let t = 0; t < opts.length; t++) x[opts[t]] = Math.max(x[opts[t]], Math.min(1, Math.max(0, r.colValue[t])));
  });
  const fixed = (Number.isFinite(inst.maxOpen) ? prices.mu * inst.maxOpen : 0) + (hasBudget ? prices.nu * inst.budget : 0);
  for (let k = 0; k < K; k++) {
    conversions += x[k];
    cost += x[k] * inst.cost[k];
  }
  let lagrangian = fixed;
  for (let u = 0; u < inst.nUnits; u++) if (relevantUnit(inst, u)) lagrangian += Math.max(0, inst.weight[u] - pi[u]);
  const rc = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let s = -price[k];
    for (let e = inst.optStart[k]; e < inst.optStart[k + 1]; e++) s += pi[inst.optUnits[e]];
    rc[k] = s;
    if (s > 0) lagrangian += s;
  }
  return {
    prices,
    bound: Math.min(fixed + sum, lagrangian),
    lagrangian,
    rc,
    x,
    conversions,
    cost,
    pieces: pieces.length,
    largestPiece: pieces.reduce((m, p) => Math.max(m, p.length), 0),
    tiled,
    jobs: jobs.length,
    unsolved,
  };
}
