/** `quarterhour validate <scenario>`: load and check a scenario, print what it holds. */
import { loadScenarioWithSources } from '../../scenario/load.ts';
import { scenarioStats } from '../../scenario/stats.ts';
import { InputError } from '../../core/errors.ts';
import { EXIT_OK, type Command } from '../command.ts';

export const command: Command = {
  name: 'validate',
  usage: 'validate <scenario> [--json]',
  help: {},
  options: {},
  async run(pos, values) {
    if (pos.length !== 1) throw new InputError('command line', 'expected exactly one scenario folder or JSON file');
    const { scenario, tables } = await loadScenarioWithSources(pos[0]);
    const stats = scenarioStats(scenario);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ valid: true, name: scenario.name, seed: scenario.seed, network: scenario.network.kind, ...stats, tables }, null, 2)}\n`);
    } else {
      const lines = [
        `${pos[0]}: valid scenario '${scenario.name}' (seed ${scenario.seed})`,
        `  ${stats.blocks} blocks, ${stats.residents} residents, ${stats.services} services, ${stats.facilities} facilities, ${stats.candidates} idle spaces`,
        `  network: ${scenario.network.kind === 'osm' ? `OSM walking network ${scenario.network.file}` : `straight line x ${scenario.network.detourFactor}`}`,
        ...Object.entries(tables).map(([k, v]) => `  ${k.padEnd(14)}${v}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return EXIT_OK;
  },
};
