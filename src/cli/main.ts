/** quarterhour's command-line entry: dispatches to the commands in ./commands. */
import type { Command } from './command.ts';
import { commandHelp, EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, parseCommandArgs } from './command.ts';
import { isInputError } from '../core/errors.ts';

/** Command name -> lazy loader, so that `quarterhour validate` does not load the optimizer. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  generate: async () => (await import('./commands/generate.ts')).command,
  validate: async () => (await import('./commands/validate.ts')).command,
  'import-osm': async () => (await import('./commands/import-osm.ts')).command,
  run: async () => (await import('./commands/run.ts')).command,
  simulate: async () => (await import('./commands/simulate.ts')).command,
  optimize: async () => (await import('./commands/optimize.ts')).command,
  locate: async () => (await import('./commands/locate.ts')).command,
  batch: async () => (await import('./commands/batch.ts')).command,
  compare: async () => (await import('./commands/compare.ts')).command,
  report: async () => (await import('./commands/report.ts')).command,
};

async function usage(): Promise<string> {
  const lines = ['quarterhour — simulate and plan 15-minute living circles', '', 'Usage: quarterhour <command> [options]   (quarterhour <command> --help for details)', '', 'Commands:'];
  for (const load of Object.values(COMMANDS)) {
    const cmd = await load();
    lines.push(`  ${cmd.name.padEnd(12)}${cmd.summary}`);
  }
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${await usage()}\n`);
    return name ? EXIT_OK : EXIT_BAD_INPUT;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`quarterhour: unknown command '${name}'\n\n${await usage()}\n`);
    return EXIT_BAD_INPUT;
  }
  const cmd = await load();
  try {
    const { positionals, values } = parseCommandArgs(cmd, rest);
    if (values.help) {
      process.stdout.write(`${commandHelp(cmd)}\n`);
      return EXIT_OK;
    }
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
