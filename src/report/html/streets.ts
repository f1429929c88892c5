/**
 * The streets under the report's map: the OSM scenario's walking network as simplified polylines
 * (src/network/streetLines.ts), embedded as base64 typed arrays: line offsets, and lon/lat in
 * millionths of a degree (about 0.1 m), interleaved. None for a straight-line scenario.
 */
import { scenarioStreetLines } from '../../network/streetLines.ts';
import type { Scenario } from '../../scenario/types.ts';
import type { ReportStreets } from './data.ts';
import { typedToBase64 } from './typed.ts';

export function reportStreets(sc: Scenario): ReportStreets | null {
  const lines = scenarioStreetLines(sc);
  if (!lines) return null;
  const n = lines.lon.length;
  const lonLat = new Int32Array(2 * n);
  for (let k = 0; k < n; k++) {
    lonLat[2 * k] = Math.round(lines.lon[k] * 1e6);
    lonLat[2 * k + 1] = Math.round(lines.lat[k] * 1e6);
  }
  return { count: lines.count, lengthKm: Math.round(lines.lengthM / 100) / 10, offsets: typedToBase64(lines.offsets), lonLat: typedToBase64(lonLat) };
}
