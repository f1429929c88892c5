/** `quarterhour optimize <scenario>`: choose which idle spaces become which services; writes plan.json, plan.geojson and optimize.json. */
import path from 'node:path';
import { InputError } from '../../core/errors.ts';
import { SOLVER_NAMES, type SolverName } from '../../locate/model/result.ts';
import { optimizeToDir } from '../../jobs/optimize.ts';
import { EXIT_FAILURE, EXIT_OK, numberOption, progress, type Command } from '../command.ts';
import { BUDGET_HELP, BUDGET_OPTIONS, budgetOption } from '../budget.ts';
import { InfeasiblePlanError } from '../../optimize/infeasible.ts';
import { count, gapText, kindLabel, none, num, pct, serviceLabel, statusText, tr, yuan } from '../../i18n/cli.ts';
import { resolveLang } from '../../i18n/lang.ts';
import { bindingLine, objectiveLine } from '../../report/runText.ts';

export const command: Command = {
  name: 'optimize',
  usage: 'optimize <scenario> [--solver NAME] [--time-limit S] [--capacitated] [--threads N] [--seed S] [--demand simulated|expected] [--out DIR] [--max-conversions N] [--max-cost C] [--json]',
  help: {
    solver: `${SOLVER_NAMES.join(', ')} (default auto: heuristics, a Lagrangian bound, LP probing, then HiGHS on the reduced model)`,
    'time-limit': 'seconds for the solver (default 60)',
    capacitated: "capacitated siting: visits assigned to each conversion at most its service's capacity (also constraints.capacitated in scenario.json)",
    threads: 'worker threads for the simulation, local-search starts and LP probing (default 1); results do not depend on it',
    seed: "override the scenario's seed",
    demand: 'simulated (default: one simulated day) or expected (residents x trip rates)',
    out: 'output folder (default results/<scenario name>-optimize)',
    ...BUDGET_HELP,
  },
  options: { solver: { type: 'string' }, 'time-limit': { type: 'string' }, threads: { type: 'string' }, seed: { type: 'string' }, demand: { type: 'string' }, out: { type: 'string' }, capacitated: { type: 'boolean' }, ...BUDGET_OPTIONS },
  async run(pos, values) {
    if (pos.length !== 1) throw new InputError('command line', 'expected exactly one scenario folder or JSON file');
    const lang = resolveLang(values.lang);
    const solver = (values.solver as string | undefined) ?? 'auto';
    if (!(SOLVER_NAMES as readonly string[]).includes(solver)) throw new InputError('command line', `--solver is '${solver}', expected one of ${SOLVER_NAMES.join(', ')}`);
    const demandKind = (values.demand as string | undefined) ?? 'simulated';
    if (demandKind !== 'simulated' && demandKind !== 'expected') throw new InputError('command line', `--demand is '${demandKind}', expected simulated or expected`);
    const threads = numberOption(values, 'threads', 1, { integer: true, min: 1 });
    const timeLimit = numberOption(values, 'time-limit', 60, { min: 0.1 });
    const seed = values.seed === undefined ? undefined : numberOption(values, 'seed', 0, { integer: true, min: 0 });
    const job = await optimizeToDir(pos[0], { budget: budgetOption(values), solver: solver as SolverName, timeLimit, threads, seed, demand: demandKind, out: values.out as string | undefined, ...(values.capacitated === true && { capacitated: true }), log: progress }).catch((e: unknown) => {
      if (!(e instanceof InfeasiblePlanError)) throw e;
      progress(`quarterhour optimize: no plan meets the scenario's constraints; nothing written\n${e.message}`);
      return null;
    });
    if (!job) return EXIT_FAILURE;
    const { scenario: sc, outDir, record, outcome: o, files } = job;
    if (values.json) process.stdout.write(`${JSON.stringify({ ...record, outDir, timings: o.timings }, null, 2)}\n`);
    else {
      const s = o.solver;
      const m = o.model;
      const e = o.explanation;
      const lines = [
        tr(lang, `${sc.name}: ${m.units} demand units x ${m.options} (space, service) options, ${m.nonzeros} coverage pairs`, `${sc.name}：${m.units} 个需求单元 × ${m.options} 个（空间，服务）选项，${m.nonzeros} 个覆盖对`),
        tr(lang, `solver ${s.solver}: ${s.status}; bound ${num(lang, s.bound)}, gap ${gapText(lang, s.gap)}`, `求解器 ${s.solver}：${statusText(lang, s.status)}；上界 ${num(lang, s.bound)}，间隙 ${gapText(lang, s.gap)}`),
        e ? objectiveLine(lang, e.objective, s.objective) : '',
        e
          ? tr(lang, `(shares of weighted daily trips, not of residents as in run's and compare's tables); never coverable from any idle space: ${num(lang, m.uncoverableWeight)}`, `（以上为加权日出行比例，而非 run 与 compare 表格中的居民比例）；任何闲置空间都无法覆盖的：${num(lang, m.uncoverableWeight)}`)
          : tr(lang, `share of weighted daily trips (trips x age weight) within reach: ${pct(lang, m.coveredShareToday)} today -> ${pct(lang, m.coveredShareWithPlan)} with the plan (run's and compare's tables give shares of residents instead); never coverable from any idle space: ${num(lang, m.uncoverableWeight)}`, `加权日出行（出行次数 × 年龄权重）可达比例：现状 ${pct(lang, m.coveredShareToday)} -> 实施方案后 ${pct(lang, m.coveredShareWithPlan)}（run 与 compare 的表格给出的是居民比例）；任何闲置空间都无法覆盖的：${num(lang, m.uncoverableWeight)}`),
        e ? bindingLine(lang, sc, e) ?? '' : '',
        tr(lang, `plan: ${count(lang, record.plan.conversions, 'conversion', '')} in ${count(lang, record.plan.spaces, 'idle space', '')}, cost ${yuan(lang, record.plan.cost)}`, `方案：在 ${record.plan.spaces} 处闲置空间改造 ${record.plan.conversions} 项，费用 ${yuan(lang, record.plan.cost)}`),
        ...o.plan.conversions.map((c) => {
          const j = c.candidateIndex;
          const svcs = c.serviceIndices.map((k) => serviceLabel(lang, sc.services[k])).join(' + ');
          return tr(lang, `  ${sc.candidates.ids[j]} (${sc.candidates.kinds[j]}, ${sc.candidates.areaM2[j]} m²) -> ${svcs}`, `  ${sc.candidates.ids[j]}（${kindLabel(lang, sc.candidates.kinds[j])}，${sc.candidates.areaM2[j]} m²）-> ${svcs}`);
        }),
        ...(o.capacitated ? [tr(lang, 'capacitated: visits per day assigned (unweighted) / capacity', '容量约束：分配的日访问量（不加权）/ 容量'), ...o.capacitated.assigned.map((a) => `  ${a.candidate} ${a.service}: ${num(lang, a.assignedVisits)} / ${a.capacity === null ? none(lang) : num(lang, a.capacity)}`)] : []),
        `${tr(lang, 'wrote', '已写入')} ${path.relative(process.cwd(), outDir)}/ (${files.join(', ')})`,
      ].filter(Boolean);
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return EXIT_OK;
  },
};
