/**
 * The main job on one scenario — the full loop: load → travel matrix → simulate today → optimize the
 * idle spaces on the simulated demand → simulate with the plan → before/after comparison. Every file
 * goes into one output folder, written atomically; nothing in it depends on the thread count.
 */
import fs from 'node:fs';
import path from 'node:path';
import { withOutputDir } from '../io/atomic.ts';
import { csvString } from '../io/csv.ts';
import { optimizeScenario, type ModelRecord, type OptimizeOptions, type SolverRecord } from '../optimize/optimize.ts';
import { planGeojson } from '../plan/geojson.ts';
import { planToJson, planTotals, type PlanTotals } from '../plan/io.ts';
import { COVERAGE_HEADER, coverageRows } from '../report/coverageCsv.ts';
import { runText } from '../report/runText.ts';
import { loadScenario } from '../scenario/load.ts';
import { scenarioStats } from '../scenario/stats.ts';
import type { NetworkSpec, Scenario, ScenarioStats } from '../scenario/types.ts';
import { writeSimulationOutputs, type TripsFormat } from '../simulate/output.ts';
import { reachM } from '../travel/reach.ts';
import { simulate } from '../simulate/simulate.ts';
import type { CapacityReport, SimulationResult } from '../simulate/types.ts';
import type { CoverageSummary } from '../coverage/residential.ts';
import { computeTravelMatrix } from '../travel/travelMatrix.ts';
import { staticCoverage } from './staticCoverage.ts';

export interface RunOptions extends Pick<OptimizeOptions, 'solver' | 'timeLimit'> {
  out?: string;
  threads?: number;
  seed?: number;
  /** Skip the optimizer: coverage and simulation of today only. */
  optimize?: boolean;
  trips?: TripsFormat;
  log?: (msg: string) => void;
  /** Add files to the output folder before it is moved into place (e.g. a batch's run.json). */
  extra?: (tmpDir: string, summary: RunSummary) => void;
}

/** The headline numbers of a simulated day. */
export interface SimulationHeadline {
  trips: number;
  unservedTrips: number;
  withinShare: number | null;
  withinShareByAgeBand: Record<string, number | null>;
  withinShareByService: Record<string, number | null>;
  f15: number | null;
  f15ByAgeBand: Record<string, number | null>;
  giniAccessTime: number | null;
  capacity: CapacityReport;
}

/** summary.json of a run. */
export interface RunSummary extends ScenarioStats {
  quarterhour: 1;
  scenario: string;
  /** The scenario, relative to the output folder. */
  source: string;
  seed: number;
  network: NetworkSpec | { kind: 'osm'; file: string };
  coverageRule: string;
  today: { coverage: CoverageSummary; simulated: SimulationHeadline };
  warnings: string[];
  optimize?: { solver: SolverRecord; model: ModelRecord };
  plan?: PlanTotals;
  withPlan?: { coverage: CoverageSummary; simulated: SimulationHeadline };
}

export interface RunResult {
  outDir: string;
  files: string[];
  summary: RunSummary;
  text: string;
  /** Wall-clock seconds per step (kept out of the files, which must not depend on timing). */
  timings: Record<string, number>;
}

export function simulationHeadline(r: SimulationResult): SimulationHeadline {
  const m = r.metrics;
  return { trips: m.trips, unservedTrips: m.unservedTrips, withinShare: m.withinShare.overall, withinShareByAgeBand: m.withinShare.byAgeBand, withinShareByService: m.withinShare.byService, f15: m.f15.overall, f15ByAgeBand: m.f15.byAgeBand, giniAccessTime: m.gini.accessTime, capacity: m.capacity };
}

export async function runScenario(location: string, opts: RunOptions = {}): Promise<RunResult> {
  const sc = await loadScenario(location);
  if (opts.seed !== undefined) sc.seed = opts.seed;
  return runLoaded(sc, location, opts);
}

/** The full loop on a scenario already in memory (e.g. a batch's variant); `location` is recorded as its source. */
export async function runLoaded(sc: Scenario, location: string, opts: RunOptions = {}): Promise<RunResult> {
  const log = opts.log ?? (() => {});
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = +((now - t) / 1000).toFixed(3);
    t = now;
  };
  const stats = scenarioStats(sc);
  log(`loaded ${sc.name}: ${stats.blocks} blocks, ${stats.residents} residents, ${stats.facilities} facilities, ${stats.candidates} idle spaces (seed ${sc.seed})`);
  const { matrix, warnings } = await computeTravelMatrix(sc, reachM(sc), { threads: opts.threads });
  for (const w of warnings) log(`warning: ${w}`);
  log(`travel matrix: ${matrix.index.length} block-site pairs within ${Math.round(matrix.cutoffM)} m`);
  lap('matrix');
  const today = staticCoverage(sc, matrix);
  const threads = opts.threads ?? 1;
  const simToday = await simulate(sc, matrix, { threads, seed: sc.seed });
  log(`simulated today: ${simToday.metrics.trips} trips, ${((simToday.metrics.withinShare.overall ?? 0) * 100).toFixed(1)}% within threshold`);
  lap('simulateToday');

  const outDir = path.resolve(opts.out ?? path.join('results', sc.name));
  const summary: RunSummary = {
    quarterhour: 1,
    scenario: sc.name,
    source: path.relative(outDir, path.resolve(location)),
    seed: sc.seed,
    network: sc.network.kind === 'osm' ? { kind: 'osm', file: path.basename(sc.network.file) } : sc.network,
    ...stats,
    coverageRule: "a resident is covered for a service when the nearest site offering it is within the service's threshold at the resident's age-band walking speed",
    today: { coverage: today.summary, simulated: simulationHeadline(simToday) },
    warnings,
  };

  let after: ReturnType<typeof staticCoverage> | null = null;
  let simAfter: SimulationResult | null = null;
  let optimized: Awaited<ReturnType<typeof optimizeScenario>> | null = null;
  if (opts.optimize !== false) {
    log(`optimizing ${sc.candidates.count} idle spaces (solver ${opts.solver ?? 'auto'}) on the simulated demand`);
    optimized = await optimizeScenario(sc, matrix, simToday.demand, { solver: opts.solver, timeLimit: opts.timeLimit, threads: opts.threads, seed: sc.seed });
    const { solver } = optimized;
    log(`solver ${solver.solver}: ${solver.status}, objective ${solver.objective}, bound ${solver.bound}, gap ${(solver.gap * 100).toFixed(3)}%`);
    lap('optimize');
    after = staticCoverage(sc, matrix, optimized.plan);
    simAfter = await simulate(sc, matrix, { threads, seed: sc.seed, plan: optimized.plan });
    lap('simulatePlan');
    summary.optimize = { solver: optimized.solver, model: optimized.model };
    summary.plan = planTotals(sc, optimized.plan);
    summary.withPlan = { coverage: after.summary, simulated: simulationHeadline(simAfter) };
  }

  const files: string[] = [];
  await withOutputDir(outDir, async (tmp) => {
    const put = (name: string, data: string) => {
      fs.writeFileSync(path.join(tmp, name), data);
      files.push(name);
    };
    put('summary.json', `${JSON.stringify(summary, null, 2)}\n`);
    put('coverage.csv', await csvString(COVERAGE_HEADER, coverageRows(sc, today.table)));
    const w = await writeSimulationOutputs(simToday, sc, path.join(tmp, 'simulate-today'), opts.trips ?? 'auto');
    files.push(...w.files.map((f) => `simulate-today/${f}`));
    if (optimized && after && simAfter) {
      put('plan.json', `${JSON.stringify(planToJson(sc, optimized.plan, { solver: optimized.solver, model: optimized.model }), null, 2)}\n`);
      put('plan.geojson', `${JSON.stringify(planGeojson(sc, optimized.plan))}\n`);
      put('coverage_after.csv', await csvString(COVERAGE_HEADER, coverageRows(sc, after.table)));
      const wp = await writeSimulationOutputs(simAfter, sc, path.join(tmp, 'simulate-plan'), opts.trips ?? 'auto');
      files.push(...wp.files.map((f) => `simulate-plan/${f}`));
    }
    opts.extra?.(tmp, summary);
  });
  lap('write');
  return { outDir, files, summary, text: runText(sc, summary, optimized?.plan ?? null), timings };
}
