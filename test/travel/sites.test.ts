import { describe, expect, it } from 'vitest';
import { isCapacitated, siteCatalogue, sitePoints } from '../../src/travel/sites.ts';
import { EVEN_SHARES, tinyScenario } from '../simulate/fixtures.ts';

const { scenario } = tinyScenario({
  services: [{ id: 'grocery', rates: [1, 1, 1, 1, 1, 1], capacity: 800 }, { id: 'repair', rates: [1, 1, 1, 1, 1, 1], capacity: 80 }, { id: 'barber', rates: [1, 1, 1, 1, 1, 1] }],
  blocks: [{ id: 'a', population: 10, shares: EVEN_SHARES }],
  facilities: [{ id: 'shop', services: ['grocery', 'barber'], capacity: 500 }],
  candidates: [{ id: 'kiosk-1', allowed: ['repair', 'barber'] }, { id: 'shop-2', allowed: ['grocery', 'repair', 'barber'] }],
  metres: [[100, 200, 300]],
});

const servicesOf = (sites: ReturnType<typeof siteCatalogue>, j: number): number[] => [...sites.serviceIndex.subarray(sites.serviceOffsets[j], sites.serviceOffsets[j + 1])];

describe('the site catalogue', () => {
  it('lists the facilities first, then the candidate spaces, as the travel matrix\'s columns', () => {
    const sites = siteCatalogue(scenario);
    expect(sites.count).toBe(3);
    expect(sites.nFacilities).toBe(1);
    expect(sites.ids).toEqual(['shop', 'kiosk-1', 'shop-2']);
    expect([...sites.lon]).toEqual([...scenario.facilities.lon, ...scenario.candidates.lon]);
    expect([...sitePoints(scenario).lat]).toEqual([...sites.lat]);
  });

  it('gives today\'s sites only the facilities\' services', () => {
    const sites = siteCatalogue(scenario);
    expect(servicesOf(sites, 0)).toEqual([0, 2]);
    expect(servicesOf(sites, 1)).toEqual([]);
    expect(servicesOf(sites, 2)).toEqual([]);
    expect(isCapacitated(sites, 0)).toBe(true);
    expect(isCapacitated(sites, 2)).toBe(false);
  });

  it('gives a converted space the plan\'s services, ascending, with the sum of their finite capacities', () => {
    const sites = siteCatalogue(scenario, { conversions: [{ candidateIndex: 1, serviceIndices: [2, 1] }] });
    expect(servicesOf(sites, 1)).toEqual([]); // kiosk-1 is not converted
    expect(servicesOf(sites, 2)).toEqual([1, 2]);
    expect(sites.capacity[0]).toBe(500);
    expect(sites.capacity[2]).toBe(80); // repair 80 + barber (uncapacitated)
    expect(isCapacitated(sites, 2)).toBe(true);
  });

  it('leaves a converted space uncapacitated when none of its services has a capacity', () => {
    const sites = siteCatalogue(scenario, { conversions: [{ candidateIndex: 0, serviceIndices: [2] }] });
    expect(sites.capacity[1]).toBeNaN();
    expect(isCapacitated(sites, 1)).toBe(false);
  });
});
