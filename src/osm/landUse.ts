/**
 * Land use of an extract, for telling homes from other buildings: every landuse polygon (closed ways
 * and multipolygon relations), plus the grounds of schools, universities, hospitals and prisons and
 * aerodromes, sorted into three classes:
 *
 * | class | tags |
 * | --- | --- |
 * | residential | landuse=residential |
 * | non-housing | landuse=industrial, commercial, retail, railway, military, construction, education, religious, cemetery, garages, port, quarry, landfill, institutional, depot, brownfield; amenity=school, university, college, hospital, prison; aeroway=aerodrome |
 * | other | any other landuse (farmland, farmyard, forest, meadow, grass, allotments, ...) |
 */
import { AreaIndex } from './areaIndex.ts';
import { relationArea, wayArea, wayIndex } from './multipolygon.ts';
import type { OsmExtract, Tags } from './read.ts';

export type LandUseClass = 'residential' | 'non-housing' | 'other';

export const NON_HOUSING_LANDUSE: ReadonlySet<string> = new Set(['industrial', 'commercial', 'retail', 'railway', 'military', 'construction', 'education', 'religious', 'cemetery', 'garages', 'port', 'quarry', 'landfill', 'institutional', 'depot', 'brownfield']);
const NON_HOUSING_GROUNDS: ReadonlySet<string> = new Set(['school', 'university', 'college', 'hospital', 'prison']);

export interface LandUseValue {
  cls: LandUseClass;
  /** The tag that decided, e.g. 'landuse=industrial'. */
  tag: string;
}

export function landUseOf(tags: Tags): LandUseValue | null {
  const lu = tags.landuse;
  if (lu !== undefined) {
    if (lu === 'residential') return { cls: 'residential', tag: 'landuse=residential' };
    return { cls: NON_HOUSING_LANDUSE.has(lu) ? 'non-housing' : 'other', tag: `landuse=${lu}` };
  }
  if (tags.amenity !== undefined && NON_HOUSING_GROUNDS.has(tags.amenity)) return { cls: 'non-housing', tag: `amenity=${tags.amenity}` };
  if (tags.aeroway === 'aerodrome') return { cls: 'non-housing', tag: 'aeroway=aerodrome' };
  return null;
}

export interface LandUseIndex {
  index: AreaIndex<LandUseValue>;
  /** Land-use polygons read (ways, relations). */
  ways: number;
  relations: number;
  residentialM2: number;
}

/** Every land-use area of the extract (buildings themselves are never land use). */
export function landUseIndex(x: OsmExtract): LandUseIndex {
  const index = new AreaIndex<LandUseValue>();
  let ways = 0;
  let relations = 0;
  for (const w of x.ways) {
    if (w.tags.building !== undefined) continue;
    const v = landUseOf(w.tags);
    if (!v) continue;
    const a = wayArea(x, w);
    if (!a) continue;
    index.add(a, v);
    ways++;
  }
  const byId = wayIndex(x);
  for (const r of x.relations) {
    if (r.tags.type !== 'multipolygon' || r.tags.building !== undefined) continue;
    const v = landUseOf(r.tags);
    if (!v) continue;
    const { area } = relationArea(x, byId, r);
    if (area.length === 0) continue;
    index.add(area, v);
    relations++;
  }
  return { index, ways, relations, residentialM2: index.totalM2((v) => v.cls === 'residential') };
}
