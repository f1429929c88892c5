import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/plan/io.ts';
import { validatePlan } from '../../src/plan/validate.ts';
import type { Plan } from '../../src/plan/types.ts';
import { EVEN_SHARES, tinyScenario } from '../simulate/fixtures.ts';

// Services need 1 m² each; every space has 100 m².
const { scenario } = tinyScenario({
  services: [{ id: 'grocery', rates: [1, 1, 1, 1, 1, 1] }, { id: 'repair', rates: [1, 1, 1, 1, 1, 1] }, { id: 'barber', rates: [1, 1, 1, 1, 1, 1] }],
  blocks: [{ id: 'a', population: 10, shares: EVEN_SHARES }],
  facilities: [{ id: 'shop', services: ['grocery'] }],
  candidates: [{ id: 'kiosk-1', allowed: ['repair', 'barber'] }, { id: 'shop-2', allowed: ['grocery', 'repair', 'barber'] }],
  metres: [[100, 200, 300]],
});

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

/** The same plan twice: as plan.json would give it, and by indices in memory. */
function bothWays(doc: { candidate: string; services: string[] }[]): { file: string; memory: string } {
  const plan: Plan = { conversions: doc.map((c) => ({ candidateIndex: scenario.candidates.ids.indexOf(c.candidate), serviceIndices: c.services.map((s) => scenario.serviceIndex.get(s)!) })) };
  return { file: messageOf(() => parsePlan({ conversions: doc }, 'p.json', scenario)), memory: messageOf(() => validatePlan(plan, scenario, 'p.json')) };
}

describe('the plan validator', () => {
  it('gives a plan read from a file and the same plan in memory the same message for a service the space cannot host', () => {
    const { file, memory } = bothWays([{ candidate: 'kiosk-1', services: ['repair', 'grocery'] }]);
    expect(file).toBe("p.json conversions[0].services[1]: service 'grocery' is not allowed at candidate 'kiosk-1'");
    expect(memory).toBe(file);
  });

  it('gives both the same message for a space listed twice', () => {
    const { file, memory } = bothWays([{ candidate: 'shop-2', services: ['repair'] }, { candidate: 'shop-2', services: ['barber'] }]);
    expect(file).toBe("p.json conversions[1] field 'candidate': candidate 'shop-2' appears twice; list all its services in one entry");
    expect(memory).toBe(file);
  });

  it('gives both the same message for a service listed twice, and for a conversion with no service', () => {
    const twice = bothWays([{ candidate: 'shop-2', services: ['repair', 'repair'] }]);
    expect(twice.file).toBe("p.json conversions[0].services[1]: service 'repair' is listed twice");
    expect(twice.memory).toBe(twice.file);
    const none = bothWays([{ candidate: 'shop-2', services: [] }]);
    expect(none.file).toBe("p.json conversions[0] field 'services': lists no service, expected at least one");
    expect(none.memory).toBe(none.file);
  });

  it('gives both the same message when the services need more floor area than the space has', () => {
    scenario.candidates.areaM2[1] = 1.5;
    try {
      const { file, memory } = bothWays([{ candidate: 'shop-2', services: ['grocery', 'repair'] }]);
      expect(file).toBe("p.json conversions[0] field 'services': the services need 2 m², candidate 'shop-2' has 1.5 m²");
      expect(memory).toBe(file);
    } finally {
      scenario.candidates.areaM2[1] = 100;
    }
  });

  it('names the floor area, not the allowed list, when a service is too big for a space that allows any service', () => {
    // A 120 m² canteen in a 7 m² kiosk that allows '*': '*' resolves to the services that fit, so the
    // canteen is missing from the allowed list only because of its floor area.
    const { scenario: sc } = tinyScenario({
      services: [{ id: 'elder_canteen', rates: [1, 1, 1, 1, 1, 1] }, { id: 'repair', rates: [1, 1, 1, 1, 1, 1] }],
      blocks: [{ id: 'a', population: 10, shares: EVEN_SHARES }],
      facilities: [],
      candidates: [{ id: 'C023', allowed: ['repair'] }], // what '*' resolves to in a 7 m² kiosk
      metres: [[100]],
    });
    sc.services[0].minAreaM2 = 120;
    sc.services[1].minAreaM2 = 6;
    sc.candidates.areaM2[0] = 7;
    const message = messageOf(() => parsePlan({ conversions: [{ candidate: 'C023', services: ['elder_canteen'] }] }, 'p.json', sc));
    expect(message).toBe("p.json conversions[0].services[0]: service 'elder_canteen' needs 120 m² of floor area, candidate 'C023' has 7 m²");
    expect(message).not.toContain('not allowed');
  });

  it('names a conversion by its place in the file even when an earlier one could not be read', () => {
    const doc = { conversions: [{ candidate: 'NOPE', services: ['repair'] }, { candidate: 'kiosk-1', services: ['grocery'] }] };
    const message = messageOf(() => parsePlan(doc, 'p.json', scenario));
    expect(message).toContain('p.json conversions[0] field \'candidate\': unknown idle space id "NOPE"');
    expect(message).toContain("p.json conversions[1].services[0]: service 'grocery' is not allowed at candidate 'kiosk-1'");
  });

  it('accepts a valid plan, returning its spaces and services in order', () => {
    const plan = parsePlan({ conversions: [{ candidate: 'shop-2', services: ['barber', 'grocery'] }, { candidate: 'kiosk-1', services: ['repair'] }] }, 'p.json', scenario);
    expect(plan).toEqual({ conversions: [{ candidateIndex: 0, serviceIndices: [1] }, { candidateIndex: 1, serviceIndices: [0, 2] }] });
    expect(() => validatePlan(plan, scenario)).not.toThrow();
  });
});
