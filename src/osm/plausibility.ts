/**
 * Plausibility of an imported population (the density warning always; the others only for the
 * footprint estimate, which a given total corrects). Residential land is the mapped landuse=residential area
 * plus, for homes outside it, their footprint / RESIDENTIAL_COVERAGE (the share of net residential
 * land that buildings typically cover). Warnings are raised when:
 *
 * - residents per km² of residential land fall outside PLAUSIBLE_DENSITY (1,000 to 60,000: from
 *   suburbs of detached houses to the densest tower estates of Hong Kong or Monaco);
 * - more than half of the homes have neither building:levels nor height (storeys were defaulted);
 * - more than half of the homes are doubted building=yes (the map does not say they are homes);
 * - the extract maps fewer than MIN_BUILDINGS_PER_KM buildings per km of residential street
 *   (highway=residential or living_street): buildings are barely mapped, so the estimate counts only a
 *   sliver of the city (a residential street is lined by tens of buildings per km).
 */
import { haversineM } from '../network/geo.ts';
import type { Building } from './blocks.ts';
import type { OsmExtract } from './read.ts';

/** Kilometres of residential streets (highway=residential, living_street) in the extract. */
export function residentialStreetKm(x: OsmExtract): number {
  let m = 0;
  for (const w of x.ways) {
    if (w.tags.highway !== 'residential' && w.tags.highway !== 'living_street') continue;
    let prev = -1;
    for (const ref of w.refs) {
      const k = x.nodeIndex.get(ref);
      if (k === undefined) {
        prev = -1;
        continue;
      }
      if (prev >= 0) m += haversineM(x.lon[prev], x.lat[prev], x.lon[k], x.lat[k]);
      prev = k;
    }
  }
  return m / 1000;
}

export const PLAUSIBLE_DENSITY: readonly [number, number] = [1000, 60000];
export const RESIDENTIAL_COVERAGE = 0.3;
export const MIN_BUILDINGS_PER_KM = 5;

export interface Plausibility {
  residentialLandKm2: number;
  residentsPerKm2: number;
  homesWithDefaultLevels: number;
  homesDoubted: number;
  warnings: string[];
}

const pct = (a: number, b: number) => `${b > 0 ? Math.round((100 * a) / b) : 0}%`;

export function plausibility(homes: Building[], residentialLandM2: number, residents: number, method: string, buildings = Infinity, residentialKm = 0): Plausibility {
  let outside = 0;
  let defaulted = 0;
  let doubted = 0;
  for (const h of homes) {
    if (!h.inResidentialLand) outside += h.footprintM2 / RESIDENTIAL_COVERAGE;
    if (h.levelSource === 'default') defaulted++;
    if (h.cls === 'doubted') doubted++;
  }
  const km2 = (residentialLandM2 + outside) / 1e6;
  const density = km2 > 0 ? residents / km2 : 0;
  const warnings: string[] = [];
  const [lo, hi] = PLAUSIBLE_DENSITY;
  if (homes.length > 0 && (density < lo || density > hi)) {
    warnings.push(`implausible density: ${Math.round(density).toLocaleString('en-US')} residents per km² of residential land (${km2.toFixed(2)} km²; plausible ${lo.toLocaleString('en-US')} to ${hi.toLocaleString('en-US')}) with the ${method}; check the classification or give --population-total / --population-by-area`);
  }
  // The next three concern the footprint estimate: a given total corrects it.
  const estimated = method === 'footprint estimate';
  if (estimated && homes.length > 0 && defaulted * 2 > homes.length) {
    warnings.push(`${pct(defaulted, homes.length)} of the homes (${defaulted} of ${homes.length}) have neither building:levels nor height: their storeys are defaults per building type, so the footprint estimate is rough; give --population-total or --population-by-area`);
  }
  if (estimated && homes.length > 0 && doubted * 2 > homes.length) {
    warnings.push(`${pct(doubted, homes.length)} of the homes (${doubted} of ${homes.length}) are untagged building=yes outside residential land use, counted as homes by the fallback`);
  }
  if (estimated && residentialKm > 0 && buildings / residentialKm < MIN_BUILDINGS_PER_KM) {
    warnings.push(`buildings look unmapped: ${buildings.toLocaleString('en-US')} buildings for ${residentialKm.toFixed(0)} km of residential streets (fewer than ${MIN_BUILDINGS_PER_KM} per km), so the footprint estimate misses most residents; give --population grid.csv, --population-by-area or --population-total`);
  }
  return { residentialLandKm2: km2, residentsPerKm2: density, homesWithDefaultLevels: defaulted, homesDoubted: doubted, warnings };
}
