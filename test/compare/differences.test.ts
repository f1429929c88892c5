import { describe, expect, it } from 'vitest';
import { planDifference } from '../../src/compare/differences.ts';
import { parsePlan } from '../../src/plan/io.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { TINY } from './tinyPlans.ts';

describe('where two plans differ', () => {
  it('lists spaces used by only one of the plans', async () => {
    const sc = await loadScenario(TINY);
    const a = parsePlan({ conversions: [{ candidate: 'S1', services: ['grocery'] }] }, 'a.json', sc);
    const b = parsePlan({ conversions: [{ candidate: 'K1', services: ['repair'] }] }, 'b.json', sc);
    const d = planDifference(sc, a, b, 'a', 'b');
    expect(d.onlyInPlan).toEqual([{ candidate: 'S1', name: 'Shop', services: ['grocery'] }]);
    expect(d.onlyInReference).toEqual([{ candidate: 'K1', name: 'Kiosk', services: ['repair'] }]);
    expect(d.differentServices).toEqual([]);
    expect(d.same).toBe(0);
  });

  it('lists the same space given different services, and counts spaces used alike', async () => {
    const sc = await loadScenario(TINY);
    const a = parsePlan({ conversions: [{ candidate: 'S1', services: ['clinic'] }, { candidate: 'K1', services: ['repair'] }] }, 'a.json', sc);
    const b = parsePlan({ conversions: [{ candidate: 'S1', services: ['grocery'] }, { candidate: 'K1', services: ['repair'] }] }, 'b.json', sc);
    const d = planDifference(sc, a, b, 'a', 'b');
    expect(d.differentServices).toEqual([{ candidate: 'S1', name: 'Shop', plan: ['clinic'], reference: ['grocery'] }]);
    expect(d.onlyInPlan).toEqual([]);
    expect(d.same).toBe(1);
  });
});
