/** candidates.csv / .geojson -> Candidates columns; 'allowed' is resolved to service indices that fit the floor area. */
import type { Candidates, ServiceDef } from '../types.ts';
import { FieldReader, type Problems, type RawTable } from '../rows.ts';
import { readLonLat } from './location.ts';

export const CANDIDATE_COLUMNS = ['id', 'kind', 'lon', 'lat', 'area_m2'];
/** Values of 'allowed' meaning every service whose minimum floor area fits. */
export const ANY_SERVICE = ['*', 'any'];

export function parseCandidates(table: RawTable, problems: Problems, services: ServiceDef[], serviceIndex: Map<string, number>): Candidates {
  const f = new FieldReader(table, problems);
  const n = table.rows.length;
  const c: Candidates = {
    count: n,
    ids: [],
    names: [],
    kinds: [],
    lon: new Float64Array(n),
    lat: new Float64Array(n),
    areaM2: new Float64Array(n),
    costMultiplier: new Float64Array(n),
    allowedOffsets: new Int32Array(n + 1),
    allowedIndex: new Int32Array(0),
  };
  // no idle spaces is a valid scenario (today-only runs; an OSM extract without vacant-space tags)
  if (!f.requireColumns(CANDIDATE_COLUMNS, { allowEmpty: true })) return { ...c, count: 0, allowedOffsets: new Int32Array(1) };
  const seen = new Map<string, number | string>();
  const allowed: number[] = [];
  table.rows.forEach((r, i) => {
    c.ids.push(f.uniqueId(r, 'id', seen));
    c.names.push(f.str(r, 'name', { optional: true }));
    c.kinds.push(f.str(r, 'kind'));
    [c.lon[i], c.lat[i]] = readLonLat(f, r);
    const area = f.num(r, 'area_m2', { min: 0, exclusiveMin: true });
    c.areaM2[i] = area;
    c.costMultiplier[i] = f.num(r, 'cost_multiplier', { min: 0, exclusiveMin: true, optional: true, fallback: 1 });
    const list = f.list(r, 'allowed', { optional: true });
    const any = list.length === 0 || list.some((x) => ANY_SERVICE.includes(x.toLowerCase()));
    const mine: number[] = [];
    if (any) {
      services.forEach((s, k) => {
        if (s.minAreaM2 <= area) mine.push(k);
      });
    } else {
      for (const sid of list) {
        const k = serviceIndex.get(sid);
        if (k === undefined) {
          problems.add(table.file, `unknown service id '${sid}', expected '*' or ids from services.csv`, r.row, 'allowed');
        } else if (services[k].minAreaM2 > area) {
          problems.add(table.file, `service '${sid}' needs ${services[k].minAreaM2} m², the space has ${area} m²`, r.row, 'allowed');
        } else if (!mine.includes(k)) mine.push(k);
      }
      mine.sort((a, b) => a - b);
    }
    allowed.push(...mine);
    c.allowedOffsets[i + 1] = allowed.length;
  });
  c.allowedIndex = Int32Array.from(allowed);
  return c;
}
