/**
 * batch.json: base scenarios and a sweep (or a listed set of runs) over budgets, walking-speed
 * factors, an ageing shift, service-catalogue variants, solver settings and replicate seeds. The sweep
 * expands to the full grid in a fixed parameter order; every run gets an id made from its parameters,
 * so that --resume recognises it.
 */
import path from 'node:path';
import { InputError } from '../core/errors.ts';
import { readJsonFile } from '../io/json.ts';
import { SOLVER_NAMES, type SolverName } from '../locate/model/result.ts';
import { portfolioScenarios } from '../scenario/portfolioManifest.ts';
import { Problems } from '../scenario/rows.ts';

/** A catalogue variant: per-service overrides of the threshold (minutes), cost and minimum floor area. */
export interface CatalogueVariant {
  thresholdMin?: Record<string, number>;
  cost?: Record<string, number>;
  minAreaM2?: Record<string, number>;
}

export interface RunSpec {
  id: string;
  /** Scenario folder or file, resolved against the batch file's folder. */
  scenario: string;
  maxConversions: number | null;
  maxCost: number | null;
  /** Share of each block's residents moved up one age band (0..1). */
  ageingShift: number;
  /** Factor on every age band's walking speed. */
  speedFactor: number;
  catalogue: string;
  solver: SolverName;
  timeLimit: number;
  seed: number | null;
}

export interface BatchSpec {
  name: string;
  file: string;
  /** The portfolio folder the scenarios come from (generate --circles), when the batch sweeps one. */
  portfolio?: string;
  catalogues: Record<string, CatalogueVariant>;
  runs: RunSpec[];
}

/** Sweep parameters in grid order (the last varies fastest). */
export const PARAMS = ['scenario', 'maxConversions', 'maxCost', 'ageingShift', 'speedFactor', 'catalogue', 'solver', 'timeLimit', 'seed'] as const;
type Param = (typeof PARAMS)[number];

const DEFAULTS: Omit<RunSpec, 'id' | 'scenario'> = { maxConversions: null, maxCost: null, ageingShift: 0, speedFactor: 1, catalogue: 'default', solver: 'auto', timeLimit: 30, seed: null };

const SHORT: Record<Param, string> = { scenario: '', maxConversions: 'b', maxCost: 'c', ageingShift: 'age', speedFactor: 'v', catalogue: 'cat-', solver: '', timeLimit: 't', seed: 's' };

function slug(x: string): string {
  return x.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Run id from the parameters that vary in this batch (always the scenario name). */
export function runId(run: Omit<RunSpec, 'id'>, varying: Set<Param>): string {
  const parts = [slug(path.basename(run.scenario, '.json'))];
  for (const p of PARAMS) {
    if (p === 'scenario' || !varying.has(p)) continue;
    const v = run[p];
    parts.push(`${SHORT[p]}${v === null ? 'none' : slug(String(v))}`);
  }
  return parts.join('_');
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function checkValue(p: Param, v: unknown, where: string, file: string, problems: Problems, catalogues: Record<string, CatalogueVariant>): unknown {
  const bad = (expected: string) => {
    problems.add(file, `is ${JSON.stringify(v)}, expected ${expected}`, undefined, where);
    return undefined;
  };
  switch (p) {
    case 'scenario':
      return typeof v === 'string' && v !== '' ? v : bad('a scenario folder or JSON file path');
    case 'maxConversions':
      return v === null || (Number.isInteger(v) && (v as number) >= 0) ? v : bad('an integer >= 0 or null');
    case 'maxCost':
      return v === null || (typeof v === 'number' && v >= 0) ? v : bad('a number >= 0 or null');
    case 'ageingShift':
      return typeof v === 'number' && v >= 0 && v <= 1 ? v : bad('a number between 0 and 1');
    case 'speedFactor':
      return typeof v === 'number' && v > 0 && v <= 3 ? v : bad('a number > 0 and <= 3');
    case 'catalogue':
      return typeof v === 'string' && (v === 'default' || v in catalogues) ? v : bad(`"default" or a name from "catalogues" (${Object.keys(catalogues).join(', ') || 'none defined'})`);
    case 'solver':
      return typeof v === 'string' && (SOLVER_NAMES as readonly string[]).includes(v) ? v : bad(`one of ${SOLVER_NAMES.join(', ')}`);
    case 'timeLimit':
      return typeof v === 'number' && v > 0 ? v : bad('a number of seconds > 0');
    case 'seed':
      return v === null || (Number.isInteger(v) && (v as number) >= 0 && (v as number) < 2 ** 32) ? v : bad('an integer seed >= 0 or null');
  }
}

export function parseBatch(file: string): BatchSpec {
  const doc = readJsonFile(file);
  if (!isObj(doc)) throw new InputError(file, 'expected a JSON object with "scenario" or "scenarios" and a "sweep" or "runs"');
  const problems = new Problems();
  const dir = path.dirname(path.resolve(file));
  const name = typeof doc.name === 'string' && doc.name !== '' ? slug(doc.name) : path.basename(file, '.json');

  const catalogues: Record<string, CatalogueVariant> = {};
  if (doc.catalogues !== undefined) {
    if (!isObj(doc.catalogues)) problems.add(file, 'expected an object of variant name -> {thresholdMin, cost, minAreaM2}', undefined, 'catalogues');
    else
      for (const [k, v] of Object.entries(doc.catalogues)) {
        if (!isObj(v)) problems.add(file, 'expected {"thresholdMin": {service: minutes}, "cost": {...}, "minAreaM2": {...}}', undefined, `catalogues.${k}`);
        else catalogues[k] = v as CatalogueVariant;
      }
  }

  const base: Obj = { ...DEFAULTS };
  for (const p of PARAMS) if (doc[p] !== undefined && !Array.isArray(doc[p])) base[p] = checkValue(p, doc[p], p, file, problems, catalogues);
  let portfolio: string | undefined;
  let scenarios = Array.isArray(doc.scenarios) ? doc.scenarios : doc.scenario !== undefined ? [doc.scenario] : [];
  if (doc.portfolio !== undefined) {
    if (typeof doc.portfolio !== 'string' || doc.portfolio === '') problems.add(file, `is ${JSON.stringify(doc.portfolio)}, expected a portfolio folder (from 'quarterhour generate --circles N')`, undefined, 'portfolio');
    else {
      portfolio = path.resolve(dir, doc.portfolio);
      scenarios = portfolioScenarios(portfolio, file).map((s) => path.relative(dir, s));
    }
  }

  const rawRuns: Obj[] = [];
  const varying = new Set<Param>();
  if (Array.isArray(doc.runs)) {
    doc.runs.forEach((r, i) => {
      if (!isObj(r)) return problems.add(file, 'expected an object of parameters', `runs[${i}]`);
      const run: Obj = { ...base, scenario: base.scenario ?? scenarios[0] };
      for (const [k, v] of Object.entries(r)) {
        if (!(PARAMS as readonly string[]).includes(k)) problems.add(file, `unknown parameter '${k}', expected one of ${PARAMS.join(', ')}`, `runs[${i}]`, k);
        else {
          run[k] = checkValue(k as Param, v, `runs[${i}].${k}`, file, problems, catalogues);
          varying.add(k as Param);
        }
      }
      rawRuns.push(run);
    });
  } else {
    const sweep = isObj(doc.sweep) ? doc.sweep : {};
    if (doc.sweep !== undefined && !isObj(doc.sweep)) problems.add(file, 'expected an object of parameter -> list of values', undefined, 'sweep');
    for (const k of Object.keys(sweep)) if (!(PARAMS as readonly string[]).includes(k)) problems.add(file, `unknown parameter '${k}', expected one of ${PARAMS.join(', ')}`, undefined, `sweep.${k}`);
    const axes: [Param, unknown[]][] = [];
    for (const p of PARAMS) {
      let values: unknown[] | undefined = Array.isArray(sweep[p]) ? (sweep[p] as unknown[]) : undefined;
      if (sweep[p] !== undefined && !values) problems.add(file, 'expected a list of values', undefined, `sweep.${p}`);
      if (p === 'scenario' && !values) values = scenarios;
      if (!values) continue;
      if (values.length === 0) problems.add(file, 'is an empty list', undefined, p === 'scenario' ? 'scenarios' : `sweep.${p}`);
      axes.push([p, values.map((v, i) => checkValue(p, v, `sweep.${p}[${i}]`, file, problems, catalogues))]);
      if (values.length > 1 || p === 'seed') varying.add(p);
    }
    let grid: Obj[] = [{ ...base }];
    for (const [p, values] of axes) grid = grid.flatMap((g) => values.map((v) => ({ ...g, [p]: v })));
    rawRuns.push(...grid);
  }
  if (rawRuns.length === 0 || rawRuns.some((r) => r.scenario === undefined)) problems.add(file, 'names no scenario: give "scenario", "scenarios" or a scenario per run', undefined, 'scenario');
  problems.throwIfAny();

  const runs: RunSpec[] = rawRuns.map((r) => {
    const spec = { ...(r as unknown as Omit<RunSpec, 'id'>), scenario: path.resolve(dir, r.scenario as string) };
    return { id: runId(spec, varying), ...spec };
  });
  const ids = new Set<string>();
  for (const r of runs) {
    if (ids.has(r.id)) problems.add(file, `two runs have the same parameters (${r.id}); each run must differ`, undefined, 'sweep');
    ids.add(r.id);
  }
  problems.throwIfAny();
  return { name, file, ...(portfolio ? { portfolio } : {}), catalogues, runs };
}
