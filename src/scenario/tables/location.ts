/** Reading a lon/lat location from a row (CSV columns, JSON keys, or a GeoJSON geometry turned into them). */
import type { FieldReader, RawRow } from '../rows.ts';

export const POLYGON_KEY = '__polygon';

export function readLonLat(f: FieldReader, r: RawRow): [number, number] {
  return [f.num(r, 'lon', { min: -180, max: 180 }), f.num(r, 'lat', { min: -90, max: 90 })];
}
