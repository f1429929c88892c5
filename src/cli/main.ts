/** quarterhour's command-line entry: dispatches to the commands in ./commands. */
import type { Command } from './command.ts';
import { commandHelp, EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, parseCommandArgs } from './command.ts';
import { isInputError } from '../core/errors.ts';
import { enableInterruptCleanup } from '../io/atomic.ts';
import { parseEncoding, setReadEncoding } from '../io/readText.ts';

/**
 * Every command: its one-line summary and a lazy loader, so that `quarterhour --help` loads no command
 * and `quarterhour validate` does not load the optimizer.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  generate: {
    summary: 'write a seeded synthetic neighbourhood (or a much larger city) as a scenario folder',
    load: async () => (await import('./commands/generate.ts')).command,
  },
  validate: {
    summary: 'check a scenario folder or JSON file; exit 2 with every problem named by file, row and field',
    load: async () => (await import('./commands/validate.ts')).command,
  },
  'import-osm': {
    summary: 'build a scenario (walking network, blocks, facilities, idle spaces) from an OpenStreetMap extract',
    load: async () => (await import('./commands/import-osm.ts')).command,
  },
  run: {
    summary: 'the main job: simulate today, optimize the idle spaces, simulate the plan, compare (results/<scenario>/)',
    load: async () => (await import('./commands/run.ts')).command,
  },
  simulate: {
    summary: "simulate every resident's trips of a day: trips, access metrics, demand",
    load: async () => (await import('./commands/simulate.ts')).command,
  },
  optimize: {
    summary: 'choose which idle spaces become which services to maximise walking-threshold coverage of demand',
    load: async () => (await import('./commands/optimize.ts')).command,
  },
  locate: {
    summary: 'classic location models (LSCP, MCLP, p-median, p-center) on a cost CSV or OR-Library file',
    load: async () => (await import('./commands/locate.ts')).command,
  },
  batch: {
    summary: 'run a scenario sweep (budgets, ageing, speeds, catalogues, solvers, seeds) into results/<batch>/runs.csv',
    load: async () => (await import('./commands/batch.ts')).command,
  },
  worker: {
    summary: 'run the queued runs of `batch --queue` (BullMQ on Redis) on this machine, until stopped',
    load: async () => (await import('./commands/worker.ts')).command,
  },
  compare: {
    summary: 'compare siting plans (plan.json files) with today and with each other: coverage, access gained and lost, cost, differences',
    load: async () => (await import('./commands/compare.ts')).command,
  },
  report: {
    summary: 'write one self-contained HTML report of a run, compare or batch results folder (maps, charts, plan tables, budget curves)',
    load: async () => (await import('./commands/report.ts')).command,
  },
};

function usage(): string {
  const lines = ['quarterhour — simulate and plan 15-minute living circles', '', 'Usage: quarterhour <command> [options]   (quarterhour <command> --help for details)', '', 'Commands:'];
  for (const [name, { summary }] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(12)}${summary}`);
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? EXIT_OK : EXIT_BAD_INPUT;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    process.stderr.write(`quarterhour: unknown command '${name}'\n\n${usage()}\n`);
    return EXIT_BAD_INPUT;
  }
  const cmd = await entry.load();
  try {
    const { positionals, values } = parseCommandArgs(cmd, rest);
    if (values.help) {
      process.stdout.write(`${commandHelp(cmd, entry.summary)}\n`);
      return EXIT_OK;
    }
    // --encoding is process-wide: every CSV and JSON read of this command (and its worker threads) uses it.
    if (typeof values.encoding === 'string') setReadEncoding(parseEncoding(values.encoding));
    // Ctrl-C or SIGTERM while an output is being written removes its temporaries (exit 130 / 143).
    enableInterruptCleanup();
    return await cmd.run(positionals, values);
  } catch (e) {
    if (isInputError(e)) {
      process.stderr.write(`quarterhour ${name}: bad input\n${(e as Error).message}\n`);
      return EXIT_BAD_INPUT;
    }
    process.stderr.write(`quarterhour ${name}: failed: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT_FAILURE;
  }
}
