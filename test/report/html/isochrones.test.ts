/** Walking areas in the report: network isochrones on an OSM scenario, circles without a network. */
import path from 'node:path';
import { area, circle, polygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { importOsmToFolder } from '../../../src/osm/importScenario.ts';
import { conversionIsochrones, isochroneNote } from '../../../src/report/html/isochrones.ts';
import { loadScenario } from '../../../src/scenario/load.ts';
import { haveData, MONACO_PBF } from '../../fixtures/network/sharedData.ts';
import { FIXTURES, tempDir } from '../../helpers/fixtures.ts';

describe('conversionIsochrones', () => {
  it('draws circles of threshold x speed / detour without a network', async () => {
    const sc = await loadScenario(path.join(FIXTURES, 'scenarios', 'tiny'));
    const iso = conversionIsochrones(sc, [{ candidate: 'K1', name: 'Kiosk', kind: 'testing-kiosk', services: ['repair'], areaM2Used: 4, cost: 30000, lon: sc.candidates.lon[0], lat: sc.candidates.lat[0] }]);
    expect(iso.length).toBe(6);
    // repair: 5 minutes; 60-74 walk 0.5 m/s -> 150 m (detour factor 1 in the fixture)
    expect(iso.find((i) => i.band === '60-74')!.metres).toBe(150);
    expect(isochroneNote(sc)).toMatch(/circles/);
  });

  it.skipIf(!haveData(MONACO_PBF))('follows the streets on an OSM network: smaller than the circle of the same walking distance', async () => {
    const dir = path.join(tempDir(), 'monaco');
    await importOsmToFolder(MONACO_PBF, dir, {});
    const sc = await loadScenario(dir);
    expect(sc.network.kind).toBe('osm');
    expect(sc.candidates.count).toBeGreaterThan(0);
    const j = 0;
    const conv = { candidate: sc.candidates.ids[j], name: '', kind: sc.candidates.kinds[j], services: ['grocery'], areaM2Used: 60, cost: 0, lon: sc.candidates.lon[j], lat: sc.candidates.lat[j] };
    const iso = conversionIsochrones(sc, [conv]);
    expect(iso.length).toBeGreaterThan(0);
    const adult = iso.find((i) => i.band === '35-59')!;
    expect(adult.metres).toBe(Math.round(15 * 60 * 1.35));
    const netArea = area(polygon(adult.rings));
    const circleArea = area(circle([conv.lon, conv.lat], adult.metres / 1000, { units: 'kilometers' }));
    expect(netArea).toBeGreaterThan(0);
    expect(netArea).toBeLessThan(circleArea);
    expect(isochroneNote(sc)).toMatch(/network isochrones/);
  });
});
