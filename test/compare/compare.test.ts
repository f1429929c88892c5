/**
 * Hand-checked on the tiny fixture: blocks A, B, C 600 m apart on a line (100, 200, 300 residents),
 * groceries at A and C, grocery+repair at C; 60+ walk 0.5 m/s, everyone else 1 m/s; thresholds
 * grocery 10 min, repair 5 min, clinic 10 min.
 */
import { describe, expect, it } from 'vitest';
import { comparePlans } from '../../src/compare/compare.ts';
import { parsePlan } from '../../src/plan/io.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { computeDistanceMatrix } from '../../src/travel/travelMatrix.ts';
import { P1, P2, TINY } from './tinyPlans.ts';

async function tinyComparison() {
  const sc = await loadScenario(TINY);
  const matrix = await computeDistanceMatrix(sc);
  const plans = [
    { label: 'P1', file: null, plan: parsePlan(P1, 'P1.json', sc) },
    { label: 'P2', file: null, plan: parsePlan(P2, 'P2.json', sc) },
  ];
  return { sc, cmp: comparePlans(sc, matrix, plans) };
}

describe('comparing plans on the tiny scenario', () => {
  it('puts today first, then the plans in the order given', async () => {
    const { cmp } = await tinyComparison();
    expect(cmp.plans.map((p) => p.label)).toEqual(['today', 'P1', 'P2']);
    expect(cmp.plans[0].totals).toEqual({ spaces: 0, conversions: 0, cost: 0, areaM2: 0 });
  });

  it('reports cost, floor area, conversions and the budget check of each plan', async () => {
    const { cmp } = await tinyComparison();
    expect(cmp.plans[1].totals).toEqual({ spaces: 1, conversions: 1, cost: 30000, areaM2: 4 });
    expect(cmp.plans[1].withinBudget).toBe(true);
    // grocery 300 000 x cost multiplier 1.2, over the 100 000 budget
    expect(cmp.plans[2].totals).toEqual({ spaces: 1, conversions: 1, cost: 360000, areaM2: 60 });
    expect(cmp.plans[2].withinBudget).toBe(false);
  });

  it('counts covered residents by service and age band as worked out by hand', async () => {
    const { cmp } = await tinyComparison();
    const [today, p1, p2] = cmp.plans;
    // today: block B's 60 residents aged 60+ are 20 min from a grocery; everyone else is within 10 min
    expect(today.residentsCovered.grocery).toMatchObject({ '60-74': 80, '75+': 0, all: 540 });
    expect(today.coverage.byService.grocery.all).toBe(0.9);
    // repair only at C (300 residents); P1 adds block B's 200
    expect(today.residentsCovered.repair.all).toBe(300);
    expect(p1.residentsCovered.repair.all).toBe(500);
    expect(p1.coverage.byService.repair.all).toBe(0.8333);
    // P2's grocery is 111 m from B: B's older residents are now covered
    expect(p2.coverage.byService.grocery.all).toBe(1);
    expect(today.coverage.byService.clinic.all).toBe(0);
    // 75+ live only in B: covered for repair by P1, for grocery by P2, one of three services each
    expect(today.coverage.byAgeBand['75+']).toBe(0);
    expect(p1.coverage.byAgeBand['75+']).toBe(0.3333);
    expect(p2.coverage.byAgeBand['75+']).toBe(0.3333);
  });

  it('counts residents gaining access vs today and gaining or losing vs the first plan', async () => {
    const { cmp } = await tinyComparison();
    const vs = (plan: string, ref: string) => cmp.changes.find((c) => c.plan === plan && c.reference === ref)!;
    expect(vs('P1', 'today').byService.repair).toMatchObject({ gained: 200, lost: 0 });
    expect(vs('P1', 'today').byService.grocery).toMatchObject({ gained: 0, lost: 0 });
    expect(vs('P2', 'today').byService.grocery).toMatchObject({ gained: 60, lost: 0 });
    expect(vs('P2', 'today').byService.grocery.byAgeBand['60-74']).toEqual({ gained: 40, lost: 0 });
    expect(vs('P2', 'P1').byService.grocery).toMatchObject({ gained: 60, lost: 0 });
    expect(vs('P2', 'P1').byService.repair).toMatchObject({ gained: 0, lost: 200 });
    expect(cmp.changes).toHaveLength(3);
  });

  it("gives each block's covered share of resident-service pairs", async () => {
    const { cmp } = await tinyComparison();
    const [today, p1, p2] = cmp.plans.map((p) => Array.from(p.blockShare, (x) => Math.round(x * 1e4) / 1e4));
    // A: grocery only (100 of 300 pairs); B: 140 of 600; C: grocery and repair (600 of 900)
    expect(today).toEqual([0.3333, 0.2333, 0.6667]);
    expect(p1).toEqual([0.3333, 0.5667, 0.6667]);
    expect(p2).toEqual([0.3333, 0.3333, 0.6667]);
  });
});
