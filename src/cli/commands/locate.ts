/**
 * `quarterhour locate`: the classic location models (LSCP, MCLP, p-median, p-center) on a long-form
 * cost CSV or an OR-Library p-median file. Coverage rule: a client is covered by a site when
 * cost <= radius.
 */
import { InputError } from '../../core/errors.ts';
import { EXIT_FAILURE, EXIT_OK, numberOption, progress, type Command, type ParsedValues } from '../command.ts';
import { readCostCsv } from '../../locate/io/costCsv.ts';
import { readOrlib } from '../../locate/io/orlib.ts';
import { coverageFromCosts, resolveSites, type CostMatrix } from '../../locate/model/costMatrix.ts';
import { CLASSIC_MODELS, locate, type ClassicModel } from '../../locate/locate.ts';
import { coverageLp, pMedianLp, setCoverLp } from '../../locate/model/lpFormat.ts';
import { coverageJslpText } from '../../locate/solvers/jslp.ts';
import { SOLVER_NAMES, type LocateResult, type SolverName } from '../../locate/model/result.ts';
import { gapText, none, statusText, tr } from '../../i18n/cli.ts';
import { resolveLang, type Lang } from '../../i18n/lang.ts';

function str(values: ParsedValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

function modelText(model: ClassicModel, cm: CostMatrix, radius: number | undefined, p: number | undefined, predefined: number[], solver: SolverName): string {
  if (model === 'mclp') {
    const inst = coverageFromCosts(cm, radius!, { maxOpen: p, mustOpen: predefined });
    return solver === 'jslp' ? coverageJslpText(inst) : coverageLp(inst);
  }
  if (model === 'lscp') return setCoverLp(coverageFromCosts(cm, radius!, { mustOpen: predefined }));
  if (model === 'pmedian') return pMedianLp(cm, p!, predefined);
  if (radius === undefined) return '\\ p-center is solved as a search over set-covering models; give --radius to see the one at that radius\n';
  return setCoverLp(coverageFromCosts(cm, radius, { mustOpen: predefined }));
}

function summary(r: LocateResult, source: string, lang: Lang): string {
  const fmt = (v: number): string => (Number.isFinite(v) ? (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 3 })) : none(lang));
  const sites = (r.selectedIds ?? r.selected.map(String)).join(', ');
  const lines = [
    tr(lang, `${r.model} on ${source}: ${r.status} (solver ${r.solver}, seed ${r.seed})`, `${r.model}（${source}）：${statusText(lang, r.status)}（求解器 ${r.solver}，随机种子 ${r.seed}）`),
    tr(lang, `  objective ${fmt(r.objective)}, bound ${fmt(r.bound)}, gap ${gapText(lang, r.gap, 4)}`, `  目标值 ${fmt(r.objective)}，界 ${fmt(r.bound)}，间隙 ${gapText(lang, r.gap, 4)}`),
    tr(lang, `  sites (${r.selected.length}): ${sites}`, `  选址（${r.selected.length}）：${sites}`),
  ];
  if (r.model === 'mclp' || r.model === 'lscp') {
    const un = r.uncoverableWeight ? tr(lang, `, uncoverable ${fmt(r.uncoverableWeight)}`, `，无法覆盖 ${fmt(r.uncoverableWeight)}`) : '';
    lines.push(tr(lang, `  covered weight ${fmt(r.coveredWeight)} of ${fmt(r.totalWeight)} (${r.coveredPercent.toFixed(3)}%)${un}`, `  覆盖权重 ${fmt(r.coveredWeight)} / ${fmt(r.totalWeight)}（${r.coveredPercent.toFixed(3)}%）${un}`));
  }
  if (r.model === 'pmedian' && Number.isFinite(r.objective)) lines.push(tr(lang, `  weighted mean cost ${fmt(r.objective / r.totalWeight)}`, `  加权平均成本 ${fmt(r.objective / r.totalWeight)}`));
  lines.push(tr(lang, `  time ${(r.timings.total / 1000).toFixed(2)} s; ${r.notes.join('; ')}`, `  用时 ${(r.timings.total / 1000).toFixed(2)} 秒；${r.notes.join('; ')}`));
  return lines.join('\n');
}

export const command: Command = {
  name: 'locate',
  usage: `locate --model mclp|lscp|pmedian|pcenter (--costs <csv> --from COL --to COL --cost COL [--weight COL | --demand <csv> --demand-id COL --demand-weight COL] | --orlib <file>) [--radius R] [--p P] [--predefined ids] [--solver ${SOLVER_NAMES.join('|')}] [--time-limit s] [--threads N] [--seed S] [--show-model] [--json]`,
  help: {
    model: 'mclp | lscp | pmedian | pcenter',
    costs: 'long-form cost CSV, one row per client-site pair',
    from: 'column of client ids (e.g. DestinationName)',
    to: 'column of site ids (e.g. name)',
    cost: 'column of costs (e.g. distance); coverage rule: cost <= radius',
    weight: 'column of client weights in the cost CSV (e.g. demand); default 1',
    demand: 'separate CSV of client weights',
    'demand-id': 'client id column of --demand (default: --from)',
    'demand-weight': 'weight column of --demand (default: weight)',
    orlib: 'OR-Library p-median file (pmed1.txt ...); p defaults to its header',
    radius: 'service radius for mclp, lscp (and pcenter --show-model)',
    p: 'number of sites for mclp, pmedian, pcenter',
    predefined: 'comma-separated site ids that must be open',
    solver: 'auto (default) | exact (HiGHS) | jslp | greedy | local | lagrangian',
    'time-limit': 'seconds (default 60)',
    threads: 'worker threads for local search and LP probing (default 1; results do not depend on it)',
    seed: 'random seed (default 1)',
    starts: 'local search starts (default 4)',
    'show-model': 'print the model (CPLEX LP format; javascript-lp-solver text with --solver jslp) before solving',
  },
  options: {
    model: { type: 'string' },
    costs: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    cost: { type: 'string' },
    weight: { type: 'string' },
    demand: { type: 'string' },
    'demand-id': { type: 'string' },
    'demand-weight': { type: 'string' },
    orlib: { type: 'string' },
    radius: { type: 'string' },
    p: { type: 'string' },
    predefined: { type: 'string' },
    solver: { type: 'string' },
    'time-limit': { type: 'string' },
    threads: { type: 'string' },
    seed: { type: 'string' },
    starts: { type: 'string' },
    'show-model': { type: 'boolean' },
  },
  async run(pos, values) {
    const lang = resolveLang(values.lang);
    if (pos.length) throw new InputError('command line', `unexpected argument '${pos[0]}'`);
    const model = str(values, 'model') as ClassicModel | undefined;
    if (!model || !CLASSIC_MODELS.includes(model)) throw new InputError('command line', `--model is '${model ?? ''}', expected one of ${CLASSIC_MODELS.join(', ')}`);
    const solver = (str(values, 'solver') ?? 'auto') as SolverName;
    if (!SOLVER_NAMES.includes(solver)) throw new InputError('command line', `--solver is '${solver}', expected one of ${SOLVER_NAMES.join(', ')}`);
    let cm: CostMatrix;
    let source: string;
    let p = values.p === undefined ? undefined : numberOption(values, 'p', 0, { integer: true, min: 1 });
    const orlib = str(values, 'orlib');
    const costs = str(values, 'costs');
    if (orlib) {
      const inst = readOrlib(orlib);
      cm = inst.matrix;
      p ??= inst.p;
      source = orlib;
    } else if (costs) {
      const need = (name: string): string => {
        const v = str(values, name);
        if (!v) throw new InputError('command line', `--${name} is required with --costs`);
        return v;
      };
      cm = await readCostCsv(costs, {
        from: need('from'),
        to: need('to'),
        cost: need('cost'),
        weight: str(values, 'weight'),
        demandFile: str(values, 'demand'),
        demandId: str(values, 'demand-id'),
        demandWeight: str(values, 'demand-weight'),
      });
      source = costs;
    } else throw new InputError('command line', 'give --costs <csv> (with --from, --to, --cost) or --orlib <file>');
    const radius = values.radius === undefined ? undefined : numberOption(values, 'radius', 0, { min: 0 });
    if ((model === 'mclp' || model === 'lscp') && radius === undefined) throw new InputError('command line', `--radius is required for ${model}`);
    if (model !== 'lscp' && p === undefined) throw new InputError('command line', `--p is required for ${model}`);
    if (p !== undefined && p > cm.nSites) throw new InputError('command line', `--p is ${p}, but there are only ${cm.nSites} candidate sites`);
    let predefined: number[] = [];
    const pre = str(values, 'predefined');
    if (pre) {
      try {
        predefined = resolveSites(cm, pre.split(',').map((s) => s.trim()).filter(Boolean));
      } catch (e) {
        throw new InputError('command line', `--predefined: ${(e as Error).message}`);
      }
      if (p !== undefined && predefined.length > p) throw new InputError('command line', `--predefined lists ${predefined.length} sites, more than --p ${p}`);
    }
    const timeLimit = numberOption(values, 'time-limit', 60, { min: 0 });
    const threads = numberOption(values, 'threads', 1, { integer: true, min: 1 });
    const seed = numberOption(values, 'seed', 1, { integer: true });
    const starts = numberOption(values, 'starts', 4, { integer: true, min: 1 });
    const shown = values['show-model'] ? modelText(model, cm, radius, p, predefined, solver) : undefined;
    if (shown && !values.json) process.stdout.write(shown.endsWith('\n') ? shown : `${shown}\n`);
    progress(`locate: ${model} on ${cm.nClients} clients x ${cm.nSites} sites with solver ${solver}`);
    const r = await locate(model, cm, { radius, p, predefined, solver, timeLimit, threads, seed, starts });
    if (values.json) {
      const { assignment, ...rest } = r;
      const out = { ...rest, source, assignment: assignment ? Array.from(assignment, (j) => (j < 0 ? null : cm.siteIds?.[j] ?? j)) : undefined, clientIds: cm.clientIds, model_text: shown };
      // no NaN or Infinity in what is written: a missing number is null
      process.stdout.write(`${JSON.stringify(out, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`);
    } else process.stdout.write(`${summary(r, source, lang)}\n`);
    if (r.status === 'infeasible' || r.status === 'error') {
      progress(`locate: ${r.status === 'infeasible' ? 'no solution meets the constraints (proven infeasible)' : 'no solution found'}`);
      return EXIT_FAILURE;
    }
    return EXIT_OK;
  },
};
