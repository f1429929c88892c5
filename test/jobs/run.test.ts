import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/jobs/run.ts';
import { generateCity } from '../../src/scenario/generate.ts';
import { writeScenario } from '../../src/scenario/write.ts';
import { FIXTURES, tempDir } from '../helpers/fixtures.ts';
import { COVERAGE_COLUMNS, COVERAGE_HEADER, COVERAGE_PLAN_HEADER, coverageRows } from '../../src/coverage/csv.ts';
import { staticCoverage } from '../../src/coverage/static.ts';
import { csvString, parseCsvText, readCsv } from '../../src/io/csv.ts';
import { readPlan } from '../../src/plan/io.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { computeDistanceMatrix } from '../../src/travel/travelMatrix.ts';
import { EMPTY_PLAN } from '../../src/plan/types.ts';
import { writeSimulationOutputs } from '../../src/simulate/output.ts';
import { simulate } from '../../src/simulate/simulate.ts';

function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

describe('runScenario', () => {
  it('writes byte-identical results with 1 and 2 threads, and the plan improves coverage', async () => {
    const dir = tempDir();
    const sc = path.join(dir, 'town');
    await writeScenario(sc, await generateCity({ residents: 8000, seed: 21, name: 'town' }));
    const a = await runScenario(sc, { out: path.join(dir, 'a'), threads: 1, timeLimit: 20 });
    const b = await runScenario(sc, { out: path.join(dir, 'b'), threads: 2, timeLimit: 20 });
    expect(hashTree(a.outDir)).toEqual(hashTree(b.outDir));
    expect(Object.keys(hashTree(a.outDir)).sort()).toEqual(
      ['blocks.geojson.gz', 'coverage.parquet', 'plan.geojson', 'plan.json', 'simulate-plan/block_metrics.csv.gz', 'simulate-plan/metrics.json', 'simulate-plan/site_loads.csv.gz', 'simulate-plan/trips.parquet', 'simulate-today/block_metrics.csv.gz', 'simulate-today/metrics.json', 'simulate-today/site_loads.csv.gz', 'simulate-today/trips.parquet', 'summary.json'].sort(),
    );
    const summary = JSON.parse(fs.readFileSync(path.join(a.outDir, 'summary.json'), 'utf8'));
    expect(summary.seed).toBe(21);
    expect(summary.optimize.solver.status).toMatch(/optimal|time-limit|feasible/);
    expect(summary.optimize.solver.bound).toBeGreaterThanOrEqual(summary.optimize.solver.objective - 1e-6);
    expect(summary.withPlan.simulated.withinShare).toBeGreaterThan(summary.today.simulated.withinShare);
    const plan = JSON.parse(fs.readFileSync(path.join(a.outDir, 'plan.json'), 'utf8'));
    const budget = JSON.parse(fs.readFileSync(path.join(sc, 'scenario.json'), 'utf8')).budget;
    expect(plan.totals.conversions).toBeLessThanOrEqual(budget.maxConversions);
    expect(plan.totals.cost).toBeLessThanOrEqual(budget.maxCost);
    expect(plan.totals.conversions).toBeGreaterThan(0);
    // the explained plan: one margin per conversion, the budget limits with their use
    expect(plan.explanation.margins).toHaveLength(plan.totals.conversions);
    expect(plan.explanation.constraints.map((c: { name: string }) => c.name).slice(0, 3)).toEqual(['max_conversions', 'max_cost', 'floor_area']);
  }, 120_000);

  it("writes one coverage table: today's columns are the static coverage of today, the plan's columns the static coverage with the plan, cell by cell", async () => {
    const tiny = path.join(FIXTURES, 'scenarios', 'tiny');
    const r = await runScenario(tiny, { out: path.join(tempDir(), 'tiny'), timeLimit: 10, format: 'csv.gz' });
    expect(r.files.filter((f) => f.startsWith('coverage'))).toEqual(['coverage.csv.gz']);
    const sc = await loadScenario(tiny);
    const matrix = await computeDistanceMatrix(sc);
    const plan = readPlan(path.join(r.outDir, 'plan.json'), sc);
    expect(plan.conversions.length).toBeGreaterThan(0);
    // what the one CSV writer makes of each state's static coverage, row by row (src/io/csv.ts csvLine)
    const expected = async (p?: typeof plan) => (await parseCsvText(csvString(COVERAGE_COLUMNS, coverageRows(sc, staticCoverage(sc, matrix, p).table)), 'expected')).rows;
    const today = await expected();
    const withPlan = await expected(plan);
    const got = await readCsv(path.join(r.outDir, 'coverage.csv.gz'));
    expect(got.header).toEqual([...COVERAGE_HEADER, ...COVERAGE_PLAN_HEADER]);
    expect(got.rows).toHaveLength(today.length);
    got.rows.forEach((row, k) => {
      for (const c of COVERAGE_HEADER) expect(row.values[c], `row ${row.line} ${c}`).toBe(today[k].values[c]);
      expect(row.values.nearest_min_plan, `row ${row.line} nearest_min_plan`).toBe(withPlan[k].values.nearest_min);
      expect(row.values.covered_plan, `row ${row.line} covered_plan`).toBe(withPlan[k].values.covered);
      for (const c of ['block', 'service', 'age_band', 'residents']) expect(withPlan[k].values[c]).toBe(today[k].values[c]);
    });
    // the plan changes some cells, and a run without one writes today's columns only
    expect(got.rows.some((row) => row.values.covered_plan !== row.values.covered)).toBe(true);
    const todayOnly = await runScenario(tiny, { out: path.join(tempDir(), 'tiny'), optimize: false, format: 'csv.gz' });
    expect((await readCsv(path.join(todayOnly.outDir, 'coverage.csv.gz'))).header).toEqual(COVERAGE_HEADER);
    // the rows leave out what belongs to a service: its threshold is in summary.json, once
    expect(r.summary.thresholdMin).toEqual(Object.fromEntries(sc.services.map((svc) => [svc.id, svc.thresholdMin])));
  }, 60_000);

  it("with a plan that converts nothing, copies today's day into simulate-plan: the bytes simulating and writing it again gives", async () => {
    const dir = tempDir();
    const sc = path.join(dir, 'town');
    await writeScenario(sc, await generateCity({ residents: 8000, seed: 21, name: 'town' }));
    // no idle space to convert (as in most OSM imports), and so no minimum count of conversions
    const header = fs.readFileSync(path.join(sc, 'candidates.csv'), 'utf8').split('\n')[0];
    fs.writeFileSync(path.join(sc, 'candidates.csv'), `${header}\n`);
    const json = JSON.parse(fs.readFileSync(path.join(sc, 'scenario.json'), 'utf8'));
    if (json.constraints) json.constraints.minCount = {};
    fs.writeFileSync(path.join(sc, 'scenario.json'), JSON.stringify(json, null, 2));
    const r = await runScenario(sc, { out: path.join(dir, 'out'), timeLimit: 20 });
    expect(r.summary.plan?.conversions).toBe(0);
    const got = hashTree(r.outDir);
    const day = (folder: string) => Object.fromEntries(Object.entries(got).filter(([f]) => f.startsWith(`${folder}/`)).map(([f, h]) => [path.basename(f), h]));
    expect(Object.keys(day('simulate-plan')).sort()).toEqual(['block_metrics.csv.gz', 'metrics.json', 'site_loads.csv.gz', 'trips.parquet']);
    expect(day('simulate-plan')).toEqual(day('simulate-today'));
    const scenario = await loadScenario(sc);
    const again = await simulate(scenario, await computeDistanceMatrix(scenario), { seed: scenario.seed, plan: EMPTY_PLAN });
    await writeSimulationOutputs(again, scenario, path.join(dir, 'again'));
    expect(hashTree(path.join(dir, 'again'))).toEqual(day('simulate-plan'));
    expect(r.summary.withPlan?.simulated).toEqual(r.summary.today.simulated);
  }, 60_000);
});
