/** Existing facilities from OSM tags (nodes, and ways at their centroid) through the tag -> service table. */
import type { Facilities, ServiceDef } from '../scenario/types.ts';
import { representativePoint, round7, wayCoords } from './geometry.ts';
import type { OsmExtract, Tags } from './read.ts';
import { servicesOf, type TagServiceTable } from './tagServices.ts';

export interface FacilityReport {
  /** Facilities per service id (a facility offering two services counts for both). */
  byService: Record<string, number>;
  /** Tagged ways that matched but reference nodes missing from the extract. */
  missingNodes: number;
}

export function facilitiesFromTags(x: OsmExtract, table: TagServiceTable, services: ServiceDef[]): { facilities: Facilities; report: FacilityReport } {
  const ids: string[] = [];
  const names: string[] = [];
  const lon: number[] = [];
  const lat: number[] = [];
  const offsets: number[] = [0];
  const index: number[] = [];
  const byService: Record<string, number> = Object.fromEntries(services.map((s) => [s.id, 0]));
  let missingNodes = 0;
  const add = (id: string, tags: Tags, svc: number[], p: [number, number]) => {
    ids.push(id);
    names.push(tags.name ?? tags.brand ?? '');
    lon.push(round7(p[0]));
    lat.push(round7(p[1]));
    index.push(...svc);
    offsets.push(index.length);
    for (const k of svc) byService[services[k].id]++;
  };
  for (const n of x.taggedNodes) {
    const svc = servicesOf(table, n.tags);
    if (svc.length > 0) add(`node/${n.id}`, n.tags, svc, [x.lon[n.index], x.lat[n.index]]);
  }
  for (const w of x.ways) {
    const svc = servicesOf(table, w.tags);
    if (svc.length === 0) continue;
    const coords = wayCoords(x, w);
    if (!coords || coords.length === 0) {
      missingNodes++;
      continue;
    }
    add(`way/${w.id}`, w.tags, svc, representativePoint(coords));
  }
  const count = ids.length;
  return {
    facilities: {
      count,
      ids,
      names,
      lon: Float64Array.from(lon),
      lat: Float64Array.from(lat),
      capacity: new Float64Array(count).fill(NaN),
      serviceOffsets: Int32Array.from(offsets),
      serviceIndex: Int32Array.from(index),
    },
    report: { byService, missingNodes },
  };
}
