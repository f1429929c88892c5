/**
 * The simulation's public API.
 *
 *   const matrix = await computeDistanceMatrix(scenario, reachM(scenario));
 *   const result = await simulate(scenario, matrix, { plan, threads, choice: 'logit' });
 *   result.demand[(block * 6 + band) * nServices + service]   // simulated trips: the optimizer's weights
 *   await writeSimulationOutputs(result, scenario, dir);       // trips.csv|bin, metrics.json, block_metrics.csv
 *
 * or all of it at once: simulateToDir(scenario, { out, plan, threads }).
 */
export { simulate, shardBlocks, resolveOptions, DEFAULT_BETA_PER_MIN, F15_MINUTES } from './simulate.ts';
export { simulateToDir, defaultSimulateOutDir, type SimulateJobOptions, type SimulateJobResult } from './job.ts';
export { writeSimulationOutputs, writeTripsCsv, writeTripsBinary, readTripsBinary, type TripsFormat, type WrittenOutputs } from './output.ts';
export { validatePlan, type Plan, type Conversion } from './plan.ts';
export { siteCatalogue, type SiteCatalogue } from './sites.ts';
export type { SimulationMetrics, SiteLoad } from './types.ts';
export type { SimulateOptions, SimulationResult, CapacityReport, ResolvedSimulateOptions, ChoiceModel } from './types.ts';
export type { ResidentColumns, TripColumns } from './columns.ts';
