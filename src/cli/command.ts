/** The shape of one CLI command and the helpers every command shares (args, output, exit codes). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../core/errors.ts';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Command {
  name: string;
  /** Usage line(s) after `quarterhour`, e.g. 'run <scenario> [--out DIR]'. */
  usage: string;
  /** Option descriptions for --help, keyed by long name. */
  help: Record<string, string>;
  options: OptionSpec;
  /** Returns the exit code (0 ok, 1 failure, 2 bad input). */
  run(positionals: string[], values: ParsedValues): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** Options every command takes. */
export const COMMON_OPTIONS: OptionSpec = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  encoding: { type: 'string' },
};

export function parseCommandArgs(cmd: Command, argv: string[]): { positionals: string[]; values: ParsedValues } {
  try {
    const { positionals, values } = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...cmd.options }, allowPositionals: true, strict: true });
    return { positionals, values: values as ParsedValues };
  } catch (e) {
    throw new InputError('command line', `${(e as Error).message} (see 'quarterhour ${cmd.name} --help')`);
  }
}

/** The --help text of a command; `summary` is its line in the command list (src/cli/main.ts). */
export function commandHelp(cmd: Command, summary: string): string {
  const lines = [`quarterhour ${cmd.usage}`, '', summary, '', 'Options:'];
  const all: Record<string, string> = { ...cmd.help, json: 'print a machine-readable summary on stdout', lang: 'language of tables and reports: en or zh (default from LANG)', encoding: 'text encoding of the CSV and JSON files read: auto (UTF-8, else GB18030 with a notice), utf8 or gb18030', help: 'show this help' };
  for (const [name, text] of Object.entries(all)) {
    const spec = cmd.options[name] ?? COMMON_OPTIONS[name];
    const arg = spec?.type === 'string' ? ` <${name.toUpperCase()}>` : '';
    const left = `  --${name}${arg}`;
    lines.push(left.length < 27 ? left.padEnd(28) + text : `${left}\n${' '.repeat(28)}${text}`);
  }
  return lines.join('\n');
}

/** Parse a numeric option, naming it in the error. */
export function numberOption(values: ParsedValues, name: string, fallback: number, opts: { integer?: boolean; min?: number } = {}): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || (opts.integer && !Number.isInteger(n)) || (opts.min !== undefined && n < opts.min)) {
    const kind = opts.integer ? 'an integer' : 'a number';
    throw new InputError('command line', `--${name} is '${String(raw)}', expected ${kind}${opts.min !== undefined ? ` >= ${opts.min}` : ''}`);
  }
  return n;
}

/** Progress messages go to stderr so that --json output on stdout stays clean. */
export function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}
