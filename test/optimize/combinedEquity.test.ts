/** Equity floors per age band and per block together, on teaching exercise 01 with two conversions: exact = brute force, infeasibility names the floor. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedDemand } from '../../src/optimize/demand.ts';
import { optimizeScenario } from '../../src/optimize/optimize.ts';
import { InfeasiblePlanError } from '../../src/optimize/infeasible.ts';
import { buildSitingModel, type SitingModel } from '../../src/optimize/sitingModel.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { computeDistanceMatrix } from '../../src/travel/travelMatrix.ts';
import { REPO, tempDir } from '../helpers/fixtures.ts';

const EX01 = path.join(REPO, 'scenarios/teaching/01-one-repair-kiosk');

/** Brute force over every plan of at most maxConversions options, both floors checked on the units directly. */
function brute(m: SitingModel, nBlocks: number, maxConv: number, bandMin: number, blockMin: number): number {
  const { input } = m;
  const K = input.optionSpace.length;
  let best = -Infinity;
  for (let mask = 0; mask < 1 << K; mask++) {
    let count = 0;
    for (let k = 0; k < K; k++) if (mask & (1 << k)) count++;
    if (count > maxConv) continue;
    const band = new Float64Array(6);
    const bandTot = new Float64Array(6);
    const block = new Float64Array(nBlocks);
    const blockTot = new Float64Array(nBlocks);
    let value = 0;
    for (let u = 0; u < input.unitWeight.length; u++) {
      let c = input.preCovered![u] === 1;
      for (let e = input.reachStart[u]; e < input.reachStart[u + 1]; e++) if (mask & (1 << input.reachOptions[e])) c = true;
      const w = input.unitWeight[u];
      bandTot[m.unitBand[u]] += w;
      blockTot[m.unitBlock[u]] += w;
      if (!c) continue;
      value += w;
      band[m.unitBand[u]] += w;
      block[m.unitBlock[u]] += w;
    }
    const ok = (cov: Float64Array, tot: Float64Array, floor: number) => cov.every((c, h) => c >= floor * tot[h] - 1e-9);
    if (ok(band, bandTot, bandMin) && ok(block, blockTot, blockMin) && value > best) best = value;
  }
  return best;
}

/** [age band floor, block floor, the field at fault when no plan meets them]. */
const FLOORS: [number, number, string | null][] = [
  [0.3, 0.1, null],
  [0.5, 0.3, null],
  [0.2, 0.5, 'constraints.equity.blockMin'], // out of reach under the budget of two conversions
  [0.85, 0.1, 'constraints.equity.ageBandMin'], // out of reach even converting every idle space
  [0.3, 0.8, 'constraints.equity.blockMin'],
];

describe('equity floors per age band and per block in one run', () => {
  it.each(FLOORS)('age bands >= %s and blocks >= %s: the exact plan equals brute force, or the floor at fault (%s) is named', async (bandMin, blockMin, fault) => {
    const sc = await loadScenario(EX01);
    sc.budget.maxConversions = 2;
    const matrix = await computeDistanceMatrix(sc);
    const demand = expectedDemand(sc);
    sc.constraints.equity = { ageBandMin: bandMin, blockMin };
    const m = buildSitingModel(sc, matrix, demand);
    expect(m.input.equityGroupings?.length).toBe(1);
    const opt = brute(m, sc.blocks.count, 2, bandMin, blockMin);
    const r = await optimizeScenario(sc, matrix, demand, { solver: 'exact', timeLimit: 10 }).catch((e: unknown) => e);
    if (opt === -Infinity) {
      expect(r).toBeInstanceOf(InfeasiblePlanError);
      const e = r as InfeasiblePlanError;
      expect(e.constraint).toBe(fault);
      expect(e.message).toMatch(/(age band|block) \S+ (is lowest|reaches only)/);
      expect(e.message).not.toMatch(/NaN|Infinity/);
    } else {
      expect(fault).toBeNull();
      expect(r).not.toBeInstanceOf(Error);
      const o = r as Awaited<ReturnType<typeof optimizeScenario>>;
      expect(o.solver.status).toBe('optimal');
      expect(o.result.objective).toBeCloseTo(opt, 6);
    }
  });
});

/**
 * Two blocks 1 km apart and one conversion: kiosk A between them reaches the young of both (not the
 * 75+, who walk slower), kiosk B at block Y reaches all of Y and nothing of X. The age-band floor alone
 * is met by B, the block floor alone by A, both together by neither.
 */
function twoFloorsTown(): string {
  const dir = path.join(tempDir(), 'town');
  fs.cpSync(EX01, dir, { recursive: true });
  const lon = (m: number) => (120.2 + m / 96170).toFixed(6);
  const lat = (m: number) => (30.25 + m / 111320).toFixed(6);
  fs.writeFileSync(path.join(dir, 'blocks.csv'), `id,name,lon,lat,population,age_0_5,age_6_17,age_18_34,age_35_59,age_60_74,age_75_plus,tag
X,Young block,${lon(0)},${lat(0)},100,0,0,1,0,0,0,
Y,Mixed block,${lon(1000)},${lat(0)},200,0,0,0.6,0,0,0.4,
`);
  fs.writeFileSync(path.join(dir, 'candidates.csv'), `id,name,kind,lon,lat,area_m2,cost_multiplier,allowed
A,Kiosk between the blocks,testing-kiosk,${lon(500)},${lat(300)},6,1,repair
B,Kiosk at the mixed block,testing-kiosk,${lon(1000)},${lat(10)},6,1,repair
`);
  const file = path.join(dir, 'scenario.json');
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  doc.constraints.equity = { ageBandMin: 0.3, blockMin: 0.3 };
  doc.budget = { maxConversions: 1 };
  fs.writeFileSync(file, JSON.stringify(doc));
  return dir;
}

describe('two equity floors that each plan can meet alone but not together', () => {
  it('says so, naming both fields and the best age-band share reachable with the block floor kept', async () => {
    const sc = await loadScenario(twoFloorsTown());
    const matrix = await computeDistanceMatrix(sc);
    const demand = expectedDemand(sc);
    for (const [bandMin, blockMin] of [[0.3, 0], [0, 0.3]]) {
      sc.constraints.equity = { ageBandMin: bandMin || undefined, blockMin: blockMin || undefined };
      const alone = await optimizeScenario(sc, matrix, demand, { solver: 'exact', timeLimit: 10 });
      expect(alone.solver.status).toBe('optimal');
    }
    sc.constraints.equity = { ageBandMin: 0.3, blockMin: 0.3 };
    const e = (await optimizeScenario(sc, matrix, demand, { solver: 'exact', timeLimit: 10 }).catch((x: unknown) => x)) as InfeasiblePlanError;
    expect(e).toBeInstanceOf(InfeasiblePlanError);
    expect(e.constraint).toBe('constraints.equity');
    expect(e.message).toMatch(/^constraints\.equity\.ageBandMin \(30\.0% for every age band\) and constraints\.equity\.blockMin \(30\.0% for every block\) cannot be met together: each alone can, but keeping every block at 30\.0%, the best reachable for every age band is 0\.0% \(age band 75\+ is lowest/);
    expect(e.reachable![0]).toBe(0);
    expect(e.reachable![1]).toBeLessThanOrEqual(0.3);
  });
});
