/**
 * The data of a batch report, from a batch folder's runs.csv: every run's row, which parameter the
 * curves run along (the swept numeric parameter with the most values), which parameters split the
 * curves into series (the other swept ones, seeds excepted: seeds give each point its spread), and
 * the metrics one can plot.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../../core/errors.ts';
import { TEXT_COLUMNS } from '../../batch/row.ts';
import { readCsv, restoreText } from '../../io/csv.ts';
import { portfolioSummary, type PortfolioSummary } from './portfolio.ts';

export interface BatchReportData {
  kind: 'batch';
  title: string;
  batch: string;
  columns: string[];
  rows: Record<string, string>[];
  /** Column the curves run along, e.g. max_conversions. */
  x: string;
  /** Columns whose combinations make separate series. */
  seriesBy: string[];
  /** Plottable metric columns, the default first. */
  metrics: string[];
  /** Where the batch spans several scenarios (a portfolio of circles): their ranking and coverage distribution. */
  portfolio: PortfolioSummary | null;
}

const AXES = ['max_conversions', 'max_cost', 'ageing_shift', 'speed_factor'];
const SERIES = ['scenario', 'max_conversions', 'max_cost', 'ageing_shift', 'speed_factor', 'catalogue', 'solver', 'time_limit'];
const FIRST_METRICS = ['coverage_plan_every_basic', 'within_plan', 'f15_plan'];

export async function batchReportData(dir: string): Promise<BatchReportData> {
  const file = path.join(dir, 'runs.csv');
  if (!fs.existsSync(file)) throw new InputError(dir, "expected runs.csv (from 'quarterhour batch')");
  const t = await readCsv(file);
  // text columns lose the writer's spreadsheet-safety apostrophe (src/io/csv.ts); numbers are read as written
  const rows = t.rows.map((r) => Object.fromEntries(Object.entries(r.values).map(([c, v]) => [c, TEXT_COLUMNS.includes(c) ? restoreText(v) : v])));
  const ok = rows.filter((r) => r.status === 'ok');
  const distinct = (c: string) => new Set(ok.map((r) => r[c])).size;
  const varying = SERIES.filter((c) => t.header.includes(c) && distinct(c) > 1);
  const axes = AXES.filter((c) => varying.includes(c)).sort((a, b) => distinct(b) - distinct(a));
  const x = axes[0] ?? 'seed';
  const numeric = (c: string) => ok.length > 0 && ok.every((r) => r[c] === '' || Number.isFinite(Number(r[c])));
  const metricCols = t.header.filter((c) => (c.startsWith('coverage_') || c.startsWith('within_') || c.startsWith('f15_') || c.startsWith('gini_') || c === 'plan_cost' || c === 'gap') && numeric(c));
  const metrics = [...FIRST_METRICS.filter((m) => metricCols.includes(m)), ...metricCols.filter((m) => !FIRST_METRICS.includes(m))];
  return { kind: 'batch', title: `quarterhour batch report — ${path.basename(path.resolve(dir))}`, batch: path.basename(path.resolve(dir)), columns: t.header, rows, x, seriesBy: varying.filter((c) => c !== x), metrics, portfolio: portfolioSummary(t.header, ok) };
}
