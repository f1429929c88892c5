/**
 * The walking graph of an OSM extract: walkable ways split at the nodes they share (and at their
 * ends), intermediate points kept as edge geometry with haversine lengths summed; only the largest
 * connected component is kept. Ways that reference nodes missing from the extract (clipped at its
 * border) are split at each gap and reported.
 */
import { haversineM } from '../network/geo.ts';
import { networkFromEdges, type RoadNetwork } from '../network/network.ts';
import type { OsmExtract } from './read.ts';
import { walkExclusion } from './walkable.ts';

export interface WalkGraphReport {
  /** Tagged ways read, and those kept as walkable. */
  waysRead: number;
  walkableWays: number;
  /** Highway ways left out, by reason (foot=no, motorway-or-trunk, ...). */
  excludedHighways: Record<string, number>;
  /** Walkable ways with at least one node missing from the extract, and the missing references. */
  waysWithMissingNodes: number;
  missingNodeRefs: number;
  /** Walkable pieces with fewer than two known nodes (nothing to walk). */
  droppedPieces: number;
  /** Connected components before keeping the largest, and what the smaller ones held. */
  components: number;
  droppedNodes: number;
  droppedEdges: number;
  droppedLengthM: number;
  nodes: number;
  edges: number;
  lengthM: number;
}

export interface WalkGraph {
  network: RoadNetwork;
  report: WalkGraphReport;
  /** OSM node id of each network node. */
  osmNodeIds: Float64Array;
}

export function buildWalkGraph(x: OsmExtract): WalkGraph {
  const excludedHighways: Record<string, number> = {};
  let waysWithMissingNodes = 0;
  let missingNodeRefs = 0;
  let droppedPieces = 0;
  let walkableWays = 0;
  // Pieces: runs of consecutive known nodes of walkable ways (extract node indices), consecutive repeats removed.
  const pieces: Int32Array[] = [];
  for (const w of x.ways) {
    if (w.tags.highway === undefined) continue;
    const why = walkExclusion(w.tags);
    if (why !== null) {
      excludedHighways[why] = (excludedHighways[why] ?? 0) + 1;
      continue;
    }
    walkableWays++;
    let run: number[] = [];
    let missing = 0;
    const flush = () => {
      if (run.length >= 2) pieces.push(Int32Array.from(run));
      else if (run.length === 1) droppedPieces++;
      run = [];
    };
    for (const ref of w.refs) {
      const k = x.nodeIndex.get(ref);
      if (k === undefined) {
        missing++;
        flush();
        continue;
      }
      if (run.length > 0 && run[run.length - 1] === k) continue;
      run.push(k);
    }
    flush();
    if (missing > 0) {
      waysWithMissingNodes++;
      missingNodeRefs += missing;
    }
  }

  // A node becomes a graph node when two pieces use it, a piece uses it twice, or a piece ends there.
  const use = new Uint8Array(x.lon.length);
  for (const p of pieces) {
    for (let i = 0; i < p.length; i++) {
      const add = i === 0 || i === p.length - 1 ? 2 : 1;
      use[p[i]] = Math.min(2, use[p[i]] + add);
    }
  }
  const graphId = new Int32Array(x.lon.length).fill(-1);
  const nodeExtract: number[] = [];
  for (const p of pieces) {
    for (let i = 0; i < p.length; i++) {
      const k = p[i];
      if (use[k] >= 2 && graphId[k] < 0) {
        graphId[k] = nodeExtract.length;
        nodeExtract.push(k);
      }
    }
  }

  // Edges between consecutive graph nodes along each piece.
  const eFrom: number[] = [];
  const eTo: number[] = [];
  const eLen: number[] = [];
  const shapeOff: number[] = [0];
  const shape: number[] = []; // extract node indices
  for (const p of pieces) {
    let start = 0;
    let len = 0;
    for (let i = 1; i < p.length; i++) {
      len += haversineM(x.lon[p[i - 1]], x.lat[p[i - 1]], x.lon[p[i]], x.lat[p[i]]);
      if (graphId[p[i]] < 0) continue;
      const u = graphId[p[start]];
      const v = graphId[p[i]];
      if (!(u === v && len === 0)) {
        eFrom.push(u);
        eTo.push(v);
        eLen.push(len);
        for (let j = start; j <= i; j++) shape.push(p[j]);
        shapeOff.push(shape.length);
      }
      start = i;
      len = 0;
    }
  }

  // Largest connected component (union-find; ties go to the component of the lowest node id).
  const n = nodeExtract.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  };
  for (let e = 0; e < eFrom.length; e++) {
    const a = find(eFrom[e]);
    const b = find(eTo[e]);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const size = new Int32Array(n);
  let components = 0;
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (size[r]++ === 0) components++;
  }
  let bestRoot = -1;
  for (let i = 0; i < n; i++) if (parent[i] === i && (bestRoot < 0 || size[i] > size[bestRoot])) bestRoot = i;

  const newId = new Int32Array(n).fill(-1);
  const keptExtract: number[] = [];
  for (let i = 0; i < n; i++) {
    if (find(i) === bestRoot) {
      newId[i] = keptExtract.length;
      keptExtract.push(nodeExtract[i]);
    }
  }
  const from: number[] = [];
  const to: number[] = [];
  const lens: number[] = [];
  const sOff: number[] = [0];
  const sLon: number[] = [];
  const sLat: number[] = [];
  let droppedEdges = 0;
  let droppedLengthM = 0;
  let lengthM = 0;
  for (let e = 0; e < eFrom.length; e++) {
    const u = newId[eFrom[e]];
    if (u < 0) {
      droppedEdges++;
      droppedLengthM += eLen[e];
      continue;
    }
    from.push(u);
    to.push(newId[eTo[e]]);
    lens.push(eLen[e]);
    lengthM += eLen[e];
    for (let j = shapeOff[e]; j < shapeOff[e + 1]; j++) {
      sLon.push(x.lon[shape[j]]);
      sLat.push(x.lat[shape[j]]);
    }
    sOff.push(sLon.length);
  }
  const osmIdOf = new Float64Array(x.lon.length);
  for (const [id, k] of x.nodeIndex) osmIdOf[k] = id;
  const network = networkFromEdges({
    lon: Float64Array.from(keptExtract, (k) => x.lon[k]),
    lat: Float64Array.from(keptExtract, (k) => x.lat[k]),
    edgeFrom: Int32Array.from(from),
    edgeTo: Int32Array.from(to),
    edgeLength: Float64Array.from(lens),
    shapeOffsets: Int32Array.from(sOff),
    shapeLon: Float64Array.from(sLon),
    shapeLat: Float64Array.from(sLat),
  });
  return {
    network,
    osmNodeIds: Float64Array.from(keptExtract, (k) => osmIdOf[k]),
    report: {
      waysRead: x.ways.length,
      walkableWays,
      excludedHighways,
      waysWithMissingNodes,
      missingNodeRefs,
      droppedPieces,
      components,
      droppedNodes: n - keptExtract.length,
      droppedEdges,
      droppedLengthM,
      nodes: network.nodeCount,
      edges: network.edgeCount,
      lengthM,
    },
  };
}
