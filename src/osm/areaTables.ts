/**
 * Per-area tables joined to OSM administrative areas: known populations (`name,population`) and age
 * profiles (`name,0-5,6-17,18-34,35-59,60-74,75+`, or a GeoJSON FeatureCollection of Polygons /
 * MultiPolygons with the six shares as properties). Names match the `name` (else `name:en`) tag of
 * boundary=administrative relations and closed ways, ignoring case and surrounding spaces; where
 * listed areas nest, a point takes the smallest one holding it.
 */
import { AGE_BANDS, N_AGE_BANDS } from '../core/ageBands.ts';
import { InputError } from '../core/errors.ts';
import { readJsonFile } from '../io/json.ts';
import { readCsv } from '../io/csv.ts';
import { FieldReader, Problems, tableFromCsv } from '../scenario/rows.ts';
import { AreaIndex } from './areaIndex.ts';
import { type Area, relationArea, wayArea, wayIndex } from './multipolygon.ts';
import type { OsmExtract, Tags } from './read.ts';

export const normName = (s: string): string => s.normalize('NFC').trim().toLowerCase();

/** The administrative areas of the extract whose name is a key of `rowOf`, valued by that row. */
export function adminAreaIndex(x: OsmExtract, rowOf: Map<string, number>): { index: AreaIndex<number>; found: Set<number> } {
  const index = new AreaIndex<number>();
  const found = new Set<number>();
  const rowFor = (t: Tags): number | undefined => {
    if (t.boundary !== 'administrative') return undefined;
    for (const k of ['name', 'name:en']) {
      const v = t[k];
      if (v !== undefined && rowOf.has(normName(v))) return rowOf.get(normName(v));
    }
    return undefined;
  };
  const add = (area: Area | null, row: number) => {
    if (!area || area.length === 0) return;
    index.add(area, row);
    found.add(row);
  };
  for (const w of x.ways) {
    const row = rowFor(w.tags);
    if (row !== undefined) add(wayArea(x, w), row);
  }
  const byId = wayIndex(x);
  for (const r of x.relations) {
    const row = rowFor(r.tags);
    if (row !== undefined) add(relationArea(x, byId, r).area, row);
  }
  return { index, found };
}

/** `name,population` rows (other columns ignored). */
export async function readAreaPopulation(file: string): Promise<{ names: string[]; population: number[]; rowOf: Map<string, number> }> {
  const table = tableFromCsv(await readCsv(file));
  const problems = new Problems();
  const f = new FieldReader(table, problems);
  f.requireColumns(['name', 'population']);
  problems.throwIfAny();
  const names: string[] = [];
  const population: number[] = [];
  const rowOf = new Map<string, number>();
  for (const r of table.rows) {
    const name = f.str(r, 'name');
    const p = f.num(r, 'population', { min: 0, integer: true });
    if (rowOf.has(normName(name))) problems.add(file, `area '${name}' is listed twice`, r.row, 'name');
    rowOf.set(normName(name), names.length);
    names.push(name);
    population.push(p);
  }
  problems.throwIfAny();
  return { names, population, rowOf };
}

export interface AgeAreas {
  /** 'names': joined to OSM administrative areas; 'polygons': the file's own polygons. */
  kind: 'names' | 'polygons';
  /** Label per row (its name, or features[i]). */
  labels: string[];
  /** Shares per row, row-major x 6, normalised to sum to 1. */
  shares: Float64Array;
  rowOf: Map<string, number>;
  polygons: Area[];
}

function sharesOf(f: FieldReader, r: Parameters<FieldReader['num']>[0], file: string, problems: Problems): number[] {
  const v = AGE_BANDS.map((b) => f.num(r, b, { min: 0 }));
  const sum = v.reduce((a, x) => a + x, 0);
  if (v.every(Number.isFinite) && Math.abs(sum - 1) > 0.01) problems.add(file, `age shares sum to ${+sum.toFixed(4)}, expected 1 ± 0.01`, r.row, AGE_BANDS.join('+'));
  return v.map((x) => x / (sum || 1));
}

/** Age profiles per area: a CSV by name, or a GeoJSON of polygons (by extension .geojson / .json). */
export async function readAreaAges(file: string): Promise<AgeAreas> {
  const problems = new Problems();
  if (/\.(geo)?json$/i.test(file)) {
    let doc: { type?: unknown; features?: { properties?: Record<string, unknown>; geometry?: { type: string; coordinates: unknown } }[] };
    doc = readJsonFile(file) as typeof doc;
    if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw new InputError(file, 'expected a GeoJSON FeatureCollection of Polygons or MultiPolygons with the age shares as properties');
    const rows = doc.features.map((ft, i) => ({ row: `features[${i}]`, values: { ...(ft?.properties ?? {}) } as Record<string, unknown> }));
    const f = new FieldReader({ file, rows, columns: [...new Set(rows.flatMap((r) => Object.keys(r.values)))] }, problems);
    const shares = new Float64Array(rows.length * N_AGE_BANDS);
    const polygons: Area[] = [];
    const labels: string[] = [];
    doc.features.forEach((ft, i) => {
      const g = ft?.geometry;
      if (g?.type === 'Polygon') polygons.push([g.coordinates as number[][][]]);
      else if (g?.type === 'MultiPolygon') polygons.push(g.coordinates as number[][][][]);
      else {
        problems.add(file, `geometry is ${g?.type ?? 'missing'}, expected Polygon or MultiPolygon`, `features[${i}]`, 'geometry');
        polygons.push([]);
      }
      shares.set(sharesOf(f, rows[i], file, problems), i * N_AGE_BANDS);
      labels.push(typeof rows[i].values.name === 'string' ? (rows[i].values.name as string) : `features[${i}]`);
    });
    problems.throwIfAny();
    return { kind: 'polygons', labels, shares, rowOf: new Map(), polygons };
  }
  const table = tableFromCsv(await readCsv(file));
  const f = new FieldReader(table, problems);
  f.requireColumns(['name', ...AGE_BANDS]);
  problems.throwIfAny();
  const shares = new Float64Array(table.rows.length * N_AGE_BANDS);
  const labels: string[] = [];
  const rowOf = new Map<string, number>();
  table.rows.forEach((r, i) => {
    const name = f.str(r, 'name');
    if (rowOf.has(normName(name))) problems.add(file, `area '${name}' is listed twice`, r.row, 'name');
    rowOf.set(normName(name), i);
    labels.push(name);
    shares.set(sharesOf(f, r, file, problems), i * N_AGE_BANDS);
  });
  problems.throwIfAny();
  return { kind: 'names', labels, shares, rowOf, polygons: [] };
}

/** The area index of an age table: OSM administrative areas by name, or the file's polygons. */
export function ageAreaIndex(x: OsmExtract, ages: AgeAreas): { index: AreaIndex<number>; found: Set<number> } {
  if (ages.kind === 'names') return adminAreaIndex(x, ages.rowOf);
  const index = new AreaIndex<number>();
  const found = new Set<number>();
  ages.polygons.forEach((a, i) => {
    if (a.length > 0) {
      index.add(a, i);
      found.add(i);
    }
  });
  return { index, found };
}
