/**
 * quarterhour's public API: the one entry of the package (`import … from 'quarterhour'`). Core functions
 * take plain typed arrays; the readers (scenario folders, OSM extracts, cost CSVs) are adapters onto them.
 *
 *   const sc = await loadScenario('scenarios/default');
 *   const matrix = await computeDistanceMatrix(sc, reachM(sc));          // CSR block x site metres
 *   const today = await simulate(sc, matrix, { threads: 2 });             // trips, metrics, demand
 *   const { plan, solver } = await optimizeScenario(sc, matrix, today.demand, { solver: 'auto' });
 *
 * or whole jobs: runScenario, simulateToDir, optimizeToDir, runCompare, runBatch.
 */

// Scenarios
export { loadScenario, loadScenarioWithSources } from './scenario/load.ts';
export { generateCity, type GenerateOptions } from './scenario/generate.ts';
export { writeScenario } from './scenario/write.ts';
export type { Scenario, ServiceDef } from './scenario/types.ts';
export { importOsm, importOsmToFolder, type ImportOptions, type ImportResult } from './osm/importScenario.ts';

// Travel: the block x site walking-distance matrix, and the walking network under it
export { computeTravelMatrix, computeDistanceMatrix, type TravelMatrix } from './travel/travelMatrix.ts';
export { reachM } from './travel/reach.ts';
export type { SparseDistanceMatrix } from './travel/matrix.ts';
export { siteCatalogue, type SiteCatalogue } from './travel/sites.ts';
export { readNetworkFile, writeNetworkFile } from './network/binary.ts';
export { isochrone } from './network/isochrone.ts';
export { streetLines, scenarioStreetLines, type StreetLines } from './network/streetLines.ts';

// Coverage: the one rule, and today's (or a plan's) coverage of the residents
export { isWithin, thresholdMetres, walkMinutes } from './coverage/rule.ts';
export { staticCoverage, type StaticCoverage } from './coverage/static.ts';
export type { CoverageSummary, CoverageTable } from './coverage/residential.ts';
export { blocksGeojson } from './coverage/blocksGeojson.ts';
export { differenceGeojson } from './compare/differenceGeojson.ts';
export { readTextFile, setReadEncoding, setReadNotices, type Encoding } from './io/readText.ts';
export { enableInterruptCleanup } from './io/atomic.ts';
export { readParquetFile, readParquetGroups, writeParquetFile, type ParquetCodes, type ParquetColumn, type ParquetSource, type ParquetTable } from './io/parquet.ts';

// Simulation
export { simulate } from './simulate/simulate.ts';
export { writeSimulationOutputs, readTripsBinary, type TripsFormat } from './simulate/output.ts';
export type { SimulateOptions, SimulationResult, SimulationMetrics } from './simulate/types.ts';
export type { ResidentColumns, TripColumns } from './simulate/columns.ts';

// Plans
export { readPlan, parsePlan, planToJson, planTotals } from './plan/io.ts';
export { validatePlan } from './plan/validate.ts';
export { EMPTY_PLAN, type Plan, type Conversion } from './plan/types.ts';

// Optimization: the living-circle siting model, and the classic location models on a cost matrix
export { optimizeScenario, type OptimizeOptions, type SolverRecord } from './optimize/optimize.ts';
export { locate, CLASSIC_MODELS, type ClassicModel, type LocateOptions } from './locate/locate.ts';
export { buildCoverage, type CoverageInput, type CoverageInstance } from './locate/model/coverage.ts';
export { solveCoverage, type CoverageSolveOptions } from './locate/solvers/solveCoverage.ts';
export { SOLVER_NAMES, type LocateResult, type SolverName, type SolveStatus } from './locate/model/result.ts';

// Jobs: what the commands run, each with one travel matrix and one worker pool
export { runScenario, type RunOptions, type RunResult } from './jobs/run.ts';
export type { RunSummary } from './jobs/summary.ts';
export { simulateToDir } from './jobs/simulate.ts';
export { optimizeToDir } from './jobs/optimize.ts';
export { runCompare } from './jobs/compare.ts';
export { runBatch, type BatchOptions, type BatchOutcome } from './jobs/batch.ts';
export { parseBatch, type BatchSpec, type RunSpec } from './batch/spec.ts';
export { checkBatchInputs } from './batch/check.ts';
export { parseQueueUrl } from './queue/connection.ts';
export { runQueuedBatch, startQueueWorker, type QueuedBatchOptions, type QueueWorker, type QueueWorkerOptions } from './queue/api.ts';
export { writePortfolio, type PortfolioOptions } from './scenario/portfolio.ts';
export { comparePlans } from './compare/compare.ts';
export { writeReport } from './report/html/write.ts';

// Errors and the worker pool
export { InputError, isInputError } from './core/errors.ts';
export { createPool, type Pool } from './parallel/pool.ts';
