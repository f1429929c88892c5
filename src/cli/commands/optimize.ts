/** `quarterhour optimize <scenario>`: choose which idle spaces become which services; writes plan.json, plan.geojson and optimize.json. */
import path from 'node:path';
import { InputError } from '../../core/errors.ts';
import { SOLVER_NAMES, type SolverName } from '../../locate/model/result.ts';
import { optimizeToDir } from '../../jobs/optimize.ts';
import { EXIT_OK, numberOption, progress, type Command } from '../command.ts';

export const command: Command = {
  name: 'optimize',
  usage: 'optimize <scenario> [--solver NAME] [--time-limit S] [--threads N] [--seed S] [--demand simulated|expected] [--out DIR] [--json]',
  help: {
    solver: `${SOLVER_NAMES.join(', ')} (default auto: heuristics, a Lagrangian bound, LP probing, then HiGHS on the reduced model)`,
    'time-limit': 'seconds for the solver (default 60)',
    threads: 'worker threads for the simulation, local-search starts and LP probing (default 1); results do not depend on it',
    seed: "override the scenario's seed",
    demand: 'simulated (default: one simulated day) or expected (residents x trip rates)',
    out: 'output folder (default results/<scenario name>-optimize)',
  },
  options: { solver: { type: 'string' }, 'time-limit': { type: 'string' }, threads: { type: 'string' }, seed: { type: 'string' }, demand: { type: 'string' }, out: { type: 'string' } },
  async run(pos, values) {
    if (pos.length !== 1) throw new InputError('command line', 'expected exactly one scenario folder or JSON file');
    const solver = (values.solver as string | undefined) ?? 'auto';
    if (!(SOLVER_NAMES as readonly string[]).includes(solver)) throw new InputError('command line', `--solver is '${solver}', expected one of ${SOLVER_NAMES.join(', ')}`);
    const demandKind = (values.demand as string | undefined) ?? 'simulated';
    if (demandKind !== 'simulated' && demandKind !== 'expected') throw new InputError('command line', `--demand is '${demandKind}', expected simulated or expected`);
    const threads = numberOption(values, 'threads', 1, { integer: true, min: 1 });
    const timeLimit = numberOption(values, 'time-limit', 60, { min: 0.1 });
    const seed = values.seed === undefined ? undefined : numberOption(values, 'seed', 0, { integer: true, min: 0 });
    const { scenario: sc, outDir, record, outcome: o, files } = await optimizeToDir(pos[0], { solver: solver as SolverName, timeLimit, threads, seed, demand: demandKind, out: values.out as string | undefined, log: progress });
    if (values.json) process.stdout.write(`${JSON.stringify({ ...record, outDir, timings: o.timings }, null, 2)}\n`);
    else {
      const s = o.solver;
      const lines = [
        `${sc.name}: ${o.model.units} demand units x ${o.model.options} (space, service) options, ${o.model.nonzeros} coverage pairs`,
        `solver ${s.solver}: ${s.status}; covered weighted demand ${s.objective} of ${o.model.totalWeight} (bound ${s.bound}, gap ${(s.gap * 100).toFixed(3)}%)`,
        `covered share ${(o.model.coveredShareToday * 100).toFixed(1)}% today -> ${(o.model.coveredShareWithPlan * 100).toFixed(1)}% with the plan; never coverable from any idle space: ${o.model.uncoverableWeight}`,
        `plan: ${record.plan.conversions} conversions, cost ${record.plan.cost}`,
        ...o.plan.conversions.map((c) => `  ${sc.candidates.ids[c.candidateIndex]} (${sc.candidates.kinds[c.candidateIndex]}, ${sc.candidates.areaM2[c.candidateIndex]} m²) -> ${c.serviceIndices.map((k) => sc.services[k].id).join(' + ')}`),
        `wrote ${path.relative(process.cwd(), outDir)}/ (${files.join(', ')})`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return EXIT_OK;
  },
};
