/**
 * The simulation's public API.
 *
 *   const matrix = await computeDistanceMatrix(scenario, reachM(scenario));
 *   const result = await simulate(scenario, matrix, { plan, threads, choice: 'logit' });
 *   result.demand[(block * 6 + band) * nServices + service]   // simulated trips: the optimizer's weights
 *   await writeSimulationOutputs(result, scenario, dir);       // trips.csv|bin, metrics.json, block_metrics.csv
 *
 * The simulate job (load, matrix, simulate, write: src/jobs/simulate.ts) does all of it at once.
 */
export { simulate, shardBlocks, resolveOptions, DEFAULT_BETA_PER_MIN, F15_MINUTES } from './simulate.ts';
export { writeSimulationOutputs, writeTripsCsv, writeTripsBinary, readTripsBinary, type TripsFormat, type WrittenOutputs } from './output.ts';
export { validatePlan } from '../plan/validate.ts';
export type { Plan, Conversion } from '../plan/types.ts';
export { siteCatalogue, type SiteCatalogue } from '../travel/sites.ts';
export type { SimulationMetrics, SiteLoad } from './types.ts';
export type { SimulateOptions, SimulationResult, CapacityReport, ResolvedSimulateOptions, ChoiceModel } from './types.ts';
export type { ResidentColumns, TripColumns } from './columns.ts';
