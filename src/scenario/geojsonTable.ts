/** A GeoJSON FeatureCollection as a table: properties become columns, geometry becomes lon/lat (polygons: centroid + outline). */
import { centroid } from '@turf/centroid';
import { InputError } from '../core/errors.ts';
import { readJsonFile } from '../io/json.ts';
import type { RawRow, RawTable } from './rows.ts';
import { POLYGON_KEY } from './tables/location.ts';

type Geometry = { type: string; coordinates: unknown };

export function readGeojsonTable(file: string): RawTable {
  let doc: { type?: unknown; features?: unknown };
  doc = readJsonFile(file) as typeof doc;
  if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw new InputError(file, 'expected a GeoJSON FeatureCollection');
  const columns = new Set<string>(['lon', 'lat']);
  const rows: RawRow[] = doc.features.map((ft: { properties?: Record<string, unknown>; geometry?: Geometry | null }, i: number) => {
    const where = `features[${i}]`;
    const values: Record<string, unknown> = { ...(ft?.properties ?? {}) };
    for (const k of Object.keys(values)) columns.add(k);
    const g = ft?.geometry;
    if (!g || typeof g !== 'object') throw new InputError(file, 'has no geometry, expected a Point, Polygon or MultiPolygon', where, 'geometry');
    if (g.type === 'Point') {
      const [lon, lat] = g.coordinates as number[];
      values.lon = lon;
      values.lat = lat;
    } else if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
      const [lon, lat] = centroid(g as never).geometry.coordinates;
      values.lon = lon;
      values.lat = lat;
      values[POLYGON_KEY] = g.type === 'Polygon' ? g.coordinates : (g.coordinates as number[][][][])[0];
    } else throw new InputError(file, `geometry type is ${g.type}, expected Point, Polygon or MultiPolygon`, where, 'geometry');
    return { row: where, values };
  });
  return { file, rows, columns: [...columns] };
}
