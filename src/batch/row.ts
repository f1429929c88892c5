/** One tidy runs.csv row per batch run: parameters, seed, coverage by age band and service, F15, Gini, plan, solver, timing. */
import type { CoverageSummary } from '../coverage/residential.ts';
import type { RunSummary } from '../jobs/summary.ts';
import type { Budget } from '../scenario/types.ts';
import type { RunSpec } from './spec.ts';

export type RunRow = Record<string, string | number>;

/**
 * The text columns of runs.csv (src/io/csv.ts writes them spreadsheet-safe; readers restore them);
 * every other column holds numbers ('' when missing).
 */
export const TEXT_COLUMNS = ['run_id', 'scenario', 'catalogue', 'solver', 'status', 'error', 'solver_status'];

/** Columns whose values depend on timing; everything else is deterministic. */
export const TIMING_COLUMNS = ['seconds'];

const n = (x: unknown): string | number => (typeof x === 'number' && Number.isFinite(x) ? +x.toPrecision(10) : '');

/** The parameter columns; `budget` is the caps in force (the run's, else the scenario's), when known. */
export function paramColumns(run: RunSpec, seed: number | string, budget?: Budget): RunRow {
  return {
    run_id: run.id,
    scenario: run.scenario.split(/[\\/]/).filter(Boolean).pop() ?? run.scenario,
    seed,
    max_conversions: run.maxConversions ?? n(budget?.maxConversions),
    max_cost: run.maxCost ?? n(budget?.maxCost),
    ageing_shift: run.ageingShift,
    speed_factor: run.speedFactor,
    catalogue: run.catalogue,
    solver: run.solver,
    time_limit: run.timeLimit,
  };
}

/** The row of a finished run, from its summary and the budget in force (the scenario's caps where the run sets none). */
export function runRow(run: RunSpec, summary: RunSummary, seconds: number, budget?: Budget): RunRow {
  const { today, withPlan, optimize: opt, plan } = summary;
  const row: RunRow = { ...paramColumns(run, summary.seed, budget), status: 'ok', error: '', residents: summary.residents };
  const cov = (prefix: string, c: CoverageSummary | undefined) => {
    if (!c) return;
    for (const [band, v] of Object.entries(c.byAgeBand)) row[`${prefix}_${band}`] = n(v);
    row[`${prefix}_every_basic`] = n(c.allBasic);
    for (const [svc, v] of Object.entries(c.byService)) row[`${prefix}_${svc}`] = n(v.all);
  };
  cov('coverage_today', today.coverage);
  cov('coverage_plan', withPlan?.coverage);
  row.within_today = n(today.simulated.withinShare);
  row.within_plan = n(withPlan?.simulated.withinShare);
  row.f15_today = n(today.simulated.f15);
  row.f15_plan = n(withPlan?.simulated.f15);
  row.gini_today = n(today.simulated.giniAccessTime);
  row.gini_plan = n(withPlan?.simulated.giniAccessTime);
  row.plan_spaces = plan?.spaces ?? '';
  row.plan_conversions = plan?.conversions ?? '';
  row.plan_cost = plan?.cost ?? '';
  row.plan_area_m2 = plan?.areaM2 ?? '';
  row.solver_status = opt?.solver.status ?? '';
  row.objective = n(opt?.solver.objective);
  row.bound = n(opt?.solver.bound);
  row.gap = n(opt?.solver.gap);
  row.seconds = +seconds.toFixed(3);
  return row;
}

/** The row of a run that failed: its parameters and the error. */
export function failedRow(run: RunSpec, message: string, seconds: number): RunRow {
  return { ...paramColumns(run, run.seed ?? ''), status: 'failed', error: message.split('\n')[0].slice(0, 500), seconds: +seconds.toFixed(3) };
}

/** Header: the union of all rows' columns, in first-seen order. */
export function header(rows: RunRow[]): string[] {
  const cols: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) if (!seen.has(k)) (seen.add(k), cols.push(k));
  // keep the timing column last
  return [...cols.filter((c) => !TIMING_COLUMNS.includes(c)), ...TIMING_COLUMNS.filter((c) => seen.has(c))];
}
