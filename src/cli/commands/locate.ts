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
import { readCapacities } from '../../locate/io/capacities.ts';
import { CAPACITATED_MODELS, capacitatedInstance, type CapacitatedModel } from '../../locate/capacitated/instance.ts';
import { capacitatedLp } from '../../locate/capacitated/lp.ts';
import { capacitated, CAPACITATED_SOLVERS, type CapacitatedResult } from '../../locate/capacitated/solve.ts';

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
  if (r.model === 'mclp' || r.model === 'lscp' || r.model === 'cmclp' || r.model === 'clscp') {
    const un = r.uncoverableWeight ? tr(lang, `, uncoverable ${fmt(r.uncoverableWeight)}`, `，无法覆盖 ${fmt(r.uncoverableWeight)}`) : '';
    lines.push(tr(lang, `  covered weight ${fmt(r.coveredWeight)} of ${fmt(r.totalWeight)} (${r.coveredPercent.toFixed(3)}%)${un}`, `  覆盖权重 ${fmt(r.coveredWeight)} / ${fmt(r.totalWeight)}（${r.coveredPercent.toFixed(3)}%）${un}`));
  }
  if ((r.model === 'pmedian' || r.model === 'cpmedian') && Number.isFinite(r.objective)) lines.push(tr(lang, `  weighted mean cost ${fmt(r.objective / r.totalWeight)}`, `  加权平均成本 ${fmt(r.objective / r.totalWeight)}`));
  if ('siteLoad' in r) lines.push(...siteLoadLines(r as CapacitatedResult, lang));
  lines.push(tr(lang, `  time ${(r.timings.total / 1000).toFixed(2)} s; ${r.notes.join('; ')}`, `  用时 ${(r.timings.total / 1000).toFixed(2)} 秒；${r.notes.join('; ')}`));
  return lines.join('\n');
}

/** The demand assigned to each open site against its capacity. */
function siteLoadLines(r: CapacitatedResult, lang: Lang): string[] {
  const f = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 3 });
  const out = [tr(lang, `  assigned demand per site (${r.singleSource ? 'single-sourced' : 'split'}):`, `  各选址分配的需求（${r.singleSource ? '单一来源' : '可拆分'}）：`)];
  r.selected.forEach((j, t) => {
    const id = r.selectedIds?.[t] ?? String(j);
    const load = r.siteLoad[j];
    const cap = r.siteCapacity[j];
    out.push(`    ${id}: ${f(load)} / ${f(cap)}${cap > 0 ? ` (${((100 * load) / cap).toFixed(1)}%)` : ''}`);
  });
  return out;
}

export const command: Command = {
  name: 'locate',
  usage: `locate --model mclp|lscp|pmedian|pcenter|cmclp|clscp|cpmedian (--costs <csv> --from COL --to COL --cost COL [--weight COL | --demand <csv> --demand-id COL --demand-weight COL] | --orlib <file>) [--radius R] [--p P] [--capacities <csv> [--default-capacity C] [--single-source]] [--predefined ids] [--solver ${SOLVER_NAMES.join('|')}] [--time-limit s] [--threads N] [--seed S] [--show-model] [--json]`,
  help: {
    model: 'mclp | lscp | pmedian | pcenter | cmclp | clscp | cpmedian (the last three capacitated: need --capacities)',
    capacities: 'CSV of site capacities, columns site,capacity (demand weight a site can serve); for cmclp, clscp, cpmedian',
    'default-capacity': 'capacity of the sites --capacities does not list (default: each must be listed)',
    'single-source': 'each client served by one site only (default: demand may be split)',
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
    capacities: { type: 'string' },
    'default-capacity': { type: 'string' },
    'single-source': { type: 'boolean' },
  },
  async run(pos, values) {
    const lang = resolveLang(values.lang);
    if (pos.length) throw new InputError('command line', `unexpected argument '${pos[0]}'`);
    const model = str(values, 'model') as ClassicModel | undefined;
    const capModel = CAPACITATED_MODELS.includes(model as CapacitatedModel) ? (model as CapacitatedModel) : undefined;
    if (!model || (!CLASSIC_MODELS.includes(model) && !capModel)) throw new InputError('command line', `--model is '${model ?? ''}', expected one of ${[...CLASSIC_MODELS, ...CAPACITATED_MODELS].join(', ')}`);
    const solver = (str(values, 'solver') ?? 'auto') as SolverName;
    if (!SOLVER_NAMES.includes(solver)) throw new InputError('command line', `--solver is '${solver}', expected one of ${SOLVER_NAMES.join(', ')}`);
    if (capModel && !CAPACITATED_SOLVERS.includes(solver)) throw new InputError('command line', `--solver is '${solver}', expected one of ${CAPACITATED_SOLVERS.join(', ')} for ${capModel}`);
    if (capModel && !str(values, 'capacities')) throw new InputError('command line', `--capacities <csv> is required for ${capModel}`);
    if (!capModel && (values.capacities !== undefined || values['single-source'])) throw new InputError('command line', `--capacities and --single-source apply to cmclp, clscp and cpmedian, not ${model}`);
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
    if ((model === 'mclp' || model === 'lscp' || capModel === 'cmclp' || capModel === 'clscp') && radius === undefined) throw new InputError('command line', `--radius is required for ${model}`);
    if (model !== 'lscp' && capModel !== 'clscp' && p === undefined) throw new InputError('command line', `--p is required for ${model}`);
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
    if (capModel) {
      const defaultCapacity = values['default-capacity'] === undefined ? undefined : numberOption(values, 'default-capacity', 0, { min: 0 });
      const capacity = await readCapacities(str(values, 'capacities')!, cm.siteIds ?? Array.from({ length: cm.nSites }, (_, j) => String(j)), defaultCapacity);
      const singleSource = values['single-source'] === true;
      const shownCap = values['show-model'] ? capacitatedLp(capacitatedInstance(cm, { model: capModel, capacity, radius, p, mustOpen: predefined, singleSource })) : undefined;
      if (shownCap && !values.json) process.stdout.write(shownCap);
      progress(`locate: ${capModel} on ${cm.nClients} clients x ${cm.nSites} sites with solver ${solver}${singleSource ? ', single-sourced' : ''}`);
      const r = await capacitated(capModel, cm, capacity, { radius, p, predefined, solver, timeLimit, seed, singleSource });
      return report(r, cm, source, shownCap, values.json === true, lang);
    }
    const shown = values['show-model'] ? modelText(model, cm, radius, p, predefined, solver) : undefined;
    if (shown && !values.json) process.stdout.write(shown.endsWith('\n') ? shown : `${shown}\n`);
    progress(`locate: ${model} on ${cm.nClients} clients x ${cm.nSites} sites with solver ${solver}`);
    const r = await locate(model as ClassicModel, cm, { radius, p, predefined, solver, timeLimit, threads, seed, starts });
    return report(r, cm, source, shown, values.json === true, lang);
  },
};

/** Print the result (text or --json) and give the exit code. */
function report(r: LocateResult, cm: CostMatrix, source: string, shown: string | undefined, json: boolean, lang: Lang): number {
  if (json) {
    const { assignment, ...rest } = r;
    const out = { ...rest, ...('siteLoad' in r && { siteIds: cm.siteIds }), source, assignment: assignment ? Array.from(assignment, (j) => (j < 0 ? null : cm.siteIds?.[j] ?? j)) : undefined, clientIds: cm.clientIds, model_text: shown };
    // no NaN or Infinity in what is written: a missing number is null
    process.stdout.write(`${JSON.stringify(out, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`);
  } else process.stdout.write(`${summary(r, source, lang)}\n`);
  if (r.status === 'infeasible' || r.status === 'error') {
    progress(`locate: ${r.status === 'infeasible' ? 'no solution meets the constraints (proven infeasible)' : 'no solution found'}`);
    return EXIT_FAILURE;
  }
  return EXIT_OK;
}
