/** The capacitated mode of the living-circle model: exact = brute force over plans with an exact assignment LP; assigned visits within capacities; default path untouched. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import highsModule from 'highs';
import { describe, expect, it } from 'vitest';
import { expectedDemand } from '../../src/optimize/demand.ts';
import { optimizeScenario } from '../../src/optimize/optimize.ts';
import { buildSitingModel, type SitingModel } from '../../src/optimize/sitingModel.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { computeDistanceMatrix } from '../../src/travel/travelMatrix.ts';
import { compareLoads } from '../../src/optimize/capacitatedPlan.ts';
import { REPO, tempDir } from '../helpers/fixtures.ts';

type Loader = typeof import('highs').default;
const loadHighs: Loader = ((highsModule as unknown as { default?: Loader }).default ?? highsModule) as Loader;
const EX01 = path.join(REPO, 'scenarios/teaching/01-one-repair-kiosk');

/** Brute force: every plan of at most maxConv options; the assignment of each an LP written here, solved by HiGHS in this thread. */
async function brute(m: SitingModel, maxConv: number, cap: number): Promise<number> {
  const highs = await loadHighs();
  const { input } = m;
  const K = input.optionSpace.length;
  let pre = 0;
  for (let u = 0; u < input.unitWeight.length; u++) if (input.preCovered![u]) pre += input.unitWeight[u];
  let best = -Infinity;
  for (let mask = 0; mask < 1 << K; mask++) {
    const open = Array.from({ length: K }, (_, k) => (mask >> k) & 1);
    if (open.reduce((a, b) => a + b, 0) > maxConv) continue;
    const obj: string[] = [];
    const rows: string[] = [];
    const perOption: string[][] = Array.from({ length: K }, () => []);
    for (let u = 0; u < input.unitWeight.length; u++) {
      if (input.preCovered![u] || !(m.unitDemand[u] > 0)) continue;
      const terms: string[] = [];
      for (let e = input.reachStart[u]; e < input.reachStart[u + 1]; e++) {
        const k = input.reachOptions[e];
        if (!open[k]) continue;
        const v = `v${u}_${k}`; // visits of unit u served by k
        terms.push(v);
        perOption[k].push(v);
        obj.push(`${input.unitWeight[u] / m.unitDemand[u]} ${v}`);
      }
      if (terms.length) rows.push(` d${u}: ${terms.join(' + ')} <= ${m.unitDemand[u]}`);
    }
    perOption.forEach((vs, k) => vs.length && rows.push(` cap${k}: ${vs.join(' + ')} <= ${cap}`));
    let value = pre;
    if (obj.length) {
      const r = highs.solve(`Maximize\n obj: ${obj.join(' + ')}\nSubject To\n${rows.join('\n')}\nEnd\n`);
      expect(r.Status).toBe('Optimal');
      value += r.ObjectiveValue;
    }
    if (value > best) best = value;
  }
  return best;
}

describe('the capacitated living-circle model', () => {
  it.each([
    [1, 5],
    [2, 5],
    [2, 12],
    [3, 8],
    [2, 1000],
  ])('with %s conversions and a repair capacity of %s visits/day: the exact plan equals brute force and assigns within capacity', async (maxConv, cap) => {
    const sc = await loadScenario(EX01);
    sc.budget.maxConversions = maxConv;
    sc.services[sc.serviceIndex.get('repair')!].capacity = cap;
    const matrix = await computeDistanceMatrix(sc);
    const demand = expectedDemand(sc);
    const m = buildSitingModel(sc, matrix, demand);
    const opt = await brute(m, maxConv, cap);
    const o = await optimizeScenario(sc, matrix, demand, { capacitated: true, timeLimit: 20 });
    expect(o.solver.status, o.solver.notes.join(' | ')).toBe('optimal');
    expect(o.result.objective).toBeCloseTo(opt, 6);
    expect(o.result.bound).toBeGreaterThanOrEqual(opt - 1e-6);
    expect(o.capacitated!.unit).toBe('visits/day');
    for (const a of o.capacitated!.assigned) {
      expect(a.service).toBe('repair');
      expect(a.assignedVisits).toBeLessThanOrEqual(cap + 1e-6);
    }
    const uncapacitated = await optimizeScenario(sc, matrix, demand, { solver: 'exact', timeLimit: 20 });
    expect(uncapacitated.capacitated).toBeUndefined();
    expect(o.result.objective).toBeLessThanOrEqual(uncapacitated.result.objective + 1e-6);
  });

  it('sets the assumed visits against the simulated loads per converted space', () => {
    const rows = compareLoads({ unit: 'visits/day', assigned: [
      { candidate: 'C1', service: 'grocery', assignedVisits: 10, capacity: 20 },
      { candidate: 'C1', service: 'repair', assignedVisits: 5, capacity: null },
      { candidate: 'C2', service: 'repair', assignedVisits: 3, capacity: 4 },
    ] }, [{ id: 'C1', kind: 'candidate', load: 17.5, capacity: null, utilization: null, priceMin: null }, { id: 'F1', kind: 'facility', load: 1, capacity: 2, utilization: 0.5, priceMin: null }]);
    expect(rows).toEqual([
      { candidate: 'C1', services: ['grocery', 'repair'], assumedVisits: 15, simulatedVisits: 17.5, capacity: null },
      { candidate: 'C2', services: ['repair'], assumedVisits: 3, simulatedVisits: null, capacity: 4 },
    ]);
  });
});

describe('run and optimize in capacitated mode', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(REPO, 'bin/quarterhour.js'), ...args], { encoding: 'utf8', cwd: tempDir(), timeout: 120_000 });
  const json = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

  it('run --capacitated reports the assigned visits in plan.json and sets them against the simulated loads', () => {
    const out = path.join(tempDir(), 'run');
    const r = cli('run', EX01, '--capacitated', '--out', out, '--trips', 'none', '--lang', 'en');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Capacitated plan: visits per day the optimizer assigned to each conversion, against the simulated day with the plan');
    const plan = json(path.join(out, 'plan.json'));
    expect(plan.capacitated.unit).toBe('visits/day');
    expect(plan.capacitated.assigned).toHaveLength(1);
    const summary = json(path.join(out, 'summary.json'));
    const load = summary.capacitated.loads[0];
    expect(load.candidate).toBe(plan.capacitated.assigned[0].candidate);
    expect(load.assumedVisits).toBe(plan.capacitated.assigned[0].assignedVisits);
    expect(load.simulatedVisits).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')).not.toMatch(/NaN|Infinity/);
  });

  it('takes constraints.capacitated from scenario.json, and leaves plan.json without it by default', () => {
    const sc = path.join(tempDir(), 'ex01');
    fs.cpSync(EX01, sc, { recursive: true });
    const file = path.join(sc, 'scenario.json');
    const doc = json(file);
    doc.constraints.capacitated = true;
    fs.writeFileSync(file, JSON.stringify(doc));
    const on = path.join(tempDir(), 'on');
    expect(cli('optimize', sc, '--demand', 'expected', '--out', on).status).toBe(0);
    expect(json(path.join(on, 'optimize.json')).capacitated.assigned).toHaveLength(1);
    const off = path.join(tempDir(), 'off');
    expect(cli('optimize', EX01, '--demand', 'expected', '--out', off).status).toBe(0);
    expect(json(path.join(off, 'optimize.json')).capacitated).toBeUndefined();
    expect(json(path.join(off, 'plan.json')).capacitated).toBeUndefined();
    doc.constraints.capacitated = 'yes';
    fs.writeFileSync(file, JSON.stringify(doc));
    const bad = cli('optimize', sc, '--out', path.join(tempDir(), 'bad'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('constraints.capacitated');
  });
});
