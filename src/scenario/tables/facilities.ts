/** facilities.csv / .geojson -> Facilities columns with a CSR list of the services each offers. */
import type { Facilities } from '../types.ts';
import { FieldReader, type Problems, type RawTable } from '../rows.ts';
import { readLonLat } from './location.ts';

export const FACILITY_COLUMNS = ['id', 'services', 'lon', 'lat'];

export function parseFacilities(table: RawTable | null, problems: Problems, serviceIndex: Map<string, number>): Facilities {
  const rows = table?.rows ?? [];
  const n = rows.length;
  const fac: Facilities = {
    count: n,
    ids: [],
    names: [],
    lon: new Float64Array(n),
    lat: new Float64Array(n),
    capacity: new Float64Array(n),
    serviceOffsets: new Int32Array(n + 1),
    serviceIndex: new Int32Array(0),
  };
  if (!table) return fac;
  const f = new FieldReader(table, problems);
  // A scenario may have no existing facilities: an empty table is allowed here, a missing column is not.
  const missing = FACILITY_COLUMNS.filter((c) => !table.columns.includes(c));
  if (missing.length > 0 && n > 0) {
    f.requireColumns(FACILITY_COLUMNS);
    return { ...fac, count: 0, serviceOffsets: new Int32Array(1) };
  }
  const seen = new Map<string, number | string>();
  const services: number[] = [];
  rows.forEach((r, i) => {
    fac.ids.push(f.uniqueId(r, 'id', seen));
    fac.names.push(f.str(r, 'name', { optional: true }));
    [fac.lon[i], fac.lat[i]] = readLonLat(f, r);
    fac.capacity[i] = f.num(r, 'capacity', { min: 0, exclusiveMin: true, optional: true, fallback: NaN });
    const ids = f.list(r, 'services');
    const mine = new Set<number>();
    for (const sid of ids) {
      const s = serviceIndex.get(sid);
      if (s === undefined) problems.add(table.file, `unknown service id '${sid}', expected one of: ${[...serviceIndex.keys()].join(', ')}`, r.row, 'services');
      else mine.add(s);
    }
    services.push(...[...mine].sort((a, b) => a - b));
    fac.serviceOffsets[i + 1] = services.length;
  });
  fac.serviceIndex = Int32Array.from(services);
  return fac;
}
