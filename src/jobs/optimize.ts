/**
 * The optimize job: load the scenario, compute its demand (one simulated day, or residents x trip
 * rates), choose which idle spaces become which services, and write plan.json, plan.geojson and
 * optimize.json atomically. Also the optimizing stage every job shares (optimizeIn). The plan's
 * explanation proves its shadow values at city scale too (explain.ts proveAtCityScale), which `run`
 * only brackets: this is the command for the optimizer's full account.
 */
import fs from 'node:fs';
import path from 'node:path';
import { withOutputDir } from '../io/atomic.ts';
import type { SolverName } from '../locate/model/result.ts';
import { expectedDemand } from '../optimize/demand.ts';
import { optimizeScenario, type OptimizeOptions, type OptimizeOutcome } from '../optimize/optimize.ts';
import type { Pool } from '../parallel/pool.ts';
import { planGeojson } from '../plan/geojson.ts';
import { planToJson, planTotals, type PlanTotals } from '../plan/io.ts';
import { loadScenario } from '../scenario/load.ts';
import type { Budget, Scenario } from '../scenario/types.ts';
import { simulate } from '../simulate/simulate.ts';
import { withJob, type JobContext } from './context.ts';

/** Solvers that need a worker even on one thread: HiGHS (exact, and auto's last steps) always runs in one. */
const SOLVERS_IN_WORKERS: readonly SolverName[] = ['auto', 'exact'];

/** The context's pool when the solver will use it: on several threads, or for HiGHS. */
function solverPool(ctx: JobContext, solver: SolverName): Pool | undefined {
  return ctx.threads > 1 || SOLVERS_IN_WORKERS.includes(solver) ? ctx.pool() : undefined;
}

/** Optimize on the context's matrix, with today's nearest distances (not computed again) and the job's pool. */
export async function optimizeIn(ctx: JobContext, demand: Float64Array, opts: Pick<OptimizeOptions, 'solver' | 'timeLimit' | 'seed' | 'explain' | 'capacitated' | 'onPlan'>): Promise<OptimizeOutcome> {
  const { matrix } = await ctx.travelMatrix();
  const todayNearest = await ctx.todayNearest();
  return optimizeScenario(ctx.scenario, matrix, demand, { ...opts, threads: ctx.threads, pool: solverPool(ctx, opts.solver ?? 'auto'), todayNearest });
}

export type DemandKind = 'simulated' | 'expected';

export interface OptimizeJobOptions extends Pick<OptimizeOptions, 'solver' | 'timeLimit' | 'capacitated'> {
  threads?: number;
  /** Overrides the scenario's seed. */
  seed?: number;
  /** simulated (default: one simulated day) or expected (residents x trip rates). */
  demand?: DemandKind;
  /** Output folder (default results/<scenario name>-optimize). */
  out?: string;
  /** Budget limits overriding the scenario's (the command line's --max-conversions, --max-cost). */
  budget?: Budget;
  log?: (message: string) => void;
}

/** optimize.json. */
export interface OptimizeRecord {
  scenario: string;
  seed: number;
  demand: DemandKind;
  solver: OptimizeOutcome['solver'];
  model: OptimizeOutcome['model'];
  plan: PlanTotals;
  /** Capacitated mode only: the visits per day assigned to each conversion. */
  capacitated?: OptimizeOutcome['capacitated'];
}

export interface OptimizeJobResult {
  scenario: Scenario;
  outDir: string;
  files: string[];
  record: OptimizeRecord;
  outcome: OptimizeOutcome;
}

export const OPTIMIZE_FILES = ['plan.json', 'plan.geojson', 'optimize.json'];

export async function optimizeToDir(location: string, opts: OptimizeJobOptions = {}): Promise<OptimizeJobResult> {
  const log = opts.log ?? (() => {});
  const sc = await loadScenario(location);
  if (opts.seed !== undefined) sc.seed = opts.seed;
  if (opts.budget) sc.budget = { ...sc.budget, ...opts.budget };
  const demandKind = opts.demand ?? 'simulated';
  const solver = opts.solver ?? 'auto';
  const timeLimit = opts.timeLimit ?? 60;
  return withJob(sc, { threads: opts.threads }, async (ctx) => {
    const { matrix, warnings } = await ctx.travelMatrix();
    for (const w of warnings) log(`warning: ${w}`);
    const demand = demandKind === 'simulated' ? (await simulate(sc, matrix, { threads: ctx.threads, pool: ctx.parallelPool(), seed: sc.seed, keepResidents: false })).demand : expectedDemand(sc);
    log(`optimizing ${sc.candidates.count} idle spaces with ${solver} (time limit ${timeLimit} s) on ${demandKind} demand`);
    const o = await optimizeIn(ctx, demand, { solver, timeLimit, seed: sc.seed, explain: { reSolve: true, proveAtCityScale: true }, capacitated: opts.capacitated });
    const outDir = path.resolve(opts.out ?? path.join('results', `${sc.name}-optimize`));
    const record: OptimizeRecord = { scenario: sc.name, seed: sc.seed, demand: demandKind, solver: o.solver, model: o.model, plan: planTotals(sc, o.plan), ...(o.capacitated && { capacitated: o.capacitated }) };
    await withOutputDir(outDir, (tmp) => {
      fs.writeFileSync(path.join(tmp, 'plan.json'), `${JSON.stringify(planToJson(sc, o.plan, { demand: demandKind, solver: o.solver, model: o.model, explanation: o.explanation, ...(o.capacitated && { capacitated: o.capacitated }) }), null, 2)}\n`);
      fs.writeFileSync(path.join(tmp, 'plan.geojson'), `${JSON.stringify(planGeojson(sc, o.plan))}\n`);
      fs.writeFileSync(path.join(tmp, 'optimize.json'), `${JSON.stringify(record, null, 2)}\n`);
    });
    return { scenario: sc, outDir, files: OPTIMIZE_FILES, record, outcome: o };
  });
}
