/**
 * Isochrones for maps: the area reachable on foot within a walking distance from a point, as a
 * concave hull (turf) of points sampled along every street walked, up to where the walk ends part-way
 * along an edge. Falls back to the convex hull when the concave hull cannot be formed.
 */
import { area } from '@turf/area';
import { concave } from '@turf/concave';
import { convex } from '@turf/convex';
import { featureCollection, point } from '@turf/helpers';
import type { Feature, Point, Polygon } from 'geojson';
import { DijkstraScratch } from './dijkstra.ts';
import { haversineM } from './geo.ts';
import type { RoadNetwork } from './network.ts';
import { DEFAULT_SNAP_LIMIT_M, SnapIndex } from './snap.ts';

export interface IsochroneOptions {
  /** Reuse a snap index across calls. */
  index?: SnapIndex;
  snapLimitM?: number;
  /** Longest hull edge before the hull bends inwards, metres (default metres / 3, between 150 and 600). */
  maxEdgeM?: number;
}

/** Walking-distance metres (minutes x speed) -> the reachable area, or null when the point is beyond the snapping limit. */
export function isochrone(net: RoadNetwork, lon: number, lat: number, metres: number, opts: IsochroneOptions = {}): Polygon | null {
  const index = opts.index ?? new SnapIndex(net);
  const hit = index.snap(lon, lat, opts.snapLimitM ?? DEFAULT_SNAP_LIMIT_M);
  if (!hit) return null;
  const e = hit.edge;
  const scratch = new DijkstraScratch(net);
  scratch.run([net.edgeFrom[e], net.edgeTo[e]], [hit.accessM + hit.offsetM, hit.accessM + net.edgeLength[e] - hit.offsetM], metres);
  const maxEdgeM = opts.maxEdgeM ?? Math.min(600, Math.max(150, metres / 3));
  const spacing = maxEdgeM / 3;
  const pts: Feature<Point>[] = [point([lon, lat]), point([hit.lon, hit.lat])];
  const { dist } = scratch;
  // The origin's own edge: walk both ways from the snapped point.
  const left = metres - hit.accessM;
  if (left > 0) sampleEdge(net, e, Math.max(0, hit.offsetM - left), Math.min(net.edgeLength[e], hit.offsetM + left), spacing, pts);
  // Every street walked from each reached node, as far as the distance allows.
  for (let k = 0; k < scratch.touchedCount; k++) {
    const u = scratch.touched[k];
    const du = dist[u];
    if (du > metres) continue;
    pts.push(point([net.lon[u], net.lat[u]]));
    for (let a = net.offsets[u]; a < net.offsets[u + 1]; a++) {
      const edge = net.arcEdge[a];
      const len = net.edgeLength[edge];
      const reach = Math.min(len, metres - du);
      if (net.edgeFrom[edge] === u) sampleEdge(net, edge, 0, reach, spacing, pts);
      else sampleEdge(net, edge, len - reach, len, spacing, pts);
    }
  }
  const fc = featureCollection(pts);
  const hull = pts.length >= 4 ? concave(fc, { maxEdge: maxEdgeM / 1000, units: 'kilometers' }) : null;
  if (hull) {
    if (hull.geometry.type === 'Polygon') return hull.geometry;
    // Several pieces: keep the largest (the one around the origin in practice).
    let best: Polygon | null = null;
    let bestArea = -1;
    for (const coords of hull.geometry.coordinates) {
      const poly: Polygon = { type: 'Polygon', coordinates: coords };
      const a = area(poly);
      if (a > bestArea) {
        bestArea = a;
        best = poly;
      }
    }
    if (best) return best;
  }
  const cv = convex(fc);
  if (cv) return cv.geometry;
  // Fewer than three distinct points: a tiny square around the snapped point.
  const d = 1e-5;
  return { type: 'Polygon', coordinates: [[[hit.lon - d, hit.lat - d], [hit.lon + d, hit.lat - d], [hit.lon + d, hit.lat + d], [hit.lon - d, hit.lat + d], [hit.lon - d, hit.lat - d]]] };
}

/** Points along edge e from offset `from` to `to` (metres from its start), at most `spacing` apart, ends included. */
function sampleEdge(net: RoadNetwork, e: number, from: number, to: number, spacing: number, out: Feature<Point>[]): void {
  const steps = Math.max(1, Math.ceil((to - from) / spacing));
  for (let i = 0; i <= steps; i++) out.push(point(alongEdge(net, e, from + ((to - from) * i) / steps)));
}

/** The point `at` metres along edge e from its start (clamped to the edge). */
export function alongEdge(net: RoadNetwork, e: number, at: number): [number, number] {
  const a = net.shapeOffsets[e];
  const b = net.shapeOffsets[e + 1];
  let walked = 0;
  for (let i = a; i < b - 1; i++) {
    const seg = haversineM(net.shapeLon[i], net.shapeLat[i], net.shapeLon[i + 1], net.shapeLat[i + 1]);
    if (walked + seg >= at) {
      const t = seg > 0 ? (at - walked) / seg : 0;
      return [net.shapeLon[i] + t * (net.shapeLon[i + 1] - net.shapeLon[i]), net.shapeLat[i] + t * (net.shapeLat[i + 1] - net.shapeLat[i])];
    }
    walked += seg;
  }
  return [net.shapeLon[b - 1], net.shapeLat[b - 1]];
}
