/** `quarterhour run <scenario>`: the main job — simulate today, optimize, simulate the plan, compare; results in results/<scenario>/. */
import path from 'node:path';
import { InputError } from '../../core/errors.ts';
import { runScenario } from '../../jobs/run.ts';
import { SOLVER_NAMES, type SolverName } from '../../locate/model/result.ts';
import type { TripsFormat } from '../../simulate/output.ts';
import { EXIT_FAILURE, EXIT_OK, numberOption, progress, type Command } from '../command.ts';
import { tr } from '../../i18n/cli.ts';
import { resolveLang } from '../../i18n/lang.ts';
import { BUDGET_HELP, BUDGET_OPTIONS, budgetOption } from '../budget.ts';
import { InfeasiblePlanError } from '../../optimize/infeasible.ts';
import { RUN_OUTPUTS } from '../../io/outputs.ts';
import { formatOption, OUTPUT_OPTIONS, outputHelp, outputsOption } from '../outputs.ts';

const TRIPS: TripsFormat[] = ['auto', 'csv', 'bin', 'none'];

export const command: Command = {
  name: 'run',
  usage: 'run <scenario> [--out DIR] [--threads N] [--seed S] [--solver NAME] [--time-limit S] [--capacitated] [--today-only] [--format parquet|csv.gz|csv] [--outputs coverage,trips,block_metrics,blocks] [--trips auto|csv|bin|none] [--max-conversions N] [--max-cost C] [--json]',
  help: {
    out: 'output folder (default results/<scenario name>)',
    threads: 'worker threads (default 1); results do not depend on it',
    seed: "override the scenario's seed",
    solver: `optimizer: ${SOLVER_NAMES.join(', ')} (default auto)`,
    'time-limit': 'seconds for the optimizer (default 60)',
    'today-only': 'skip the optimizer: coverage and simulation of today only',
    capacitated: "capacitated siting: visits assigned to each conversion at most its service's capacity (also constraints.capacitated in scenario.json)",
    ...outputHelp(RUN_OUTPUTS),
    trips: 'trips table: auto (default: in the --format, parquet when none is given), csv (plain trips.csv whatever the --format), bin (the legacy binary trips.bin), none',
    ...BUDGET_HELP,
  },
  options: { out: { type: 'string' }, threads: { type: 'string' }, seed: { type: 'string' }, solver: { type: 'string' }, 'time-limit': { type: 'string' }, 'today-only': { type: 'boolean' }, capacitated: { type: 'boolean' }, trips: { type: 'string' }, ...OUTPUT_OPTIONS, ...BUDGET_OPTIONS },
  async run(pos, values) {
    if (pos.length !== 1) throw new InputError('command line', 'expected exactly one scenario folder or JSON file');
    const lang = resolveLang(values.lang);
    const threads = values.threads === undefined ? undefined : numberOption(values, 'threads', 1, { integer: true, min: 1 });
    const seed = values.seed === undefined ? undefined : numberOption(values, 'seed', 0, { integer: true, min: 0 });
    const timeLimit = values['time-limit'] === undefined ? undefined : numberOption(values, 'time-limit', 60, { min: 0.1 });
    const solver = (values.solver as string | undefined) ?? 'auto';
    if (!(SOLVER_NAMES as readonly string[]).includes(solver)) throw new InputError('command line', `--solver is '${solver}', expected one of ${SOLVER_NAMES.join(', ')}`);
    const trips = (values.trips as string | undefined) ?? 'auto';
    if (!(TRIPS as string[]).includes(trips)) throw new InputError('command line', `--trips is '${trips}', expected one of ${TRIPS.join(', ')}`);
    const format = formatOption(values);
    const outputs = outputsOption(values, RUN_OUTPUTS);
    const job = await runScenario(pos[0], { lang, budget: budgetOption(values), out: values.out as string | undefined, threads, seed, solver: solver as SolverName, timeLimit, optimize: !values['today-only'], ...(values.capacitated === true && { capacitated: true }), trips: trips as TripsFormat, format, outputs, log: progress }).catch((e: unknown) => {
      if (!(e instanceof InfeasiblePlanError)) throw e;
      progress(`quarterhour run: no plan meets the scenario's constraints; nothing written\n${e.message}`);
      return null;
    });
    if (!job) return EXIT_FAILURE;
    const result = job;
    if (values.json) process.stdout.write(`${JSON.stringify({ ...result.summary, outDir: result.outDir, files: result.files, timings: result.timings, cpuTimings: result.cpuTimings, writeBeside: result.writeBeside }, null, 2)}\n`);
    else process.stdout.write(`${result.text}\n\n${tr(lang, 'wrote', '已写入')} ${path.relative(process.cwd(), result.outDir) || result.outDir}/ (${result.files.join(', ')})\n`);
    progress(`timings (s): ${Object.entries(result.timings).map(([k, v]) => `${k} ${v}`).join(', ')}; writing ran beside the stages for ${result.writeBeside}`);
    return EXIT_OK;
  },
};
