import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.ts';
import { validatePlan } from '../../src/simulate/plan.ts';
import { siteCatalogue } from '../../src/simulate/sites.ts';
import { EVEN_SHARES, tinyScenario } from './fixtures.ts';

const { scenario } = tinyScenario({
  services: [{ id: 'grocery', rates: [1, 1, 1, 1, 1, 1], capacity: 800 }, { id: 'repair', rates: [1, 1, 1, 1, 1, 1], capacity: 80 }, { id: 'barber', rates: [1, 1, 1, 1, 1, 1] }],
  blocks: [{ id: 'a', population: 10, shares: EVEN_SHARES }],
  facilities: [{ id: 'shop', services: ['grocery', 'barber'], capacity: 500 }],
  candidates: [{ id: 'kiosk-1', allowed: ['repair', 'barber'] }, { id: 'shop-2', allowed: ['grocery', 'repair', 'barber'] }],
  metres: [[100, 200, 300]],
});

function errorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

describe('plans in the simulation', () => {
  it('refuses a service the candidate space cannot host, naming the conversion', () => {
    const e = errorOf(() => validatePlan({ conversions: [{ candidateIndex: 0, serviceIndices: [0] }] }, scenario, 'p.json'));
    expect(e.message).toContain('p.json conversions[0].services[0]');
    expect(e.message).toContain("'grocery' is not allowed at candidate 'kiosk-1'");
  });

  it('refuses a candidate listed twice', () => {
    const plan = { conversions: [{ candidateIndex: 1, serviceIndices: [1] }, { candidateIndex: 1, serviceIndices: [2] }] };
    expect(errorOf(() => validatePlan(plan, scenario)).message).toContain("field 'candidate'");
  });

  it('turns converted candidates into sites after the facilities, with their services\' capacities', () => {
    const sites = siteCatalogue(scenario, { conversions: [{ candidateIndex: 1, serviceIndices: [2, 1] }] });
    expect(sites.count).toBe(3);
    expect(sites.ids).toEqual(['shop', 'kiosk-1', 'shop-2']);
    expect([...sites.serviceIndex.subarray(sites.serviceOffsets[2], sites.serviceOffsets[3])]).toEqual([1, 2]);
    expect(sites.serviceOffsets[2] - sites.serviceOffsets[1]).toBe(0); // kiosk-1 is not converted
    expect(sites.capacity[0]).toBe(500);
    expect(sites.capacity[2]).toBe(80); // repair 80 + barber (uncapacitated)
  });
});
