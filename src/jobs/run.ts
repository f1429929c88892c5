/**
 * The main job on one scenario — the full loop: load → travel matrix → simulate today → optimize the
 * idle spaces on the simulated demand → simulate with the plan → before/after comparison. One context
 * (context.ts) holds what the stages share: the matrix, today's nearest distances (today's coverage
 * and the optimizer's pre-covered demand both read them) and the worker pool. Every file goes into one
 * output folder, written atomically; nothing in it depends on the thread count.
 */
import fs from 'node:fs';
import path from 'node:path';
import { coverageFromNearest, staticCoverage, type StaticCoverage } from '../coverage/static.ts';
import { withOutputDir } from '../io/atomic.ts';
import { BackgroundWrites } from '../io/backgroundWrites.ts';
import { wantsOutput, type OutputOptions, type TableFormat } from '../io/tableWriter.ts';
import { writeProgress } from '../io/writeProgress.ts';
import type { OptimizeOptions, OptimizeOutcome } from '../optimize/optimize.ts';
import { planGeojson } from '../plan/geojson.ts';
import type { Plan } from '../plan/types.ts';
import { planToJson, planTotals } from '../plan/io.ts';
import { thresholdsMin } from '../coverage/csv.ts';
import type { Pool } from '../parallel/pool.ts';
import { writeCoverageFiles, writeCoverageFilesOn, type CoverageFileNames } from './coverageTable.ts';
import { gapText } from '../i18n/cli.ts';
import type { Lang } from '../i18n/lang.ts';
import { runText } from '../report/runText.ts';
import { loadScenario } from '../scenario/load.ts';
import { scenarioStats } from '../scenario/stats.ts';
import type { Budget, Scenario } from '../scenario/types.ts';
import { tripsForm, writeSimulationOutputs, type TripsFormat } from '../simulate/output.ts';
import { simulate } from '../simulate/simulate.ts';
import type { SimulationResult } from '../simulate/types.ts';
import { withJob, type JobContext } from './context.ts';
import { idleSpaceWarnings } from './idleSpaces.ts';
import { warningLabel } from '../i18n/idleSpaces.ts';
import { optimizeIn } from './optimize.ts';
import { compareLoads, loadComparisonLines, type CapacitatedRecord, type LoadComparison } from '../optimize/capacitatedPlan.ts';
import { capacityWarnings, simulationHeadline, type RunSummary } from './summary.ts';

export interface RunOptions extends Pick<OptimizeOptions, 'solver' | 'timeLimit' | 'capacitated'> {
  out?: string;
  /** Worker threads for the whole run (default 1); results do not depend on it. */
  threads?: number;
  seed?: number;
  /** Budget limits overriding the scenario's (the command line's --max-conversions, --max-cost). */
  budget?: Budget;
  /**
   * plan.json's explanation: `reSolve` measures shadow values by re-solving (runScenario: on, bracketed
   * at city scale; runLoaded, as batches call it: off, so their shadow values are null).
   */
  explain?: { reSolve: boolean; proveAtCityScale?: boolean };
  /** Language of the printed text (files keep English ids); default en. */
  lang?: Lang;
  /** Skip the optimizer: coverage and simulation of today only. */
  optimize?: boolean;
  trips?: TripsFormat;
  /** Format of the tables and blocks.geojson: csv.gz (default: gzip-compressed) or csv. */
  format?: TableFormat;
  /** Which tables to write (src/io/outputs.ts RUN_OUTPUTS; default: all); summary and plan files always. */
  outputs?: readonly string[] | null;
  log?: (msg: string) => void;
  /** Add files to the output folder before it is moved into place (e.g. a batch's run.json). */
  extra?: (tmpDir: string, summary: RunSummary) => void;
}

export interface RunResult {
  outDir: string;
  files: string[];
  summary: RunSummary;
  text: string;
  /** Wall-clock seconds per step (kept out of the files, which must not depend on timing). */
  timings: Record<string, number>;
  /** CPU seconds of the whole process (every thread) per step: what a step costs whatever the machine's load. */
  cpuTimings: Record<string, number>;
  /**
   * Wall seconds during which files were being written beside the computing stages (before `write`,
   * which is only what was left to write once the last stage had finished).
   */
  writeBeside: number;
}

/** Load the scenario at `location` (opts.seed, when given, replaces its seed) and run the full loop. */
export async function runScenario(location: string, opts: RunOptions = {}): Promise<RunResult> {
  const sc = await loadScenario(location);
  if (opts.seed !== undefined) sc.seed = opts.seed;
  if (opts.budget) sc.budget = { ...sc.budget, ...opts.budget };
  return runLoaded(sc, location, { explain: { reSolve: true }, ...opts });
}

/** The full loop on a scenario already in memory (e.g. a batch's variant); `location` is recorded as its source. */
export function runLoaded(sc: Scenario, location: string, opts: RunOptions = {}): Promise<RunResult> {
  return withJob(sc, { threads: opts.threads }, (ctx) => runIn(ctx, location, opts));
}

/** A stopwatch: lap(name) records the wall-clock and CPU seconds since the previous lap. */
function stopwatch(): { timings: Record<string, number>; cpuTimings: Record<string, number>; lap: (name: string) => void } {
  const timings: Record<string, number> = {};
  const cpuTimings: Record<string, number> = {};
  let t = performance.now();
  let c = process.cpuUsage();
  const lap = (name: string) => {
    const now = performance.now();
    const cpu = process.cpuUsage(c);
    timings[name] = +((now - t) / 1000).toFixed(3);
    cpuTimings[name] = +((cpu.user + cpu.system) / 1e6).toFixed(3);
    t = now;
    c = process.cpuUsage();
  };
  return { timings, cpuTimings, lap };
}

/** What the optimizing half of a run adds. */
interface WithPlan {
  optimized: OptimizeOutcome;
  after: StaticCoverage;
  simulated: SimulationResult;
}

async function runIn(ctx: JobContext, location: string, opts: RunOptions): Promise<RunResult> {
  const sc = ctx.scenario;
  const log = opts.log ?? (() => {});
  const { timings, cpuTimings, lap } = stopwatch();
  const stats = scenarioStats(sc);
  log(`loaded ${sc.name}: ${stats.blocks} blocks, ${stats.residents} residents, ${stats.facilities} facilities, ${stats.candidates} idle spaces (seed ${sc.seed})`);
  const { matrix, warnings } = await ctx.travelMatrix();
  for (const w of warnings) log(`warning: ${w}`);
  log(`travel matrix: ${matrix.index.length} block-site pairs within ${Math.round(matrix.cutoffM)} m`);
  lap('matrix');
  const today = coverageFromNearest(sc, await ctx.todayNearest());
  const simToday = await simulate(sc, matrix, { threads: ctx.threads, pool: ctx.parallelPool(), seed: sc.seed });
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
    thresholdMin: thresholdsMin(sc),
    today: { coverage: today.summary, simulated: simulationHeadline(simToday) },
    warnings,
  };
  for (const w of capacityWarnings('today', simToday.capacity)) {
    log(`warning: ${w}`);
    warnings.push(w);
  }
  const idle = idleSpaceWarnings(sc, today.summary);
  for (const w of idle) {
    log(`warning: ${w}`);
    warnings.push(w);
  }

  // Files are written into one temporary folder, each as soon as its content is final, beside the
  // stages still computing (src/io/backgroundWrites.ts); the folder is moved into place at the end.
  const files: string[] = [];
  let withPlan = null as WithPlan | null;
  let capacitatedText: string[] = [];
  let writeBeside = 0;
  await withOutputDir(outDir, async (tmp) => {
    const bg = new BackgroundWrites();
    try {
      const w = runWriter(tmp, sc, opts, bg);
      const todayFiles = w.simulation(simToday, 'simulate-today');
      let optimized: OptimizeOutcome | null = null;
      let after = null as StaticCoverage | null; // set by onPlan, within the optimizer's call
      let coverageFile = null as Promise<string> | null;
      let blocksFile = null as Promise<string> | null;
      let takeLayer = (): void => {};
      // The coverage table and the blocks layer are final once the plan's coverage is known: they are
      // started as soon as the optimizer has its plan, before it explains it. The table goes to a worker
      // of the job's pool (made by the optimizer), which writes it while this thread explains and
      // simulates the plan; when the explanation re-solves the model on the pool, this thread writes
      // it instead, in the time it would wait on those solves. The layer goes to whichever of the
      // worker and this thread is free first (src/jobs/coverageTable.ts): this thread is at once when
      // the plan's day is simulated on the pool, after simulating it when it runs here.
      const startTables = (planTable: StaticCoverage['table'] | null, pool: Pool | null): void => {
        ({ table: coverageFile, layer: blocksFile, takeLayer } = w.coverage(today, planTable, pool));
        if (ctx.threads > 1) takeLayer(); // the plan's day is simulated on the pool: this thread is free
      };
      if (opts.optimize !== false) {
        log(`optimizing ${sc.candidates.count} idle spaces (solver ${opts.solver ?? 'auto'}) on the simulated demand`);
        const onPlan = (plan: Plan, poolBusy: boolean): void => {
          after = staticCoverage(sc, matrix, plan);
          startTables(after.table, ctx.hasPool && !poolBusy ? ctx.pool() : null);
        };
        optimized = await optimizeIn(ctx, simToday.demand, { solver: opts.solver, timeLimit: opts.timeLimit, seed: sc.seed, explain: opts.explain ?? { reSolve: false }, capacitated: opts.capacitated, onPlan });
        const { solver } = optimized;
        log(`solver ${solver.solver}: ${solver.status}, objective ${solver.objective}, bound ${solver.bound}, gap ${gapText('en', solver.gap)}`);
        lap('optimize');
      } else startTables(null, null);
      let planFiles: Promise<string[]> | null = null;
      if (optimized && after) {
        // A plan that converts nothing (no idle space, as in most OSM imports, or none worth it) leaves
        // today as it is: the same scenario, sites and seed give today's day again, so it is not
        // simulated again and its folder gets copies of today's files (the bytes a second simulation
        // and write gave: a test checks it).
        const unchanged = optimized.plan.conversions.length === 0;
        // on the pool's workers only: this thread writes the blocks layer meanwhile (startTables)
        const simulated = unchanged ? simToday : await simulate(sc, matrix, { threads: ctx.threads, pool: ctx.parallelPool(), seed: sc.seed, plan: optimized.plan, thisThread: false });
        lap('simulatePlan');
        takeLayer();
        for (const warning of capacityWarnings('with the plan', simulated.capacity)) {
          log(`warning: ${warning}`);
          warnings.push(warning);
        }
        withPlan = { optimized, after, simulated };
        summary.optimize = { solver: optimized.solver, model: optimized.model };
        summary.plan = planTotals(sc, optimized.plan);
        summary.withPlan = { coverage: after.summary, simulated: simulationHeadline(simulated) };
        if (optimized.capacitated) {
          // capacitated mode: what the optimizer assumed per conversion against the simulated loads
          const loads = compareLoads(optimized.capacitated, simulated.metrics.siteLoads);
          (summary as RunSummary & { capacitated?: CapacitatedRecord & { loads: LoadComparison[] } }).capacitated = { ...optimized.capacitated, loads };
          capacitatedText = loadComparisonLines(loads, opts.lang ?? 'en');
          for (const l of loadComparisonLines(loads)) log(l);
        }
        planFiles = unchanged ? w.copy(todayFiles, 'simulate-today', 'simulate-plan') : w.simulation(simulated, 'simulate-plan');
      }
      writeBeside = bg.busySeconds(); // the stages are done: what is still in flight is the write step
      // the file list in a fixed order, whatever order the writes finish in
      const put = (name: string, data: string): void => {
        fs.writeFileSync(path.join(tmp, name), data);
        files.push(name);
      };
      put('summary.json', `${JSON.stringify(summary, null, 2)}\n`);
      if (coverageFile) files.push(await coverageFile);
      files.push(...(await todayFiles));
      if (withPlan) {
        const { optimized: o } = withPlan;
        put('plan.json', `${JSON.stringify(planToJson(sc, o.plan, { solver: o.solver, model: o.model, explanation: o.explanation, ...(o.capacitated && { capacitated: o.capacitated }) }), null, 2)}\n`);
        put('plan.geojson', `${JSON.stringify(planGeojson(sc, o.plan))}\n`);
      }
      if (planFiles) files.push(...(await planFiles));
      if (blocksFile) files.push(await blocksFile);
      opts.extra?.(tmp, summary);
    } catch (e) {
      await bg.settle(); // nothing may still write into the folder that is about to be removed
      throw e;
    }
  });
  lap('write');
  const text = runText(sc, summary, withPlan?.optimized.plan ?? null, opts.lang ?? 'en', withPlan?.optimized.explanation);
  const idleText = [...capacitatedText, ...(idle.length ? idleSpaceWarnings(sc, today.summary, opts.lang ?? 'en').map((w) => `${warningLabel(opts.lang ?? 'en')}${w}`) : [])];
  return { outDir, files, summary, text: idleText.length ? `${text}\n${idleText.join('\n')}` : text, timings, cpuTimings, writeBeside: +writeBeside.toFixed(3) };
}

/**
 * The run's writers into its temporary folder `tmp`: each starts a file's write in the background
 * (`bg`) and returns the names written (relative to the folder), or null when the table is not asked for.
 */
function runWriter(tmp: string, sc: Scenario, opts: RunOptions, bg: BackgroundWrites) {
  const states = opts.optimize !== false ? 2 : 1;
  const tripsForms = tripsForm(opts.trips ?? 'auto', opts);
  // one coverage table for both states (the plan's columns beside today's), the other tables per state
  const tables = (wantsOutput(opts, 'coverage') ? 1 : 0) + states * ((tripsForms !== 'none' ? 1 : 0) + (wantsOutput(opts, 'block_metrics') ? 1 : 0) + (wantsOutput(opts, 'site_loads') ? 1 : 0)) + (wantsOutput(opts, 'blocks') ? 1 : 0);
  const out: OutputOptions = { format: opts.format, outputs: opts.outputs, threads: opts.threads, progress: opts.log && tables > 0 ? writeProgress(opts.log, tables) : undefined };
  return {
    /** A day's tables, written in this thread beside the stages. */
    simulation: (result: SimulationResult, folder: string): Promise<string[]> =>
      bg.add(writeSimulationOutputs(result, sc, path.join(tmp, folder), opts.trips ?? 'auto', out).then((w) => w.files.map((f) => `${folder}/${f}`))),
    /** A folder's files, once written, copied into another folder (a day the same as one already written). */
    copy: (written: Promise<string[]>, from: string, to: string): Promise<string[]> =>
      bg.add(
        written.then((files) =>
          withOutputDir(path.join(tmp, to), async (dir) => {
            for (const f of files) await fs.promises.copyFile(path.join(tmp, f), path.join(dir, path.relative(from, f)));
          }).then(() => files.map((f) => `${to}/${path.relative(from, f)}`)),
        ),
      ),
    /** The coverage table and the blocks layer, written by a worker of `pool` when there is one (src/jobs/coverageTable.ts). */
    coverage: (today: StaticCoverage, planTable: StaticCoverage['table'] | null, pool: Pool | null): CoverageFileNames => {
      const files = { table: wantsOutput(out, 'coverage'), layer: wantsOutput(out, 'blocks') };
      const names = pool ? writeCoverageFilesOn(pool, tmp, sc, today.table, planTable, files, out) : writeCoverageFiles(tmp, sc, today.table, planTable, files, out);
      return { table: names.table && bg.add(names.table), layer: names.layer && bg.add(names.layer), takeLayer: names.takeLayer };
    },
  };
}
