/** Sites: existing facilities (indices 0..F-1) followed by candidate spaces (F..F+C-1), as one coordinate list. */
import type { Scenario } from '../scenario/types.ts';

export interface Points {
  count: number;
  lon: Float64Array;
  lat: Float64Array;
}

export function sitePoints(sc: Scenario): Points {
  const F = sc.facilities.count;
  const C = sc.candidates.count;
  const lon = new Float64Array(F + C);
  const lat = new Float64Array(F + C);
  lon.set(sc.facilities.lon, 0);
  lon.set(sc.candidates.lon, F);
  lat.set(sc.facilities.lat, 0);
  lat.set(sc.candidates.lat, F);
  return { count: F + C, lon, lat };
}

export function blockPoints(sc: Scenario): Points {
  return { count: sc.blocks.count, lon: sc.blocks.lon, lat: sc.blocks.lat };
}

/** Site index of candidate c. */
export const candidateSite = (sc: Scenario, c: number): number => sc.facilities.count + c;
