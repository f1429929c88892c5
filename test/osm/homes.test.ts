import { describe, expect, it } from 'vitest';
import { classifyBuilding } from '../../src/osm/classify.ts';
import { homesFromBuildings } from '../../src/osm/blocks.ts';
import { importOsm } from '../../src/osm/importScenario.ts';
import { buildingLevels } from '../../src/osm/levels.ts';
import { largestRemainder } from '../../src/osm/population.ts';
import { readOsm } from '../../src/osm/read.ts';
import { tempFile } from '../fixtures/network/asciiCity.ts';
import { haveData, MONACO_PBF, POA_PBF } from '../fixtures/network/sharedData.ts';
import { town } from '../fixtures/osm/town.ts';

const TOWN = tempFile('town.osm', town());

describe('which buildings are homes', () => {
  it('keeps housing tags and drops other building types', () => {
    expect(classifyBuilding({ building: 'apartments' }, 400, null).cls).toBe('housing');
    expect(classifyBuilding({ building: 'church' }, 400, null)).toEqual({ cls: 'dropped', reason: 'building=church' });
  });

  it('counts building=yes as housing only inside residential land use', () => {
    expect(classifyBuilding({ building: 'yes' }, 400, { cls: 'residential', tag: 'landuse=residential' }).cls).toBe('housing');
    expect(classifyBuilding({ building: 'yes' }, 400, null).cls).toBe('doubted');
  });

  it('never counts a building in industrial, commercial or retail land use as housing', () => {
    for (const lu of ['industrial', 'commercial', 'retail']) {
      expect(classifyBuilding({ building: 'apartments' }, 400, { cls: 'non-housing', tag: `landuse=${lu}` })).toEqual({ cls: 'dropped', reason: `in landuse=${lu}` });
    }
  });

  it('does not count a factory-named building=yes outside residential land as housing', async () => {
    expect(classifyBuilding({ building: 'yes', name: 'Acme Fabrik GmbH' }, 900, null)).toEqual({ cls: 'dropped', reason: 'named like a company' });
    const { homes, report } = homesFromBuildings(await readOsm(TOWN));
    expect(homes.map((h) => h.tags.name)).not.toContain('Acme Fabrik GmbH');
    expect(report.droppedByReason).toMatchObject({ 'named like a company': 1, 'shop=*': 1, 'under 30 m²': 1, 'in landuse=industrial': 1 });
  });

  it('reads a building drawn as a multipolygon relation, less its courtyard', async () => {
    const { homes, report } = homesFromBuildings(await readOsm(TOWN));
    const court = homes.find((h) => h.id === 'relation/5001')!;
    expect(court).toBeDefined();
    expect(court.footprintM2).toBeGreaterThan(780);
    expect(court.footprintM2).toBeLessThan(820);
    expect(court.levels).toBe(3);
    expect(report.fromRelations).toBe(1);
    expect(report).toMatchObject({ housing: 5, doubted: 0 });
  });

  it('does not count the outline of a multipolygon building twice when its way is tagged too', async () => {
    const { homes } = homesFromBuildings(await readOsm(tempFile('town2.osm', town({ taggedOutline: true }))));
    expect(homes.map((h) => h.id).filter((id) => id.startsWith('relation/'))).toEqual(['relation/5001']);
    expect(homes.length).toBe(5);
  });

  it('takes storeys from building:levels, else height / 3, else a default per type', () => {
    expect(buildingLevels({ building: 'yes', 'building:levels': '7' })).toEqual({ levels: 7, source: 'levels' });
    expect(buildingLevels({ building: 'yes', height: '12 m' })).toEqual({ levels: 4, source: 'height' });
    expect(buildingLevels({ building: 'house' })).toEqual({ levels: 2, source: 'default' });
    expect(buildingLevels({ building: 'apartments' })).toEqual({ levels: 5, source: 'default' });
    expect(buildingLevels({ building: 'yes' })).toEqual({ levels: 2, source: 'default' });
  });
});

describe('population you can trust or correct', () => {
  it('rounds by largest remainder to exactly the total asked for', () => {
    const r = largestRemainder([1, 1, 1], 10);
    expect(Array.from(r)).toEqual([4, 3, 3]);
    expect(Array.from(largestRemainder([0.2, 5.7, 3.1], 1001)).reduce((a, b) => a + b, 0)).toBe(1001);
  });

  it('--population-total reproduces the given total exactly', async () => {
    for (const total of [137, 5000, 38350]) {
      const { report, scenario } = await importOsm(TOWN, 'network.bin', { populationTotal: total });
      expect(report.residents).toBe(total);
      expect(scenario.blocks.population.reduce((a, b) => a + b, 0)).toBe(total);
      expect(report.population.method).toBe('given total');
    }
  });

  it('--population-by-area scales the homes of each administrative area to its population', async () => {
    const csv = tempFile('areas.csv', 'name,population\nNorth,1000\nsouth,300\nNowhere,5\n');
    const { report, scenario } = await importOsm(TOWN, 'network.bin', { populationByAreaCsv: csv });
    const pop = (pred: (lat: number) => boolean) => scenario.blocks.population.reduce((a, p, i) => a + (pred(scenario.blocks.lat[i]) ? p : 0), 0);
    expect(pop((lat) => lat > 43.7318)).toBe(1000);
    expect(pop((lat) => lat < 43.7318)).toBe(300);
    expect(report.population.method).toBe('per-area totals');
    expect(report.warnings.join('\n')).toMatch(/1 area not found .*Nowhere/);
  });

  it('warns when the density of residential land is implausible', async () => {
    const { report } = await importOsm(TOWN, 'network.bin', { populationTotal: 100000 });
    expect(report.warnings.join('\n')).toMatch(/implausible density: [\d,]+ residents per km² of residential land \([\d.]+ km²; plausible 1,000 to 60,000\) with the given total/);
    const ok = await importOsm(TOWN, 'network.bin', { populationTotal: 1000 });
    expect(ok.report.warnings.join('\n')).not.toMatch(/implausible density/);
  });

  it('follows the documented precedence, saying what it ignored', async () => {
    const csv = tempFile('areas.csv', 'name,population\nNorth,1000\nSouth,300\n');
    const { report } = await importOsm(TOWN, 'network.bin', { populationByAreaCsv: csv, populationTotal: 99 });
    expect(report.residents).toBe(1300);
    expect(report.warnings).toContain('--population-total ignored: --population-by-area takes precedence (a grid, then per-area totals, then one total)');
  });

  it('prints the footprint estimate beside the density of residential land', async () => {
    const { report } = await importOsm(TOWN, 'network.bin');
    expect(report.population.method).toBe('footprint estimate');
    // house 2.4 (one household) + apartments 44.4 + two building=yes 17.8 + courtyard 53.3
    expect(report.residents).toBeGreaterThanOrEqual(133);
    expect(report.residents).toBeLessThanOrEqual(139);
    expect(report.population.residentsPerKm2).toBeGreaterThan(0);
  });
});

describe('age profiles per area', () => {
  it('gives each block the profile of the administrative area it lies in (CSV by name)', async () => {
    const csv = tempFile('ages.csv', 'name,0-5,6-17,18-34,35-59,60-74,75+\nNorth,0.1,0.2,0.3,0.2,0.1,0.1\nSouth,0.02,0.05,0.1,0.3,0.33,0.2\n');
    const { scenario, report } = await importOsm(TOWN, 'network.bin', { ageProfileByArea: csv });
    const b = scenario.blocks;
    for (let i = 0; i < b.count; i++) {
      const shares = Array.from(b.ageShares.subarray(i * 6, i * 6 + 6));
      expect(shares[5]).toBeCloseTo(b.lat[i] > 43.7318 ? 0.1 : 0.2, 9);
    }
    expect(report.agesByArea).toEqual({ North: 3, South: 2 });
  });

  it('rejects shares that do not sum to 1, naming the file, row and fields', async () => {
    const csv = tempFile('bad-ages.csv', 'name,0-5,6-17,18-34,35-59,60-74,75+\nNorth,0.5,0.5,0.5,0,0,0\n');
    await expect(importOsm(TOWN, 'network.bin', { ageProfileByArea: csv })).rejects.toThrow(/bad-ages\.csv row 2 field '0-5\+6-17\+18-34\+35-59\+60-74\+75\+': age shares sum to 1\.5, expected 1 ± 0\.01/);
    const pop = tempFile('bad-areas.csv', 'name,population\nNorth,many\n');
    await expect(importOsm(TOWN, 'network.bin', { populationByAreaCsv: pop })).rejects.toThrow(/bad-areas\.csv row 2 field 'population': is 'many'/);
  });

  it('reads per-polygon profiles from GeoJSON, the city-wide profile elsewhere', async () => {
    const d = 0.00005;
    const sq = [[7.42 - d, 43.73 - d], [7.4209, 43.73 - d], [7.4209, 43.7305], [7.42 - d, 43.7305], [7.42 - d, 43.73 - d]];
    const gj = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'corner', '0-5': 0.5, '6-17': 0.5, '18-34': 0, '35-59': 0, '60-74': 0, '75+': 0 }, geometry: { type: 'Polygon', coordinates: [sq] } }] };
    const file = tempFile('ages.geojson', JSON.stringify(gj));
    const { scenario, report } = await importOsm(TOWN, 'network.bin', { ageProfileByArea: file });
    expect(report.agesByArea).toEqual({ corner: 2, 'city-wide': 3 });
    const young = Array.from({ length: scenario.blocks.count }, (_, i) => scenario.blocks.ageShares[i * 6]).filter((v) => v === 0.5);
    expect(young.length).toBe(2);
  });
});

describe('idle spaces from real tags', () => {
  it('takes empty kiosks and small surface parking, construction sites only when asked', async () => {
    const a = await importOsm(TOWN, 'network.bin');
    expect(a.report.candidatesByKind).toEqual({ kiosk: 1, 'parking-corner': 1 });
    expect(a.report.candidatesSkipped).toEqual({ 'construction site': 1 });
    expect(a.scenario.candidates.areaM2[1]).toBe(50);
    expect(a.report.warnings.join('\n')).toMatch(/only 2 candidate idle spaces for 13 services \(1 construction site left out/);
    const b = await importOsm(TOWN, 'network.bin', { includeConstruction: true });
    expect(b.report.candidatesByKind['construction-site']).toBe(1);
    expect(b.scenario.candidates.areaM2[b.scenario.candidates.kinds.indexOf('construction-site')]).toBe(1000);
  });
});

describe('idle spaces given by the user', () => {
  it('reads --candidates as GeoJSON as well as CSV', async () => {
    const gj = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'room-1', name: 'Old post office', kind: 'community-room', area_m2: 120 }, geometry: { type: 'Point', coordinates: [7.4205, 43.7305] } }] };
    const file = tempFile('spaces.geojson', JSON.stringify(gj));
    const { scenario, report } = await importOsm(TOWN, 'network.bin', { candidatesCsv: file });
    expect(report.candidatesFromCsv).toBe(1);
    const k = scenario.candidates.ids.indexOf('room-1');
    expect(scenario.candidates.kinds[k]).toBe('community-room');
    expect(scenario.candidates.areaM2[k]).toBe(120);
    expect(scenario.candidates.lon[k]).toBeCloseTo(7.4205, 9);
  });
});

describe.skipIf(!haveData(MONACO_PBF))(`the population of Monaco (${MONACO_PBF})`, () => {
  it('is estimated within ±30% of the official 38,350 without any total', async () => {
    const { report } = await importOsm(MONACO_PBF, 'network.bin');
    expect(report.population.method).toBe('footprint estimate');
    expect(report.residents).toBeGreaterThan(38350 * 0.7);
    expect(report.residents).toBeLessThan(38350 * 1.3);
    expect(report.buildings!.fromRelations).toBeGreaterThan(10);
    expect(report.buildings!.housing + report.buildings!.doubted + report.buildings!.dropped).toBe(report.buildings!.buildings);
    expect(report.warnings.join('\n')).toMatch(/have neither building:levels nor height/);
  });
});

describe.skipIf(!haveData(POA_PBF))(`an extract without buildings (${POA_PBF})`, () => {
  it('warns that buildings look unmapped', async () => {
    const { report } = await importOsm(POA_PBF, 'network.bin');
    expect(report.warnings.join('\n')).toMatch(/buildings look unmapped: 19 buildings for \d+ km of residential streets/);
  });
});
