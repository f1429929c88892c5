/**
 * Areas of OSM: a closed way, or a multipolygon / boundary relation whose member ways are joined end
 * to end into closed rings (outer and inner by role; a member without a role counts as outer). An
 * area is a list of polygons, each an outer ring and the inner rings (holes) that lie inside it.
 * Rings that cannot be closed (members clipped at the extract's border) are left out and counted.
 */
import { isClosedRing, ringAreaM2, wayCoords } from './geometry.ts';
import type { OsmExtract, OsmRelation, OsmWay } from './read.ts';

export type Ring = number[][];
/** Polygons as GeoJSON-like coordinates: [outer, ...holes][]. */
export type Area = Ring[][];

export interface AssembledArea {
  area: Area;
  /** Member ways missing from the extract or rings left open. */
  broken: number;
}

/** The node references of a member way, tagged or not. */
function memberRefs(x: OsmExtract, wayById: Map<number, OsmWay>, ref: number): number[] | undefined {
  return wayById.get(ref)?.refs ?? x.untaggedWayRefs.get(ref);
}

/** A lookup of tagged ways by id (build once per extract). */
export function wayIndex(x: OsmExtract): Map<number, OsmWay> {
  const m = new Map<number, OsmWay>();
  for (const w of x.ways) m.set(w.id, w);
  return m;
}

/** Join node-reference chains end to end into closed rings (greedy, in member order). */
export function joinRings(chains: number[][]): { rings: number[][]; open: number } {
  const rest = chains.filter((c) => c.length >= 2).map((c) => c.slice());
  const rings: number[][] = [];
  let open = 0;
  while (rest.length > 0) {
    let ring = rest.shift()!;
    for (;;) {
      if (ring[0] === ring[ring.length - 1] && ring.length >= 4) break;
      const end = ring[ring.length - 1];
      let k = rest.findIndex((c) => c[0] === end || c[c.length - 1] === end);
      if (k < 0) {
        const start = ring[0];
        k = rest.findIndex((c) => c[0] === start || c[c.length - 1] === start);
        if (k < 0) break;
        ring = ring.slice().reverse();
        continue;
      }
      const c = rest.splice(k, 1)[0];
      ring = ring.concat((c[0] === end ? c : c.slice().reverse()).slice(1));
    }
    if (ring[0] === ring[ring.length - 1] && ring.length >= 4) rings.push(ring);
    else open++;
  }
  return { rings, open };
}

/** Is the point inside the ring (even-odd rule)? */
export function pointInRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0];
    const yi = ring[i][1];
    const xj = ring[j][0];
    const yj = ring[j][1];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInArea(lon: number, lat: number, area: Area): boolean {
  for (const poly of area) {
    if (!pointInRing(lon, lat, poly[0])) continue;
    let hole = false;
    for (let h = 1; h < poly.length && !hole; h++) hole = pointInRing(lon, lat, poly[h]);
    if (!hole) return true;
  }
  return false;
}

/** Area in m²: outer rings less their holes. */
export function areaM2(area: Area): number {
  let a = 0;
  for (const poly of area) {
    a += ringAreaM2(poly[0]);
    for (let h = 1; h < poly.length; h++) a -= ringAreaM2(poly[h]);
  }
  return Math.max(0, a);
}

/** The rings of a multipolygon or boundary relation, inner rings put into the outer ring holding them. */
export function relationArea(x: OsmExtract, wayById: Map<number, OsmWay>, r: OsmRelation): AssembledArea {
  const outer: number[][] = [];
  const inner: number[][] = [];
  let broken = 0;
  for (const m of r.members) {
    if (m.type !== 'way') continue;
    if (m.role !== '' && m.role !== 'outer' && m.role !== 'inner') continue;
    const refs = memberRefs(x, wayById, m.ref);
    if (!refs) {
      broken++;
      continue;
    }
    (m.role === 'inner' ? inner : outer).push(refs);
  }
  const toCoords = (refs: number[]): Ring | null => wayCoords(x, { id: 0, refs, tags: {} });
  const o = joinRings(outer);
  const i = joinRings(inner);
  broken += o.open + i.open;
  const polys: Ring[][] = [];
  for (const refs of o.rings) {
    const c = toCoords(refs);
    if (c && isClosedRing(c)) polys.push([c]);
    else broken++;
  }
  for (const refs of i.rings) {
    const c = toCoords(refs);
    if (!c || !isClosedRing(c)) {
      broken++;
      continue;
    }
    const host = polys.find((p) => pointInRing(c[0][0], c[0][1], p[0]));
    if (host) host.push(c);
  }
  return { area: polys, broken };
}

/** The area of a closed way, or null when it is not a closed ring or has nodes missing. */
export function wayArea(x: OsmExtract, w: OsmWay): Area | null {
  const c = wayCoords(x, w);
  return c && isClosedRing(c) ? [[c]] : null;
}

/** Bounding box [minLon, minLat, maxLon, maxLat] of an area's outer rings. */
export function areaBbox(area: Area): [number, number, number, number] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const poly of area) {
    for (const [x, y] of poly[0]) {
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return [x0, y0, x1, y1];
}
