/**
 * Which buildings are homes. Each building gets one class:
 *
 * - housing: a housing building type (HOUSING_BUILDINGS), or building=yes inside residential land use;
 * - doubted: building=yes with no other use, outside any residential or non-housing land use (the map
 *   does not say). Whether doubted buildings count as housing is the extract-wide fallback
 *   (doubtedCount below);
 * - dropped, with a reason: any other building type; building=yes carrying a non-residential key
 *   (shop, amenity, office, craft, industrial, ...) or a non-residential building:use; a building=yes
 *   named like a company (GmbH, AG, Ltd, S.A., Inc., factory, ...); a building=yes smaller than
 *   MIN_HOUSE_FOOTPRINT_M2 (a shed or garage); and every building, housing type or not, inside
 *   industrial, commercial, retail or other non-housing land use (landUse.ts).
 */
import type { LandUseValue } from './landUse.ts';
import type { Tags } from './read.ts';

export type BuildingClass = 'housing' | 'doubted' | 'dropped';

export const HOUSING_BUILDINGS: ReadonlySet<string> = new Set(['residential', 'apartments', 'house', 'detached', 'semidetached_house', 'terrace', 'dormitory', 'bungalow', 'cabin', 'farm', 'static_caravan', 'houseboat', 'ger', 'flats', 'townhouse', 'villa']);
/** Housing types that hold one household (their residents are capped at the household size). */
export const SINGLE_HOUSEHOLD: ReadonlySet<string> = new Set(['house', 'detached', 'semidetached_house', 'bungalow', 'cabin', 'farm', 'static_caravan', 'houseboat', 'ger', 'villa']);
/** Keys that mark a building=yes as something other than housing. */
export const NON_RESIDENTIAL_KEYS = ['amenity', 'shop', 'office', 'tourism', 'leisure', 'craft', 'healthcare', 'public_transport', 'railway', 'man_made', 'historic', 'religion', 'military', 'aeroway', 'power', 'sport', 'emergency', 'industrial', 'club', 'government'];
/** A building=yes smaller than this (m²) is an outbuilding (shed, garage), not a home. */
export const MIN_HOUSE_FOOTPRINT_M2 = 30;
/** Names of firms and works: legal forms and words for a factory, in several languages. */
export const COMPANY_NAME = /\b(gmbh|ag|kg|ohg|ltd|llc|inc|corp|plc|s\.?a\.?|s\.?p\.?a\.?|s\.?a\.?r\.?l\.?|sas|s\.?r\.?l\.?|b\.?v\.?|co|company|factory|fabrik|werk|werke|usine|fabbrica|fábrica|industrie|industries|works|warehouse|lager|depot|logistics|logistik)\b/i;

export interface Classified {
  cls: BuildingClass;
  /** Why dropped or doubted ('' for housing). */
  reason: string;
}

export function classifyBuilding(tags: Tags, footprintM2: number, landUse: LandUseValue | null): Classified {
  const b = tags.building ?? 'yes';
  if (landUse?.cls === 'non-housing') return { cls: 'dropped', reason: `in ${landUse.tag}` };
  if (HOUSING_BUILDINGS.has(b)) return { cls: 'housing', reason: '' };
  if (b !== 'yes') return { cls: 'dropped', reason: `building=${b}` };
  const use = tags['building:use'];
  if (use !== undefined && use !== 'residential' && use !== 'apartments') return { cls: 'dropped', reason: `building:use=${use}` };
  const key = NON_RESIDENTIAL_KEYS.find((k) => tags[k] !== undefined);
  if (key !== undefined) return { cls: 'dropped', reason: `${key}=*` };
  if (tags.name !== undefined && COMPANY_NAME.test(tags.name)) return { cls: 'dropped', reason: 'named like a company' };
  if (footprintM2 < MIN_HOUSE_FOOTPRINT_M2) return { cls: 'dropped', reason: `under ${MIN_HOUSE_FOOTPRINT_M2} m²` };
  if (landUse?.cls === 'residential') return { cls: 'housing', reason: '' };
  return { cls: 'doubted', reason: landUse ? `in ${landUse.tag}` : 'outside mapped land use' };
}

/**
 * The fallback for doubted buildings: they count as housing when residential land use is mapped for
 * less than half of the candidate homes (housing + doubted floor area), i.e. when the extract barely
 * maps land use; otherwise the map's silence is believed and they are left out.
 */
export function doubtedCount(housingInResidentialM2: number, doubtedM2: number): boolean {
  const total = housingInResidentialM2 + doubtedM2;
  return total === 0 || housingInResidentialM2 / total < 0.5;
}
