/** Small geodesy helpers shared by the network code: great-circle lengths and a local metric projection. */

/** Mean Earth radius, metres (IUGG). */
export const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres between two lon/lat points (haversine). */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2);
  const t = Math.sin(dLon / 2);
  const a = s * s + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * t * t;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Equirectangular projection to metres around a reference latitude: accurate to well under 0.1 % over
 * a city (tens of kilometres), which is all snapping and hulls need.
 */
export interface LocalProjection {
  lon0: number;
  lat0: number;
  /** Metres per degree of longitude at lat0. */
  mPerDegLon: number;
  /** Metres per degree of latitude. */
  mPerDegLat: number;
}

export function localProjection(lon0: number, lat0: number): LocalProjection {
  const mPerDegLat = EARTH_RADIUS_M * RAD;
  return { lon0, lat0, mPerDegLat, mPerDegLon: mPerDegLat * Math.cos(lat0 * RAD) };
}

export function projectX(p: LocalProjection, lon: number): number {
  return (lon - p.lon0) * p.mPerDegLon;
}

export function projectY(p: LocalProjection, lat: number): number {
  return (lat - p.lat0) * p.mPerDegLat;
}

export function unprojectLon(p: LocalProjection, x: number): number {
  return p.lon0 + x / p.mPerDegLon;
}

export function unprojectLat(p: LocalProjection, y: number): number {
  return p.lat0 + y / p.mPerDegLat;
}
