/**
 * The one solver call of the living-circle optimizer (optimize.ts, and explain.ts's re-solves): the
 * city-scale solve (citySolve.ts) for `auto` on models of city size, the solver asked for otherwise.
 * Smaller models (a sub-district such as the default scenario) keep the `auto` recipe of
 * src/locate/solvers/solveCoverage.ts, whose plans they had before.
 */
import type { CoverageInstance } from '../locate/model/coverage.ts';
import { hasEquity } from '../locate/model/coverage.ts';
import type { LocateResult } from '../locate/model/result.ts';
import { solveCoverage, type CoverageSolveOptions } from '../locate/solvers/solveCoverage.ts';
import { withPool } from '../parallel/pool.ts';
import { solveCity } from './citySolve.ts';

/** From this many options (about 330 idle spaces of the generator) `auto` solves by pricing the city's limits. */
export const CITY_MIN_OPTIONS = 2500;

/** Whether `auto` takes the city-scale path: large, and no equity floors or predefined options (which it does not model). */
export function isCityScale(inst: CoverageInstance): boolean {
  return inst.nOptions >= CITY_MIN_OPTIONS && inst.mustOpen.length === 0 && !hasEquity(inst);
}

export async function solveSiting(inst: CoverageInstance, opts: CoverageSolveOptions): Promise<LocateResult> {
  if ((opts.solver ?? 'auto') !== 'auto' || !isCityScale(inst)) return solveCoverage(inst, opts);
  const seed = opts.seed ?? 1;
  return withPool(opts.pool, opts.threads, (pool) => solveCity(inst, { pool, timeLimit: opts.timeLimit ?? 60, seed, initial: opts.initial }));
}
