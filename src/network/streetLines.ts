/**
 * The walking network as simplified street polylines, for drawing under a map (the report of an OSM
 * scenario). Deterministic and offline:
 *
 *   1. edges are chained through nodes of degree 2 (a street split only where ways met end to end
 *      becomes one line), starting at junctions and dead ends in node order, arcs in CSR order; loops
 *      of degree-2 nodes start at their lowest edge id;
 *   2. each line is simplified by Douglas–Peucker with `toleranceM` metres (local equirectangular
 *      projection), its ends always kept;
 *   3. coordinates are rounded to `digits` decimals (6 = about 0.1 m).
 *
 * Line i is lon/lat[offsets[i] .. offsets[i+1]).
 */
import { readNetworkFile } from './binary.ts';
import { localProjection } from './geo.ts';
import type { RoadNetwork } from './network.ts';

export interface StreetLines {
  /** Number of polylines. */
  count: number;
  /** Points of line i are offsets[i] .. offsets[i+1). Length count + 1. */
  offsets: Uint32Array;
  lon: Float64Array;
  lat: Float64Array;
  /** Walkable length of the network drawn, metres (the edges' lengths, before simplification). */
  lengthM: number;
}

export interface StreetLineOptions {
  /** Douglas–Peucker tolerance, metres (default 4). 0 keeps every shape point. */
  toleranceM?: number;
  /** Decimals kept in lon/lat (default 6). */
  digits?: number;
}

export const DEFAULT_STREET_TOLERANCE_M = 4;

/** Simplified street polylines of a walking network (see the file comment). */
export function streetLines(net: RoadNetwork, opts: StreetLineOptions = {}): StreetLines {
  const tol = opts.toleranceM ?? DEFAULT_STREET_TOLERANCE_M;
  const scale = 10 ** (opts.digits ?? 6);
  const n = net.nodeCount;
  const m = net.edgeCount;
  const degree = (u: number) => net.offsets[u + 1] - net.offsets[u];
  const used = new Uint8Array(m);
  const offsets: number[] = [0];
  const outLon: number[] = [];
  const outLat: number[] = [];
  let lengthM = 0;
  for (let e = 0; e < m; e++) lengthM += net.edgeLength[e];
  let lat0 = 0;
  for (let u = 0; u < n; u++) lat0 += net.lat[u];
  const proj = localProjection(0, n > 0 ? lat0 / n : 0);

  const lineLon: number[] = [];
  const lineLat: number[] = [];
  /** Append edge e walked from node `from` to the current line (without repeating the joint point). */
  const appendEdge = (e: number, from: number) => {
    const a = net.shapeOffsets[e];
    const b = net.shapeOffsets[e + 1];
    const forward = net.edgeFrom[e] === from;
    const skipFirst = lineLon.length > 0;
    for (let k = 0; k < b - a; k++) {
      if (skipFirst && k === 0) continue;
      const j = forward ? a + k : b - 1 - k;
      lineLon.push(net.shapeLon[j]);
      lineLat.push(net.shapeLat[j]);
    }
    return net.edgeFrom[e] === from ? net.edgeTo[e] : net.edgeFrom[e];
  };
  const flush = () => {
    const keep = douglasPeucker(lineLon, lineLat, tol, proj.mPerDegLon, proj.mPerDegLat);
    for (let k = 0; k < lineLon.length; k++) {
      if (!keep[k]) continue;
      outLon.push(Math.round(lineLon[k] * scale) / scale);
      outLat.push(Math.round(lineLat[k] * scale) / scale);
    }
    offsets.push(outLon.length);
    lineLon.length = 0;
    lineLat.length = 0;
  };
  /** Follow from node u along arc p through degree-2 nodes until a junction, a dead end or a used edge. */
  const follow = (u: number, p: number) => {
    let here = u;
    let arc = p;
    for (;;) {
      const e = net.arcEdge[arc];
      used[e] = 1;
      here = appendEdge(e, here);
      if (degree(here) !== 2) break;
      const a = net.offsets[here];
      const next = net.arcEdge[a] === e && !used[net.arcEdge[a + 1]] ? a + 1 : net.arcEdge[a + 1] === e && !used[net.arcEdge[a]] ? a : -1;
      if (next < 0) break;
      arc = next;
    }
    flush();
  };
  for (let u = 0; u < n; u++) {
    if (degree(u) === 2) continue;
    for (let p = net.offsets[u]; p < net.offsets[u + 1]; p++) if (!used[net.arcEdge[p]]) follow(u, p);
  }
  // What is left are loops made only of degree-2 nodes.
  for (let e = 0; e < m; e++) {
    if (used[e]) continue;
    const u = net.edgeFrom[e];
    let p = net.offsets[u];
    while (net.arcEdge[p] !== e) p++;
    follow(u, p);
  }
  return { count: offsets.length - 1, offsets: Uint32Array.from(offsets), lon: Float64Array.from(outLon), lat: Float64Array.from(outLat), lengthM };
}

/** Street lines of a scenario's OSM network (read from its network.bin), or null for a euclidean scenario. */
export function scenarioStreetLines(sc: { network: { kind: string; file?: string } }, opts: StreetLineOptions = {}): StreetLines | null {
  if (sc.network.kind !== 'osm' || !sc.network.file) return null;
  return streetLines(readNetworkFile(sc.network.file), opts);
}

/** Which points of the polyline Douglas–Peucker keeps (ends always), iteratively (no recursion). */
export function douglasPeucker(lon: ArrayLike<number>, lat: ArrayLike<number>, tolM: number, mx: number, my: number): Uint8Array {
  const n = lon.length;
  const keep = new Uint8Array(n);
  if (n === 0) return keep;
  keep[0] = 1;
  keep[n - 1] = 1;
  if (tolM <= 0) return keep.fill(1);
  const stack: number[] = [0, n - 1];
  while (stack.length > 0) {
    const b = stack.pop()!;
    const a = stack.pop()!;
    if (b - a < 2) continue;
    const ax = lon[a] * mx;
    const ay = lat[a] * my;
    const dx = lon[b] * mx - ax;
    const dy = lat[b] * my - ay;
    const len2 = dx * dx + dy * dy;
    let best = -1;
    let bestD = tolM;
    for (let k = a + 1; k < b; k++) {
      const px = lon[k] * mx - ax;
      const py = lat[k] * my - ay;
      let d: number;
      if (len2 === 0) d = Math.hypot(px, py);
      else {
        const t = Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
        d = Math.hypot(px - t * dx, py - t * dy);
      }
      if (d > bestD) {
        bestD = d;
        best = k;
      }
    }
    if (best < 0) continue;
    keep[best] = 1;
    stack.push(a, best, best, b);
  }
  return keep;
}
