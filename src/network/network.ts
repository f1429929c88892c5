/**
 * The walking network in compressed sparse rows. Nodes are junctions and dead ends; every undirected
 * edge is stored as two arcs (u->v and v->u) with its length in metres. Each edge keeps its geometry
 * (shape points from edgeFrom to edgeTo, ends included) so that points snap to the street itself, not
 * to the nearest junction.
 */

export interface RoadNetwork extends EdgeList {
  nodeCount: number;
  /** Undirected edges; there are 2 x edgeCount arcs. */
  edgeCount: number;
  /** Arcs of node u are offsets[u] .. offsets[u+1). Length nodeCount + 1. */
  offsets: Int32Array;
  /** Head node of each arc. */
  targets: Int32Array;
  /** Length of each arc, metres. */
  lengths: Float64Array;
  /** Undirected edge id of each arc. */
  arcEdge: Int32Array;
  /** The single buffer all arrays view when the network was decoded from network.bin (shareable with workers), else null. */
  buffer: ArrayBuffer | SharedArrayBuffer | null;
}

/** Nodes and undirected edges with their geometry: what an importer produces before the CSR is built. */
export interface EdgeList {
  lon: Float64Array;
  lat: Float64Array;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeLength: Float64Array;
  /** Shape points of edge e are shapeOffsets[e] .. shapeOffsets[e+1). Length edgeCount + 1. */
  shapeOffsets: Int32Array;
  shapeLon: Float64Array;
  shapeLat: Float64Array;
}

/** Build the CSR arcs of an edge list. Arcs of each node appear in edge-id order (deterministic). */
export function networkFromEdges(e: EdgeList): RoadNetwork {
  const n = e.lon.length;
  const m = e.edgeFrom.length;
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    offsets[e.edgeFrom[k] + 1]++;
    offsets[e.edgeTo[k] + 1]++;
  }
  for (let u = 0; u < n; u++) offsets[u + 1] += offsets[u];
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(2 * m);
  const lengths = new Float64Array(2 * m);
  const arcEdge = new Int32Array(2 * m);
  for (let k = 0; k < m; k++) {
    const u = e.edgeFrom[k];
    const v = e.edgeTo[k];
    const len = e.edgeLength[k];
    let p = fill[u]++;
    targets[p] = v;
    lengths[p] = len;
    arcEdge[p] = k;
    p = fill[v]++;
    targets[p] = u;
    lengths[p] = len;
    arcEdge[p] = k;
  }
  return {
    nodeCount: n,
    edgeCount: m,
    lon: e.lon,
    lat: e.lat,
    offsets,
    targets,
    lengths,
    arcEdge,
    edgeFrom: e.edgeFrom,
    edgeTo: e.edgeTo,
    edgeLength: e.edgeLength,
    shapeOffsets: e.shapeOffsets,
    shapeLon: e.shapeLon,
    shapeLat: e.shapeLat,
    buffer: null,
  };
}

/** Total length of the undirected edges, metres. */
export function totalLengthM(net: RoadNetwork): number {
  let s = 0;
  for (let k = 0; k < net.edgeCount; k++) s += net.edgeLength[k];
  return s;
}
