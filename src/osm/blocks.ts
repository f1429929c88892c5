/**
 * Housing blocks from OSM buildings (closed ways and building multipolygon relations), one block per
 * home building. Which buildings are homes: classify.ts, with land use from landUse.ts. Storeys:
 * levels.ts. The footprint estimate of each home's residents (population.ts scales it to known totals):
 *
 *   residents = footprint x storeys / m² of gross floor area per resident (default 45: about 36 m² of
 *   living space per person, the EU and urban-China average, plus 20% for walls, stairs and halls),
 *
 * capped at one household (default 2.4 residents) for single-household types (house, detached,
 * semidetached_house, bungalow, ...).
 */
import { N_AGE_BANDS } from '../core/ageBands.ts';
import type { Blocks } from '../scenario/types.ts';
import { classifyBuilding, doubtedCount, SINGLE_HOUSEHOLD, type BuildingClass } from './classify.ts';
import { representativePoint, round7 } from './geometry.ts';
import { buildingLevels, DEFAULT_LEVELS, type LevelSource } from './levels.ts';
import { landUseIndex, type LandUseIndex } from './landUse.ts';
import { type Area, areaM2, relationArea, wayArea, wayIndex } from './multipolygon.ts';
import type { OsmExtract, Tags } from './read.ts';

export { DEFAULT_LEVELS } from './levels.ts';
export const DEFAULT_M2_PER_RESIDENT = 45;
export const DEFAULT_HOUSEHOLD_SIZE = 2.4;

export interface BuildingOptions {
  levelsDefault?: number;
  m2PerResident?: number;
  householdSize?: number;
  /** Whether doubted buildings count as housing: 'auto' applies classify.ts's fallback (default). */
  doubted?: 'auto' | 'count' | 'skip';
}

export interface Building {
  id: string;
  tags: Tags;
  area: Area;
  footprintM2: number;
  lon: number;
  lat: number;
  levels: number;
  levelSource: LevelSource;
  cls: BuildingClass;
  reason: string;
  inResidentialLand: boolean;
  /** The footprint estimate of residents (fractional). */
  estimate: number;
}

export interface BuildingReport {
  buildings: number;
  /** Buildings drawn as multipolygon relations (read like ways). */
  fromRelations: number;
  housing: number;
  doubted: number;
  /** Whether the doubted buildings were counted as housing (the fallback), and why. */
  doubtedCounted: boolean;
  doubtedRule: string;
  dropped: number;
  droppedByReason: Record<string, number>;
  doubtedByReason: Record<string, number>;
  /** Homes (housing + counted doubted) by where their storeys came from. */
  levelsFrom: Record<LevelSource, number>;
  /** All buildings with building:levels. */
  withLevels: number;
  /** Outlines with nodes missing from the extract, or not closed. */
  missingNodes: number;
  notPolygons: number;
  /** Homes whose share rounds to no resident. */
  noResidents: number;
  /** Sum of the homes' footprint estimates (before any known total). */
  estimate: number;
  /** Floor area of the homes, m². */
  floorM2: number;
  /** Residential land use mapped, m², and land-use polygons read. */
  residentialLandM2: number;
  landUsePolygons: number;
}

/** Every building of the extract with its footprint, class and storeys (no estimate yet). */
export function collectBuildings(x: OsmExtract, landUse: LandUseIndex, levelsDefault = DEFAULT_LEVELS): { buildings: Building[]; missingNodes: number; notPolygons: number; fromRelations: number; withLevels: number } {
  const out: Building[] = [];
  let missingNodes = 0;
  let notPolygons = 0;
  let fromRelations = 0;
  let withLevels = 0;
  const add = (id: string, tags: Tags, area: Area) => {
    const outer = area[0][0];
    const [lon, lat] = representativePoint(outer);
    const footprintM2 = areaM2(area);
    const lu = landUse.index.find(lon, lat)?.value ?? null;
    const c = classifyBuilding(tags, footprintM2, lu);
    const lv = buildingLevels(tags, levelsDefault);
    if (tags['building:levels'] !== undefined) withLevels++;
    out.push({ id, tags, area, footprintM2, lon, lat, levels: lv.levels, levelSource: lv.source, cls: c.cls, reason: c.reason, inResidentialLand: lu?.cls === 'residential', estimate: 0 });
  };
  // Outer ways of building relations are the relation's outline, not buildings of their own.
  const outlines = new Set<number>();
  for (const r of x.relations) {
    if (r.tags.type !== 'multipolygon' || r.tags.building === undefined || r.tags.building === 'no') continue;
    for (const m of r.members) if (m.type === 'way' && m.role !== 'inner') outlines.add(m.ref);
  }
  for (const w of x.ways) {
    const b = w.tags.building;
    if (b === undefined || b === 'no' || outlines.has(w.id)) continue;
    const a = wayArea(x, w);
    if (!a) {
      if (w.refs.every((r) => x.nodeIndex.has(r))) notPolygons++;
      else missingNodes++;
      continue;
    }
    add(`way/${w.id}`, w.tags, a);
  }
  const byId = wayIndex(x);
  for (const r of x.relations) {
    const b = r.tags.building;
    if (r.tags.type !== 'multipolygon' || b === undefined || b === 'no') continue;
    const { area } = relationArea(x, byId, r);
    if (area.length === 0) {
      missingNodes++;
      continue;
    }
    fromRelations++;
    add(`relation/${r.id}`, r.tags, area);
  }
  return { buildings: out, missingNodes, notPolygons, fromRelations, withLevels };
}

/** The footprint estimate of one home's residents (fractional; see the file comment). */
export function footprintEstimate(b: Pick<Building, 'tags' | 'footprintM2' | 'levels'>, m2PerResident: number, householdSize: number): number {
  const r = (b.footprintM2 * b.levels) / m2PerResident;
  return SINGLE_HOUSEHOLD.has(b.tags.building ?? '') ? Math.min(r, householdSize) : r;
}

/** The homes of the extract with their footprint estimates, and the import report's building counts. */
export function homesFromBuildings(x: OsmExtract, opts: BuildingOptions = {}): { homes: Building[]; report: BuildingReport } {
  const m2 = opts.m2PerResident ?? DEFAULT_M2_PER_RESIDENT;
  const hh = opts.householdSize ?? DEFAULT_HOUSEHOLD_SIZE;
  const landUse = landUseIndex(x);
  const c = collectBuildings(x, landUse, opts.levelsDefault ?? DEFAULT_LEVELS);
  let inRes = 0;
  let candidates = 0;
  const droppedByReason: Record<string, number> = {};
  const doubtedByReason: Record<string, number> = {};
  let housing = 0;
  let doubted = 0;
  let dropped = 0;
  for (const b of c.buildings) {
    if (b.cls === 'dropped') {
      dropped++;
      droppedByReason[b.reason] = (droppedByReason[b.reason] ?? 0) + 1;
      continue;
    }
    if (b.cls === 'doubted') {
      doubted++;
      doubtedByReason[b.reason] = (doubtedByReason[b.reason] ?? 0) + 1;
    } else housing++;
    candidates += b.footprintM2;
    if (b.inResidentialLand) inRes += b.footprintM2;
  }
  const share = candidates > 0 ? inRes / candidates : 0;
  const counted = opts.doubted === 'count' ? true : opts.doubted === 'skip' ? false : doubtedCount(inRes, candidates - inRes);
  const rule = opts.doubted === 'count' || opts.doubted === 'skip'
    ? `--doubted ${opts.doubted}`
    : `${(share * 100).toFixed(0)}% of the candidate homes' footprint lies in residential land use (${counted ? 'under' : 'at least'} 50%: ${counted ? 'the map says little, so doubted buildings count as homes' : 'the land-use map is believed, so doubted buildings are left out'})`;
  const homes: Building[] = [];
  const levelsFrom: Record<LevelSource, number> = { levels: 0, height: 0, default: 0 };
  let estimate = 0;
  let floorM2 = 0;
  for (const b of c.buildings) {
    if (b.cls === 'dropped' || (b.cls === 'doubted' && !counted)) continue;
    b.estimate = footprintEstimate(b, m2, hh);
    estimate += b.estimate;
    floorM2 += b.footprintM2 * b.levels;
    levelsFrom[b.levelSource]++;
    homes.push(b);
  }
  return {
    homes,
    report: {
      buildings: c.buildings.length + c.missingNodes + c.notPolygons,
      fromRelations: c.fromRelations,
      housing,
      doubted,
      doubtedCounted: counted,
      doubtedRule: rule,
      dropped,
      droppedByReason,
      doubtedByReason,
      levelsFrom,
      withLevels: c.withLevels,
      missingNodes: c.missingNodes,
      notPolygons: c.notPolygons,
      noResidents: 0,
      estimate,
      floorM2,
      residentialLandM2: landUse.residentialM2,
      landUsePolygons: landUse.ways + landUse.relations,
    },
  };
}

/** Assemble Blocks columns, every block with the same age shares. */
export function makeBlocks(ids: string[], names: string[], tags: string[], lon: number[], lat: number[], pop: number[], ageShares: readonly number[]): Blocks {
  const n = ids.length;
  const shares = new Float64Array(n * N_AGE_BANDS);
  for (let i = 0; i < n; i++) for (let k = 0; k < N_AGE_BANDS; k++) shares[i * N_AGE_BANDS + k] = ageShares[k];
  return {
    count: n,
    ids,
    names,
    tags,
    lon: Float64Array.from(lon),
    lat: Float64Array.from(lat),
    population: Int32Array.from(pop),
    ageShares: shares,
    polygons: ids.map(() => null),
  };
}

/** Blocks of the homes with whole residents (`residents[i]` for homes[i]); homes with none are left out. */
export function blocksOfHomes(homes: Building[], residents: ArrayLike<number>, ageShares: readonly number[]): { blocks: Blocks; kept: number[]; noResidents: number } {
  const ids: string[] = [];
  const names: string[] = [];
  const tags: string[] = [];
  const lon: number[] = [];
  const lat: number[] = [];
  const pop: number[] = [];
  const kept: number[] = [];
  let noResidents = 0;
  homes.forEach((h, i) => {
    if (residents[i] < 1) {
      noResidents++;
      return;
    }
    kept.push(i);
    ids.push(h.id);
    names.push(h.tags.name ?? [h.tags['addr:street'], h.tags['addr:housenumber']].filter((s) => s !== undefined).join(' '));
    tags.push(h.cls === 'doubted' ? `${h.tags.building ?? 'yes'} (doubted)` : (h.tags.building ?? 'yes'));
    lon.push(round7(h.lon));
    lat.push(round7(h.lat));
    pop.push(residents[i]);
  });
  return { blocks: makeBlocks(ids, names, tags, lon, lat, pop, ageShares), kept, noResidents };
}
