/** `quarterhour generate`: write a seeded synthetic city as a scenario folder, or with --circles a portfolio of living circles. */
import { generateCity, defaultBlockCount, DEFAULT_RESIDENTS } from '../../scenario/generate.ts';
import { writePortfolio } from '../../scenario/portfolio.ts';
import { writeScenario } from '../../scenario/write.ts';
import { InputError } from '../../core/errors.ts';
import { EXIT_OK, numberOption, progress, type Command } from '../command.ts';

export const command: Command = {
  name: 'generate',
  usage: 'generate [--residents N] [--blocks N] [--seed S] [--name NAME] [--out DIR]\n       generate --circles N [--min-residents N] [--max-residents N] [--seed S] [--out DIR]',
  help: {
    residents: `number of residents (default ${DEFAULT_RESIDENTS}, the default scenario's size)`,
    blocks: 'number of housing blocks (default: about one per 400 residents; at most one per resident); the residents are spread over them',
    seed: 'random seed (default 7); the same seed writes byte-identical files',
    name: 'scenario name (default: generated-<residents>-<seed>)',
    out: 'output folder (default: scenarios/<name>, or scenarios/portfolio-<N>-<seed> with --circles)',
    circles: 'write a portfolio of N living circles (varied size, age mix, facility gaps), a portfolio.json and a batch.json that sweeps them',
    'min-residents': 'with --circles: smallest circle (default 3000)',
    'max-residents': 'with --circles: largest circle (default 30000)',
  },
  options: { residents: { type: 'string' }, blocks: { type: 'string' }, seed: { type: 'string' }, name: { type: 'string' }, out: { type: 'string' }, circles: { type: 'string' }, 'min-residents': { type: 'string' }, 'max-residents': { type: 'string' } },
  async run(_pos, values) {
    const seed = numberOption(values, 'seed', 7, { integer: true, min: 0 });
    const t0 = performance.now();
    if (values.circles !== undefined) {
      const circles = numberOption(values, 'circles', 1, { integer: true, min: 1 });
      const minResidents = numberOption(values, 'min-residents', 3000, { integer: true, min: 10 });
      const maxResidents = numberOption(values, 'max-residents', 30000, { integer: true, min: 10 });
      if (maxResidents < minResidents) throw new InputError('command line', `--max-residents (${maxResidents}) is below --min-residents (${minResidents})`);
      const out = (values.out as string | undefined) ?? `scenarios/portfolio-${circles}-${seed}`;
      const m = await writePortfolio(out, { circles, seed, minResidents, maxResidents });
      const seconds = (performance.now() - t0) / 1000;
      const residents = m.circles.reduce((a, c) => a + c.residents, 0);
      const summary = { portfolio: out, seed, circles, residents, batch: `${out}/batch.json`, seconds: +seconds.toFixed(2) };
      if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else progress(`wrote ${out}: ${circles} living circles, ${residents} residents (${minResidents}-${maxResidents} per circle, seed ${seed}, ${seconds.toFixed(2)} s); sweep them with: quarterhour batch ${out}/batch.json`);
      return EXIT_OK;
    }
    const residents = numberOption(values, 'residents', DEFAULT_RESIDENTS, { integer: true, min: 1 });
    const blocks = numberOption(values, 'blocks', defaultBlockCount(residents), { integer: true, min: 1 });
    if (blocks > residents) throw new InputError('command line', `--blocks (${blocks}) is above --residents (${residents}); expected at most one block per resident`, undefined, 'blocks');
    const name = (values.name as string | undefined) ?? `generated-${residents}-${seed}`;
    const out = (values.out as string | undefined) ?? `scenarios/${name}`;
    const sc = await generateCity({ residents, seed, name, ...(values.blocks !== undefined ? { blocks } : {}) });
    await writeScenario(out, sc);
    const seconds = (performance.now() - t0) / 1000;
    const summary = { scenario: out, name, seed, residents, blocks: sc.blocks.count, facilities: sc.facilities.count, candidates: sc.candidates.count, seconds: +seconds.toFixed(2) };
    if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else progress(`wrote ${out}: ${residents} residents in ${sc.blocks.count} blocks, ${sc.facilities.count} facilities, ${sc.candidates.count} idle spaces (seed ${seed}, ${seconds.toFixed(2)} s)`);
    return EXIT_OK;
  },
};
