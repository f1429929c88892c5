import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/jobs/run.ts';
import { generateCity } from '../../src/scenario/generate.ts';
import { writeScenario } from '../../src/scenario/write.ts';
import { tempDir } from '../helpers/fixtures.ts';

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
      ['blocks.geojson.gz', 'coverage.csv.gz', 'coverage_after.csv.gz', 'plan.geojson', 'plan.json', 'simulate-plan/block_metrics.csv.gz', 'simulate-plan/metrics.json', 'simulate-plan/trips.csv.gz', 'simulate-today/block_metrics.csv.gz', 'simulate-today/metrics.json', 'simulate-today/trips.csv.gz', 'summary.json'].sort(),
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
});
