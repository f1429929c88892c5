import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { haversineM } from '../../src/network/geo.ts';
import { importOsmToFolder } from '../../src/osm/importScenario.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { simulate } from '../../src/simulate/simulate.ts';
import { siteLegMatrix } from '../../src/simulate/tourLegs.ts';
import { sitePoints } from '../../src/travel/sites.ts';
import { computeDistanceMatrix } from '../../src/travel/travelMatrix.ts';
import { reachM } from '../../src/travel/reach.ts';
import { haveData, MONACO_PBF } from '../fixtures/network/sharedData.ts';

describe.skipIf(!haveData(MONACO_PBF))(`tour legs on the walking network of Monaco (${MONACO_PBF})`, async () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qh-legs-')), 'monaco');
  if (fs.existsSync(MONACO_PBF)) await importOsmToFolder(MONACO_PBF, dir, { populationTotal: 6000 });

  it('walks between sites along the network, never shorter than the straight line', async () => {
    const sc = await loadScenario(dir);
    const legs = (await siteLegMatrix(sc, reachM(sc), 1, null))!;
    expect(legs).not.toBeNull();
    const p = sitePoints(sc);
    let longer = 0;
    let pairs = 0;
    for (let a = 0; a < p.count; a++) {
      for (let k = legs.offsets[a]; k < legs.offsets[a + 1]; k++) {
        const b = legs.index[k];
        if (a === b) continue;
        const straight = haversineM(p.lon[a], p.lat[a], p.lon[b], p.lat[b]);
        expect(legs.metres[k]).toBeGreaterThanOrEqual(straight - 0.5);
        pairs++;
        if (legs.metres[k] > straight * 1.3) longer++;
      }
    }
    expect(pairs).toBeGreaterThan(100);
    expect(longer).toBeGreaterThan(0);
  });

  it('re-times chained tours with the network legs, the same on 1 and 2 threads', async () => {
    const sc = await loadScenario(dir);
    const matrix = await computeDistanceMatrix(sc);
    const one = await simulate(sc, matrix, { threads: 1, keepResidents: false });
    const two = await simulate(sc, matrix, { threads: 2, keepResidents: false });
    expect(one.options.tourLegs).toBe('network');
    expect(Buffer.from(two.trips.departureMin.buffer, two.trips.departureMin.byteOffset, two.trips.departureMin.byteLength).equals(Buffer.from(one.trips.departureMin.buffer, one.trips.departureMin.byteOffset, one.trips.departureMin.byteLength))).toBe(true);
    expect(JSON.stringify(two.metrics)).toBe(JSON.stringify(one.metrics));
    // Without the network file the legs fall back to straight lines: some chained departures change.
    const straight = await loadScenario(dir);
    if (straight.network.kind === 'osm') straight.network.file = path.join(dir, 'absent.bin');
    const s = await simulate(straight, matrix, { threads: 1, keepResidents: false });
    expect(s.options.tourLegs).toBeUndefined();
    let differ = 0;
    for (let i = 0; i < one.trips.count; i++) if (one.trips.departureMin[i] !== s.trips.departureMin[i]) differ++;
    expect(differ).toBeGreaterThan(0);
    for (let i = 0; i < one.trips.count; i++) if (one.trips.tourLeg[i] === 0) expect(one.trips.departureMin[i]).toBe(s.trips.departureMin[i]);
  }, 60_000);
});
