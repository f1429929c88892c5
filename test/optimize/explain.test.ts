/** The explained plan in plan.json: margins by age band, binding constraints with measured shadow values, the solver record, and why services have no new site. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { optimizeToDir } from '../../src/jobs/optimize.ts';
import { expectedDemand } from '../../src/optimize/demand.ts';
import { optimizeScenario } from '../../src/optimize/optimize.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { computeDistanceMatrix } from '../../src/travel/travelMatrix.ts';
import type { PlanExplanation } from '../../src/plan/explanation.ts';
import { REPO, tempDir } from '../helpers/fixtures.ts';
import { TINY } from '../compare/tinyPlans.ts';

const EX01 = path.join(REPO, 'scenarios/teaching/01-one-repair-kiosk');

const explanationOf = (dir: string): PlanExplanation => JSON.parse(fs.readFileSync(path.join(dir, 'plan.json'), 'utf8')).explanation;

describe('the explained plan', () => {
  it('gives the one conversion of exercise 01 its whole gain, by age band, and splits the headline objective', async () => {
    const r = await optimizeToDir(EX01, { out: path.join(tempDir(), 'o'), timeLimit: 20 });
    const e = explanationOf(r.outDir);
    expect(e.solver).toMatchObject({ name: 'auto', status: 'optimal', gap: 0, provenOptimal: true });
    expect(e.margins).toHaveLength(1);
    const [m] = e.margins;
    expect(m.service).toBe('repair');
    expect(m.weightedDemand).toBeCloseTo(e.objective.addedByPlan, 6);
    expect(Object.values(m.residentsByBand).reduce((a, v) => a + v, 0)).toBeCloseTo(m.residents, 1);
    expect(m.residents).toBeGreaterThan(0);
    expect(m.cost).toBe(30000);
    expect(e.objective.preCoveredWeight + e.objective.addedByPlan).toBeCloseTo(e.solver.objective!, 6);
    expect(e.objective.note).toMatch(/covered by existing facilities/);
    // the solver notes end with the same split, so a reduced model's objective is not read as the headline
    const notes: string[] = JSON.parse(fs.readFileSync(path.join(r.outDir, 'plan.json'), 'utf8')).solver.notes;
    expect(notes.at(-1)).toBe(`objective ${e.solver.objective} = ${e.objective.preCoveredWeight} covered by existing facilities + ${e.objective.addedByPlan} added by the plan (reduced-model figures above leave out the ${e.objective.preCoveredWeight} already covered)`);
  });

  it('measures the shadow value of one more conversion by re-solving, and agrees with a run given that budget', async () => {
    const one = await optimizeToDir(EX01, { out: path.join(tempDir(), 'one'), timeLimit: 20 });
    const two = await optimizeToDir(EX01, { out: path.join(tempDir(), 'two'), timeLimit: 20, budget: { maxConversions: 2 } });
    const c = explanationOf(one.outDir).constraints.find((x) => x.name === 'max_conversions')!;
    expect(c).toMatchObject({ used: 1, limit: 1, binding: true, step: 'one more conversion' });
    expect(c.shadowValue).toBeCloseTo(two.outcome.solver.objective - one.outcome.solver.objective, 3);
    expect(c.shadowValue).toBeGreaterThan(0);
  });

  it('lists every constraint with finite numbers, and a reason for each service without a new site', async () => {
    const r = await optimizeToDir(TINY, { out: path.join(tempDir(), 'o'), timeLimit: 10, budget: { maxConversions: 1 } });
    const text = fs.readFileSync(path.join(r.outDir, 'plan.json'), 'utf8');
    expect(text).not.toMatch(/NaN|Infinity/);
    const e = explanationOf(r.outDir);
    expect(e.constraints.map((c) => c.name)).toEqual(['max_conversions', 'max_cost', 'floor_area']);
    const opened = new Set(e.margins.map((m) => m.service));
    const listed = e.uncovered.map((u) => u.service);
    for (const svc of r.scenario.services) expect(opened.has(svc.id) || listed.includes(svc.id), svc.id).toBe(true);
    for (const u of e.uncovered) expect(['no_space_big_enough', 'not_allowed_anywhere', 'out_of_reach', 'not_worth_it_under_budget', 'no_demand', 'already_covered']).toContain(u.reason);
  });
  it('hands the plan to the caller before explaining it, saying whether the explanation will solve on the pool', async () => {
    const sc = await loadScenario(EX01);
    const m = await computeDistanceMatrix(sc);
    const demand = expectedDemand(sc);
    for (const reSolve of [true, false]) {
      const seen: string[] = [];
      const o = await optimizeScenario(sc, m, demand, {
        timeLimit: 20,
        explain: { reSolve },
        onPlan: (plan, poolBusy) => seen.push(`plan of ${plan.conversions.length}, pool busy ${poolBusy}`),
      });
      // called once, with the plan returned and whether the explanation re-solves (on the pool) after it
      expect(seen).toEqual([`plan of ${o.plan.conversions.length}, pool busy ${reSolve && o.solver.status === 'optimal'}`]);
      expect(o.solver.status).toBe('optimal');
    }
  });
});
