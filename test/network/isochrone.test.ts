import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import { isochrone } from '../../src/network/isochrone.ts';
import { asciiNetwork, COL_M, RIVER_CITY, ROW_M } from '../fixtures/network/asciiCity.ts';

describe('isochrones', async () => {
  const g = await asciiNetwork(RIVER_CITY);
  const at = (east: number, south: number) => g.city.lonLat(south / ROW_M, east / COL_M);
  const inside = (poly: NonNullable<ReturnType<typeof isochrone>>, east: number, south: number) => booleanPointInPolygon(at(east, south), poly);

  it('covers the streets reached within the distance and stops at the river', () => {
    const [lon, lat] = at(0, 0);
    const poly = isochrone(g.network, lon, lat, 250)!;
    expect(poly.type).toBe('Polygon');
    expect(inside(poly, 20, 20)).toBe(true);
    expect(inside(poly, 90, 50)).toBe(true);
    // The south bank is 200 m away as the crow flies but 300+ m on foot.
    expect(inside(poly, 20, 220)).toBe(false);
  });

  it('crosses the bridge once the distance allows', () => {
    const [lon, lat] = at(0, 0);
    const poly = isochrone(g.network, lon, lat, 450)!;
    expect(inside(poly, 100, 250)).toBe(true);
    expect(inside(poly, 150, 200)).toBe(true);
  });

  it('is null for a point beyond the snapping limit', () => {
    const [lon, lat] = at(5000, 0);
    expect(isochrone(g.network, lon, lat, 500)).toBeNull();
  });
});
