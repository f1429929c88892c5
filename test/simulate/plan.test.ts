import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.ts';
import { validatePlan } from '../../src/plan/validate.ts';
import { simulate } from '../../src/simulate/simulate.ts';
import { EVEN_SHARES, tinyScenario } from './fixtures.ts';

const { scenario, matrix } = tinyScenario({
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

  it('are checked by simulate() before their conversions become sites', async () => {
    await expect(simulate(scenario, matrix, { plan: { conversions: [{ candidateIndex: 0, serviceIndices: [0] }] } })).rejects.toThrow("plan conversions[0].services[0]: service 'grocery' is not allowed at candidate 'kiosk-1'");
  });
});
