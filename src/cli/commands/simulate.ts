/** `quarterhour simulate <scenario>`: one simulated day of every resident's trips, with metrics. */
import path from 'node:path';
import { InputError } from '../../core/errors.ts';
import { simulateToDir } from '../../jobs/simulate.ts';
import type { TripsFormat } from '../../simulate/output.ts';
import { EXIT_OK, numberOption, progress, type Command } from '../command.ts';

const pct = (x: number | null): string => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);

export const command: Command = {
  name: 'simulate',
  usage: 'simulate <scenario> [--plan plan.json] [--threads N] [--seed S] [--out DIR] [--choice nearest|logit] [--no-trips] [--json]',
  help: {
    plan: 'siting plan JSON {"conversions":[{"candidate":id,"services":[ids]}]} to simulate instead of the current state',
    threads: 'worker threads (default 1); results do not depend on it',
    seed: "override the scenario's seed",
    out: 'output folder (default results/<scenario name>-simulate)',
    choice: 'destination choice: nearest (default) or logit',
    beta: 'logit coefficient per walking minute (default -0.2)',
    trips: 'trips table format: auto (default: csv up to 500,000 trips, else bin), csv or bin',
    'no-trips': 'do not write the trips table (metrics only)',
    'no-capacity': 'ignore facility capacities (no shadow-price iterations)',
  },
  options: {
    plan: { type: 'string' },
    threads: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    choice: { type: 'string' },
    beta: { type: 'string' },
    trips: { type: 'string' },
    'no-trips': { type: 'boolean' },
    'no-capacity': { type: 'boolean' },
  },
  async run(pos, values) {
    if (pos.length !== 1) throw new InputError('command line', 'expected exactly one scenario folder or JSON file');
    const threads = numberOption(values, 'threads', 1, { integer: true, min: 1 });
    const seed = values.seed === undefined ? undefined : numberOption(values, 'seed', 0, { integer: true, min: 0 });
    const choice = (values.choice as string | undefined) ?? 'nearest';
    if (choice !== 'nearest' && choice !== 'logit') throw new InputError('command line', `--choice is '${choice}', expected nearest or logit`);
    const beta = numberOption(values, 'beta', -0.2);
    if (beta > 0) throw new InputError('command line', `--beta is ${beta}, expected a number <= 0 (longer walks are less attractive)`);
    const tripsOpt = (values.trips as string | undefined) ?? 'auto';
    if (!['auto', 'csv', 'bin'].includes(tripsOpt)) throw new InputError('command line', `--trips is '${tripsOpt}', expected auto, csv or bin`);
    const trips: TripsFormat = values['no-trips'] ? 'none' : (tripsOpt as TripsFormat);
    const job = await simulateToDir(pos[0], {
      planFile: values.plan as string | undefined,
      threads,
      seed,
      choice,
      betaPerMin: beta,
      capacity: !values['no-capacity'],
      out: values.out as string | undefined,
      trips,
      log: values.json ? undefined : progress,
    });
    const { plan } = job;
    const m = job.result.metrics;
    const dir = path.relative(process.cwd(), job.written.dir) || job.written.dir;
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ out: dir, files: job.written.files, seconds: job.seconds, ...m, siteLoads: undefined }, null, 2)}\n`);
      return EXIT_OK;
    }
    const lines = [
      `simulated '${m.scenario}' (seed ${m.seed}${plan ? `, plan ${values.plan} with ${plan.conversions.length} conversions` : ''}): ${m.residents} residents, ${m.trips} trips (${m.unservedTrips} unserved) in ${job.seconds.simulate.toFixed(2)} s`,
      `  trips within threshold: ${pct(m.withinShare.overall)}   F15 (every basic service within 15 min): ${pct(m.f15.overall)}   Gini of access time: ${m.gini.accessTime ?? '-'}`,
      `  by age band   ${Object.keys(m.withinShare.byAgeBand).map((b) => b.padStart(7)).join('')}`,
      `    within      ${Object.values(m.withinShare.byAgeBand).map((v) => pct(v).padStart(7)).join('')}`,
      `    F15         ${Object.values(m.f15.byAgeBand).map((v) => pct(v).padStart(7)).join('')}`,
      m.capacity.enabled
        ? `  capacities: ${m.capacity.iterations} shadow-price passes, ${m.capacity.converged ? 'loads fit' : `not met: ${m.capacity.overloadTrips} trips over capacity at ${m.capacity.overloadedSites} sites (worst ${(100 * m.capacity.maxOverloadRatio).toFixed(0)}% over)`}`
        : '  capacities: not used',
      `wrote ${dir}/ (${job.written.files.join(', ')})`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return EXIT_OK;
  },
};
