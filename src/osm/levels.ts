/**
 * Storeys of a building: building:levels; else height / 3 m (rounded, at least 1); else a documented
 * default per building type (LEVELS_BY_TYPE, else `levelsDefault`).
 */
import type { Tags } from './read.ts';

/** Default storeys when a building has neither building:levels nor height. */
export const LEVELS_BY_TYPE: Readonly<Record<string, number>> = {
  house: 2, detached: 2, semidetached_house: 2, terrace: 2, villa: 2, farm: 2, townhouse: 3,
  bungalow: 1, cabin: 1, static_caravan: 1, houseboat: 1, ger: 1,
  apartments: 5, flats: 5, residential: 4, dormitory: 4,
};
/** Storeys of a building=yes (or other type) without levels or height: 2, the typical storeys of the untagged building in most of the world (houses, low-rise blocks). */
export const DEFAULT_LEVELS = 2;
export const METRES_PER_STOREY = 3;

export type LevelSource = 'levels' | 'height' | 'default';

/** The first number in a tag value ("4", "4;5", "12.5 m"), or NaN. */
function firstNumber(v: string | undefined): number {
  if (v === undefined) return NaN;
  const m = /-?\d+(?:[.,]\d+)?/.exec(v);
  return m ? Number(m[0].replace(',', '.')) : NaN;
}

export function buildingLevels(tags: Tags, levelsDefault = DEFAULT_LEVELS): { levels: number; source: LevelSource } {
  const l = firstNumber(tags['building:levels']);
  if (Number.isFinite(l) && l > 0 && l < 300) return { levels: l, source: 'levels' };
  const h = firstNumber(tags.height ?? tags['building:height']);
  if (Number.isFinite(h) && h > 0 && h < 1000) return { levels: Math.max(1, Math.round(h / METRES_PER_STOREY)), source: 'height' };
  return { levels: LEVELS_BY_TYPE[tags.building ?? ''] ?? levelsDefault, source: 'default' };
}
