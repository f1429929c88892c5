/**
 * Housing blocks from OSM residential buildings: population = footprint area x building:levels
 * (a default when untagged) / floor area per resident, rounded. building=yes counts as residential
 * unless the building carries a non-residential use (shop, amenity, office, ...).
 */
import { N_AGE_BANDS } from '../core/ageBands.ts';
import type { Blocks } from '../scenario/types.ts';
import { isClosedRing, representativePoint, ringAreaM2, round7, wayCoords } from './geometry.ts';
import type { OsmExtract, Tags } from './read.ts';

export const DEFAULT_LEVELS = 3;
export const DEFAULT_M2_PER_RESIDENT = 30;

export const RESIDENTIAL_BUILDINGS: ReadonlySet<string> = new Set(['residential', 'apartments', 'house', 'detached', 'semidetached_house', 'terrace', 'dormitory', 'bungalow', 'cabin', 'farm', 'static_caravan', 'houseboat']);
/** Keys that mark a building=yes as something other than housing. */
const NON_RESIDENTIAL_KEYS = ['amenity', 'shop', 'office', 'tourism', 'leisure', 'craft', 'healthcare', 'public_transport', 'railway', 'man_made', 'historic', 'religion', 'military', 'aeroway', 'power', 'sport', 'emergency', 'industrial'];

export interface BuildingOptions {
  levelsDefault: number;
  m2PerResident: number;
  ageShares: readonly number[];
}

export interface BuildingReport {
  buildings: number;
  residential: number;
  withLevels: number;
  /** Residential buildings whose outline references nodes missing from the extract. */
  missingNodes: number;
  /** Residential buildings drawn as an open line or a point (no footprint). */
  notPolygons: number;
  /** Residential buildings whose estimate rounds to no resident. */
  noResidents: number;
  residents: number;
}

export function isResidentialBuilding(tags: Tags): boolean {
  const b = tags.building;
  if (b === undefined || b === 'no') return false;
  if (RESIDENTIAL_BUILDINGS.has(b)) return true;
  if (b !== 'yes') return false;
  const use = tags['building:use'];
  if (use !== undefined && use !== 'residential' && use !== 'apartments') return false;
  return !NON_RESIDENTIAL_KEYS.some((k) => tags[k] !== undefined);
}

/** A block per residential building with at least one estimated resident, in file order. */
export function blocksFromBuildings(x: OsmExtract, opts: BuildingOptions): { blocks: Blocks; report: BuildingReport } {
  const report: BuildingReport = { buildings: 0, residential: 0, withLevels: 0, missingNodes: 0, notPolygons: 0, noResidents: 0, residents: 0 };
  const ids: string[] = [];
  const names: string[] = [];
  const tags: string[] = [];
  const lon: number[] = [];
  const lat: number[] = [];
  const pop: number[] = [];
  for (const w of x.ways) {
    if (w.tags.building === undefined) continue;
    report.buildings++;
    if (!isResidentialBuilding(w.tags)) continue;
    report.residential++;
    const coords = wayCoords(x, w);
    if (!coords) {
      report.missingNodes++;
      continue;
    }
    if (!isClosedRing(coords)) {
      report.notPolygons++;
      continue;
    }
    const levelsTag = parseFloat(w.tags['building:levels'] ?? '');
    const hasLevels = Number.isFinite(levelsTag) && levelsTag > 0;
    if (hasLevels) report.withLevels++;
    const levels = hasLevels ? levelsTag : opts.levelsDefault;
    const residents = Math.round((ringAreaM2(coords) * levels) / opts.m2PerResident);
    if (residents < 1) {
      report.noResidents++;
      continue;
    }
    const [clon, clat] = representativePoint(coords);
    ids.push(`way/${w.id}`);
    names.push(w.tags.name ?? [w.tags['addr:street'], w.tags['addr:housenumber']].filter((s) => s !== undefined).join(' '));
    tags.push(w.tags.building);
    lon.push(round7(clon));
    lat.push(round7(clat));
    pop.push(residents);
    report.residents += residents;
  }
  return { blocks: makeBlocks(ids, names, tags, lon, lat, pop, opts.ageShares), report };
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
