import { describe, expect, it } from 'vitest';
import { readOsm } from '../../src/osm/read.ts';
import { homesFromBuildings } from '../../src/osm/blocks.ts';
import { classifyBuilding } from '../../src/osm/classify.ts';
import { candidateKind, candidatesFromTags } from '../../src/osm/candidates.ts';
import { facilitiesFromTags } from '../../src/osm/facilities.ts';
import { readTagServices, servicesOf } from '../../src/osm/tagServices.ts';
import { readDefaultTable } from '../../src/scenario/defaults.ts';
import { Problems } from '../../src/scenario/rows.ts';
import { parseServices } from '../../src/scenario/tables/services.ts';
import { asciiCity, RIVER_CITY, tempFile } from '../fixtures/network/asciiCity.ts';

/** A square way of `side` metres (approximately) with its south-west corner at (lon, lat). */
function square(id: number, lon: number, lat: number, side: number, tags: Record<string, string>): string {
  const dLat = side / 111195;
  const dLon = side / (111195 * Math.cos((lat * Math.PI) / 180));
  const corners = [[lon, lat], [lon + dLon, lat], [lon + dLon, lat + dLat], [lon, lat + dLat]];
  const nodes = corners.map(([x, y], k) => `<node id="${id * 10 + k}" lon="${x}" lat="${y}"/>`).join('');
  const refs = [0, 1, 2, 3, 0].map((k) => `<nd ref="${id * 10 + k}"/>`).join('');
  const t = Object.entries(tags).map(([k, v]) => `<tag k="${k}" v="${v}"/>`).join('');
  return `${nodes}<way id="${id}">${refs}${t}</way>`;
}

const EXTRA = [
  square(70001, 7.421, 43.7295, 10, { building: 'apartments', 'building:levels': '6' }),
  square(70002, 7.422, 43.7295, 10, { building: 'yes' }),
  square(70003, 7.423, 43.7295, 10, { building: 'yes', shop: 'convenience', name: 'Corner Shop' }),
  square(70004, 7.424, 43.7295, 20, { landuse: 'brownfield' }),
  square(70005, 7.425, 43.7295, 1, { building: 'house' }),
  '<node id="80001" lon="7.4215" lat="43.7294"><tag k="amenity" v="pharmacy"/></node>',
  '<node id="80002" lon="7.4216" lat="43.7294"><tag k="shop" v="vacant"/></node>',
  '<node id="80003" lon="7.4217" lat="43.7294"><tag k="amenity" v="social_facility"/><tag k="social_facility" v="day_care"/></node>',
  '<way id="80004"><nd ref="80001"/><nd ref="999999"/><tag k="building" v="residential"/></way>',
].join('\n');

describe('blocks, facilities and candidates from OSM tags', async () => {
  const x = await readOsm(tempFile('features.osm', asciiCity(RIVER_CITY, { extra: EXTRA }).xml));
  const problems = new Problems();
  const services = parseServices(await readDefaultTable('services'), problems);
  const serviceIndex = new Map(services.map((s, i) => [s.id, i]));
  const table = await readTagServices(serviceIndex);

  it('estimates residents from footprint x storeys / floor area per resident', () => {
    const { homes, report } = homesFromBuildings(x, { levelsDefault: 3, m2PerResident: 30 });
    // No land use is mapped, so the lone building=yes is doubted and counted by the fallback.
    expect(homes.map((h) => h.id)).toEqual(['way/70001', 'way/70002', 'way/70005']);
    // 100 m² x 6 levels / 30 = 20; 100 m² x 3 default levels / 30 = 10; a 1 m² house: 1 x 2 / 30
    expect(homes.map((h) => +h.estimate.toFixed(2))).toEqual([20, 10, 0.07]);
    expect(report).toMatchObject({ buildings: 5, housing: 2, doubted: 1, dropped: 1, doubtedCounted: true, withLevels: 1, missingNodes: 1 });
  });

  it('counts building=yes as housing only without another use', () => {
    expect(classifyBuilding({ building: 'yes' }, 100, { cls: 'residential', tag: 'landuse=residential' }).cls).toBe('housing');
    expect(classifyBuilding({ building: 'yes', shop: 'bakery' }, 100, null).cls).toBe('dropped');
    expect(classifyBuilding({ building: 'yes', 'building:use': 'commercial' }, 100, null).cls).toBe('dropped');
    expect(classifyBuilding({ building: 'church' }, 100, null).cls).toBe('dropped');
  });

  it('maps tags to the catalogue services through the mapping table', () => {
    const { facilities, report } = facilitiesFromTags(x, table, services);
    expect(facilities.ids).toEqual(['node/80001', 'node/80003', 'way/70003']);
    expect(report.byService.pharmacy).toBe(1);
    expect(report.byService.grocery).toBe(1);
    expect(report.byService.elder_day_care).toBe(1);
    expect(facilities.names[2]).toBe('Corner Shop');
    expect(servicesOf(table, { craft: 'tailor' })).toEqual([serviceIndex.get('repair')]);
    expect(servicesOf(table, { amenity: 'bench' })).toEqual([]);
  });

  it('finds idle spaces with their area, allowing every service that fits', () => {
    const { candidates, report } = candidatesFromTags(x, services, 80);
    expect(candidates.ids).toEqual(['node/80002', 'way/70004']);
    expect(candidates.kinds).toEqual(['vacant-shop', 'brownfield']);
    expect(candidates.areaM2[0]).toBe(80);
    expect(candidates.areaM2[1]).toBeGreaterThan(390);
    expect(candidates.areaM2[1]).toBeLessThan(410);
    const fits80 = services.filter((s) => s.minAreaM2 <= 80).length;
    expect(candidates.allowedOffsets[1]).toBe(fits80);
    expect(report.defaultArea).toBe(1);
    expect(candidateKind({ 'disused:highway': 'footway' })).toBeNull();
    expect(candidateKind({ 'disused:amenity': 'school' })).toBe('disused-premises');
    expect(candidateKind({ landuse: 'construction' })).toBeNull();
    expect(candidateKind({ landuse: 'construction' }, true)).toBe('construction-site');
    expect(candidateKind({ building: 'construction' }, true)).toBe('construction-site');
    expect(candidateKind({ building: 'kiosk' })).toBe('kiosk');
    expect(candidateKind({ building: 'kiosk', shop: 'kiosk' })).toBeNull();
  });

  it('rejects a mapping table naming a service the catalogue lacks', async () => {
    const file = tempFile('tags.csv', 'key,value,service\nshop,convenience,grocery\nshop,bakery,bakery\n');
    await expect(readTagServices(serviceIndex, file)).rejects.toThrow(/tags\.csv row 3 field 'service': unknown service id 'bakery'/);
  });

  it('rejects a mapping table without its columns', async () => {
    const file = tempFile('tags.csv', 'tag,service\nshop=convenience,grocery\n');
    await expect(readTagServices(serviceIndex, file)).rejects.toThrow(/missing columns 'key', 'value'/);
  });
});
