/**
 * The simulate job: load the scenario (and a plan, when given), compute the travel matrix out to
 * reachM, simulate one day of every resident's trips, write the outputs atomically.
 */
import path from 'node:path';
import { readPlan } from '../plan/io.ts';
import type { Plan } from '../plan/types.ts';
import { loadScenario } from '../scenario/load.ts';
import type { Scenario } from '../scenario/types.ts';
import { wantsOutput, type TableFormat } from '../io/tableWriter.ts';
import { writeProgress } from '../io/writeProgress.ts';
import { TRIPS_GROUPS_KIND, tripsForm, writeSimulationOutputs, type TripsFormat, type WrittenOutputs } from '../simulate/output.ts';
import { simulate, SIMULATE_TASK_KINDS } from '../simulate/simulate.ts';
import type { SimulateOptions, SimulationResult } from '../simulate/types.ts';
import { startJobPool, withJob } from './context.ts';

export function defaultSimulateOutDir(scenario: Scenario): string {
  return path.join('results', `${scenario.name}-simulate`);
}

export interface SimulateJobOptions extends Omit<SimulateOptions, 'plan' | 'pool'> {
  /** A plan file (plan.json) to simulate instead of today's facilities. */
  planFile?: string;
  /** Output folder (default results/<scenario name>-simulate). */
  out?: string;
  trips?: TripsFormat;
  /** Format of the tables: csv.gz (default) or csv. */
  format?: TableFormat;
  /** Which of trips and block_metrics to write (default: both). */
  outputs?: readonly string[] | null;
  log?: (message: string) => void;
}

export interface SimulateJobResult {
  scenario: Scenario;
  plan: Plan | undefined;
  result: SimulationResult;
  written: WrittenOutputs;
  seconds: { matrix: number; simulate: number; write: number };
}

export async function simulateToDir(location: string, opts: SimulateJobOptions = {}): Promise<SimulateJobResult> {
  const { planFile, out, trips, format, outputs, log = () => {}, ...simOpts } = opts;
  // On several threads the workers start (and load the simulation's code, and the trips table's
  // encoder when it is Parquet) while the scenario is read.
  const parquetTrips = tripsForm(trips ?? 'auto', { format, outputs }) === 'parquet';
  const pool = startJobPool(opts.threads, parquetTrips ? [...SIMULATE_TASK_KINDS, TRIPS_GROUPS_KIND] : SIMULATE_TASK_KINDS);
  let scenario: Scenario;
  let plan: Plan | undefined;
  try {
    scenario = await loadScenario(location);
    plan = planFile === undefined ? undefined : readPlan(planFile, scenario);
  } catch (e) {
    await pool?.destroy();
    throw e;
  }
  return withJob(scenario, { threads: opts.threads, pool }, async (ctx) => {
    const t0 = performance.now();
    log(`distance matrix: ${scenario.blocks.count} blocks x ${scenario.facilities.count + scenario.candidates.count} sites within ${Math.round(ctx.reachM)} m`);
    const { matrix } = await ctx.travelMatrix();
    const t1 = performance.now();
    log(`simulating (${ctx.threads} thread${ctx.threads > 1 ? 's' : ''}, ${opts.choice ?? 'nearest'} choice)`);
    const result = await simulate(scenario, matrix, { keepResidents: false, ...simOpts, plan, threads: ctx.threads, pool: ctx.parallelPool() });
    const t2 = performance.now();
    const tables = (tripsForm(trips ?? 'auto', { outputs }) !== 'none' ? 1 : 0) + (wantsOutput({ outputs }, 'block_metrics') ? 1 : 0) + (wantsOutput({ outputs }, 'site_loads') ? 1 : 0);
    const written = await writeSimulationOutputs(result, scenario, out ?? defaultSimulateOutDir(scenario), trips ?? 'auto', { format, outputs, threads: ctx.threads, progress: opts.log && tables > 0 ? writeProgress(opts.log, tables) : undefined }, ctx.threads > 1 ? { pool: ctx.pool(), workers: ctx.threads - 1 } : undefined);
    const t3 = performance.now();
    return { scenario, plan, result, written, seconds: { matrix: (t1 - t0) / 1000, simulate: (t2 - t1) / 1000, write: (t3 - t2) / 1000 } };
  });
}
