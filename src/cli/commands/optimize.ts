/** `quarterhour optimize <scenario>`: choose which idle spaces become which services; writes plan.json, plan.geojson and optimize.json. */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../../core/errors.ts';
import { withOutputDir } from '../../io/atomic.ts';
import type { SolverName } from '../../locate/result.ts';
import { expectedDemand } from '../../optimize/demand.ts';
import { optimizeScenario, SOLVER_NAMES } from '../../optimize/optimize.ts';
import { planGeojson } from '../../plan/geojson.ts';
import { planToJson, planTotals } from '../../plan/io.ts';
import { loadScenario } from '../../scenario/load.ts';
import { reachM } from '../../travel/reach.ts';
import { simulate } from '../../simulate/simulate.ts';
import { computeTravelMatrix } from '../../travel/travelMatrix.ts';
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
    const sc = await loadScenario(pos[0]);
    if (values.seed !== undefined) sc.seed = numberOption(values, 'seed', 0, { integer: true, min: 0 });
    const { matrix, warnings } = await computeTravelMatrix(sc, reachM(sc), { threads });
    for (const w of warnings) progress(`warning: ${w}`);
    const demand = demandKind === 'simulated' ? (await simulate(sc, matrix, { threads, seed: sc.seed, keepResidents: false })).demand : expectedDemand(sc);
    progress(`optimizing ${sc.candidates.count} idle spaces with ${solver} (time limit ${timeLimit} s) on ${demandKind} demand`);
    const o = await optimizeScenario(sc, matrix, demand, { solver: solver as SolverName, timeLimit, threads, seed: sc.seed });
    const outDir = path.resolve((values.out as string | undefined) ?? path.join('results', `${sc.name}-optimize`));
    const record = { scenario: sc.name, seed: sc.seed, demand: demandKind, solver: o.solver, model: o.model, plan: planTotals(sc, o.plan) };
    await withOutputDir(outDir, (tmp) => {
      fs.writeFileSync(path.join(tmp, 'plan.json'), `${JSON.stringify(planToJson(sc, o.plan, { demand: demandKind, solver: o.solver, model: o.model }), null, 2)}\n`);
      fs.writeFileSync(path.join(tmp, 'plan.geojson'), `${JSON.stringify(planGeojson(sc, o.plan))}\n`);
      fs.writeFileSync(path.join(tmp, 'optimize.json'), `${JSON.stringify(record, null, 2)}\n`);
    });
    if (values.json) process.stdout.write(`${JSON.stringify({ ...record, outDir, timings: o.timings }, null, 2)}\n`);
    else {
      const s = o.solver;
      const lines = [
        `${sc.name}: ${o.model.units} demand units x ${o.model.options} (space, service) options, ${o.model.nonzeros} coverage pairs`,
        `solver ${s.solver}: ${s.status}; covered weighted demand ${s.objective} of ${o.model.totalWeight} (bound ${s.bound}, gap ${(s.gap * 100).toFixed(3)}%)`,
        `covered share ${(o.model.coveredShareToday * 100).toFixed(1)}% today -> ${(o.model.coveredShareWithPlan * 100).toFixed(1)}% with the plan; never coverable from any idle space: ${o.model.uncoverableWeight}`,
        `plan: ${planTotals(sc, o.plan).conversions} conversions, cost ${planTotals(sc, o.plan).cost}`,
        ...o.plan.conversions.map((c) => `  ${sc.candidates.ids[c.candidateIndex]} (${sc.candidates.kinds[c.candidateIndex]}, ${sc.candidates.areaM2[c.candidateIndex]} m²) -> ${c.serviceIndices.map((k) => sc.services[k].id).join(' + ')}`),
        `wrote ${path.relative(process.cwd(), outDir)}/ (plan.json, plan.geojson, optimize.json)`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return EXIT_OK;
  },
};
