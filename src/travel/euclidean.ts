/** Straight-line walking distances x a detour factor, for scenarios without a network (kdbush range queries). */
import KDBush from 'kdbush';
import { haversineM, localProjection } from '../network/geo.ts';
import type { SparseDistanceMatrix } from './matrix.ts';
import type { Points } from './sites.ts';

export function euclideanDistanceMatrix(origins: Points, targets: Points, detourFactor: number, cutoffM: number): SparseDistanceMatrix {
  const lat0 = origins.count > 0 ? origins.lat[0] : 0;
  const proj = localProjection(0, lat0);
  const mpd = { lon: proj.mPerDegLon, lat: proj.mPerDegLat };
  const index = new KDBush(Math.max(1, targets.count));
  for (let j = 0; j < targets.count; j++) index.add(targets.lon[j] * mpd.lon, targets.lat[j] * mpd.lat);
  if (targets.count === 0) index.add(Infinity, Infinity);
  index.finish();
  // the equirectangular query radius is widened by 1% so that no pair within the haversine cutoff is missed
  const radius = (cutoffM / detourFactor) * 1.01;
  const offsets = new Int32Array(origins.count + 1);
  const cols: number[] = [];
  const metres: number[] = [];
  for (let i = 0; i < origins.count; i++) {
    const found = index.range(origins.lon[i] * mpd.lon - radius, origins.lat[i] * mpd.lat - radius, origins.lon[i] * mpd.lon + radius, origins.lat[i] * mpd.lat + radius).filter((j) => j < targets.count);
    found.sort((a, b) => a - b);
    for (const j of found) {
      const d = haversineM(origins.lon[i], origins.lat[i], targets.lon[j], targets.lat[j]) * detourFactor;
      if (d <= cutoffM) {
        cols.push(j);
        metres.push(d);
      }
    }
    offsets[i + 1] = cols.length;
  }
  return { rows: origins.count, cols: targets.count, offsets, index: Int32Array.from(cols), metres: Float64Array.from(metres), cutoffM };
}
