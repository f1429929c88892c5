/** `quarterhour run <scenario>`: the main job — load, compute coverage, write results/<scenario>/. */
import path from 'node:path';
import { InputError } from '../../core/errors.ts';
import { runScenario } from '../../pipeline/run.ts';
import { EXIT_OK, numberOption, progress, type Command } from '../command.ts';

export const command: Command = {
  name: 'run',
  summary: 'the main job: coverage of the current facilities, written to results/<scenario>/',
  usage: 'run <scenario> [--out DIR] [--threads N] [--seed S] [--json]',
  help: {
    out: 'output folder (default results/<scenario name>)',
    threads: 'worker threads (default: all cores); results do not depend on it',
    seed: "override the scenario's seed",
  },
  options: { out: { type: 'string' }, threads: { type: 'string' }, seed: { type: 'string' } },
  async run(pos, values) {
    if (pos.length !== 1) throw new InputError('command line', 'expected exactly one scenario folder or JSON file');
    const threads = values.threads === undefined ? undefined : numberOption(values, 'threads', 1, { integer: true, min: 1 });
    const seed = values.seed === undefined ? undefined : numberOption(values, 'seed', 0, { integer: true, min: 0 });
    const out = values.out as string | undefined;
    const result = await runScenario(pos[0], { out, threads, seed, log: progress });
    if (values.json) process.stdout.write(`${JSON.stringify(result.summary, null, 2)}\n`);
    else process.stdout.write(`${result.text}\n\nwrote ${path.relative(process.cwd(), result.outDir) || result.outDir}/ (${result.files.join(', ')})\n`);
    return EXIT_OK;
  },
};
