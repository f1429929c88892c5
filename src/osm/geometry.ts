/** Geometry of OSM ways for the importer: rings, areas (turf, m²) and representative points. */
import { area as turfArea } from '@turf/area';
import { centroid } from '@turf/centroid';
import type { OsmExtract, OsmWay } from './read.ts';

/** The way's coordinates, or null when any node is missing from the extract. */
export function wayCoords(x: OsmExtract, w: OsmWay): number[][] | null {
  const out: number[][] = [];
  for (const ref of w.refs) {
    const k = x.nodeIndex.get(ref);
    if (k === undefined) return null;
    out.push([x.lon[k], x.lat[k]]);
  }
  return out;
}

/** A closed way with at least 3 distinct corners is a polygon. */
export function isClosedRing(coords: number[][]): boolean {
  if (coords.length < 4) return false;
  const a = coords[0];
  const b = coords[coords.length - 1];
  return a[0] === b[0] && a[1] === b[1];
}

export function ringAreaM2(ring: number[][]): number {
  return turfArea({ type: 'Polygon', coordinates: [ring] });
}

/** Centroid of a polygon ring, or the mean of a line's points. */
export function representativePoint(coords: number[][]): [number, number] {
  if (isClosedRing(coords)) {
    const c = centroid({ type: 'Polygon', coordinates: [coords] });
    return [c.geometry.coordinates[0], c.geometry.coordinates[1]];
  }
  let lon = 0;
  let lat = 0;
  for (const p of coords) {
    lon += p[0];
    lat += p[1];
  }
  return [lon / coords.length, lat / coords.length];
}

/** Coordinates rounded to 1e-7 degrees (about 1 cm), as OSM stores them. */
export const round7 = (x: number): number => Math.round(x * 1e7) / 1e7;
