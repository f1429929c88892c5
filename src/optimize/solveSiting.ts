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

/**
 * From this many options (about 140 idle spaces of the generator, a district of about 90,000 residents)
 * or this many units (about 400 blocks) `auto` solves by pricing the city's limits. Measured
 * (bench/citySwitch.ts, the whole `optimize` command): on generated districts of 100,000-150,000
 * residents, or of 60,000-120,000 on 1,000-20,000 blocks, the `auto` recipe took 15-87 s, most of it in
 * the explained plan's re-solves of a proven plan (one stopped at the 60 s limit), the city path
 * 0.03-0.97 of that, every plan proven or certified within 0.1%. The default scenario (709 options,
 * 7,690 units) keeps the `auto` recipe and its plan.
 */
export const CITY_MIN_OPTIONS = 1000;
export const CITY_MIN_UNITS = 20_000;

/** Whether `auto` takes the city-scale path: large, and no equity floors or predefined options (which it does not model). */
export function isCityScale(inst: CoverageInstance): boolean {
  return (inst.nOptions >= CITY_MIN_OPTIONS || inst.nUnits >= CITY_MIN_UNITS) && inst.mustOpen.length === 0 && !hasEquity(inst);
}

export interface SitingSolveOptions extends CoverageSolveOptions {
  /** On the city path, its plans and bound without the MILPs that prove or certify (citySolve.ts boundsOnly). */
  cityBoundsOnly?: boolean;
}

export async function solveSiting(inst: CoverageInstance, opts: SitingSolveOptions): Promise<LocateResult> {
  if ((opts.solver ?? 'auto') !== 'auto' || !isCityScale(inst)) return solveCoverage(inst, opts);
  const seed = opts.seed ?? 1;
  return withPool(opts.pool, opts.threads, (pool) => solveCity(inst, { pool, timeLimit: opts.timeLimit ?? 60, seed, initial: opts.initial, boundsOnly: opts.cityBoundsOnly }));
}
