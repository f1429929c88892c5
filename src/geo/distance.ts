/** Great-circle distance and a local metric projection for small study areas. */

const R = 6371008.8; // mean Earth radius, metres
const RAD = Math.PI / 180;

/** Haversine distance in metres between two lon/lat points. */
export function haversine(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Metres per degree of longitude and latitude at a latitude (equirectangular approximation). */
export function metresPerDegree(lat: number): { lon: number; lat: number } {
  return { lon: R * RAD * Math.cos(lat * RAD), lat: R * RAD };
}
