/** `quarterhour generate`: write a seeded synthetic city as a scenario folder. */
import { generateCity, DEFAULT_RESIDENTS } from '../../scenario/generate.ts';
import { writeScenario } from '../../scenario/write.ts';
import { EXIT_OK, numberOption, progress, type Command } from '../command.ts';

export const command: Command = {
  name: 'generate',
  usage: 'generate [--residents N] [--seed S] [--name NAME] [--out DIR]',
  help: {
    residents: `number of residents (default ${DEFAULT_RESIDENTS}, the default scenario's size)`,
    seed: 'random seed (default 7); the same seed writes byte-identical files',
    name: 'scenario name (default: generated-<residents>-<seed>)',
    out: 'output folder (default: scenarios/<name>)',
  },
  options: { residents: { type: 'string' }, seed: { type: 'string' }, name: { type: 'string' }, out: { type: 'string' } },
  async run(_pos, values) {
    const residents = numberOption(values, 'residents', DEFAULT_RESIDENTS, { integer: true, min: 1 });
    const seed = numberOption(values, 'seed', 7, { integer: true, min: 0 });
    const name = (values.name as string | undefined) ?? `generated-${residents}-${seed}`;
    const out = (values.out as string | undefined) ?? `scenarios/${name}`;
    const t0 = performance.now();
    const sc = await generateCity({ residents, seed, name });
    await writeScenario(out, sc);
    const seconds = (performance.now() - t0) / 1000;
    const summary = { scenario: out, name, seed, residents, blocks: sc.blocks.count, facilities: sc.facilities.count, candidates: sc.candidates.count, seconds: +seconds.toFixed(2) };
    if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else progress(`wrote ${out}: ${residents} residents in ${sc.blocks.count} blocks, ${sc.facilities.count} facilities, ${sc.candidates.count} idle spaces (seed ${seed}, ${seconds.toFixed(2)} s)`);
    return EXIT_OK;
  },
};
