/**
 * Exact transportation solves for a fixed set of open sites, on flat arrays: a max flow (Dinic) for
 * "how much demand can the open sites serve within their capacities", and a min-cost flow
 * (successive shortest paths, Bellman-Ford queue) for "serve all demand at least total cost".
 * Demand is split freely (the LP relaxation of the assignment is integral for a transportation
 * problem, so these are the exact split-demand optima). Flow is measured in demand weight.
 */

export interface FlowArcs {
  /** Clients 0..n-1, sites 0..m-1. */
  n: number;
  m: number;
  /** Client supply (weight) and site capacity. */
  supply: Float64Array;
  capacity: Float64Array;
  /** Arcs client -> site: CSR by client (start[n+1]), target site and unit cost. */
  start: Int32Array;
  site: Int32Array;
  cost?: Float64Array;
  /** Only sites with open[j] = 1 may receive flow. */
  open: Uint8Array;
}

export interface FlowResult {
  /** Total flow sent. */
  flow: number;
  /** Flow on each client -> site arc (parallel to `site`). */
  arcFlow: Float64Array;
  /** Total cost of the flow (min-cost flow only; 0 for max flow). */
  cost: number;
}

class Graph {
  head: Int32Array;
  to: number[] = [];
  next: number[] = [];
  cap: number[] = [];
  cost: number[] = [];
  constructor(readonly nodes: number) {
    this.head = new Int32Array(nodes).fill(-1);
  }
  add(a: number, b: number, c: number, w = 0): number {
    const e = this.to.length;
    this.to.push(b, a);
    this.cap.push(c, 0);
    this.cost.push(w, -w);
    this.next.push(this.head[a], this.head[b]);
    this.head[a] = e;
    this.head[b] = e + 1;
    return e;
  }
}

function build(f: FlowArcs, withCost: boolean): { g: Graph; arcEdge: Int32Array; s: number; t: number } {
  const s = f.n + f.m;
  const t = s + 1;
  const g = new Graph(t + 1);
  const arcEdge = new Int32Array(f.site.length).fill(-1);
  for (let i = 0; i < f.n; i++) if (f.supply[i] > 0) g.add(s, i, f.supply[i]);
  for (let i = 0; i < f.n; i++) {
    if (!(f.supply[i] > 0)) continue;
    for (let e = f.start[i]; e < f.start[i + 1]; e++) {
      const j = f.site[e];
      if (f.open[j]) arcEdge[e] = g.add(i, f.n + j, f.supply[i], withCost ? f.cost![e] : 0);
    }
  }
  for (let j = 0; j < f.m; j++) if (f.open[j] && f.capacity[j] > 0) g.add(f.n + j, t, f.capacity[j]);
  return { g, arcEdge, s, t };
}

function scaleOf(f: FlowArcs): number {
  let tot = 0;
  for (let i = 0; i < f.n; i++) tot += f.supply[i];
  return Math.max(1, tot);
}

/** Maximum flow from clients to open sites (Dinic). */
export function maxFlow(f: FlowArcs): FlowResult {
  const { g, arcEdge, s, t } = build(f, false);
  const eps = 1e-12 * scaleOf(f);
  const level = new Int32Array(g.nodes);
  const it = new Int32Array(g.nodes);
  const queue = new Int32Array(g.nodes);
  let flow = 0;
  const bfs = (): boolean => {
    level.fill(-1);
    level[s] = 0;
    let qh = 0;
    let qt = 0;
    queue[qt++] = s;
    while (qh < qt) {
      const v = queue[qh++];
      for (let e = g.head[v]; e >= 0; e = g.next[e]) if (g.cap[e] > eps && level[g.to[e]] < 0) {
        level[g.to[e]] = level[v] + 1;
        queue[qt++] = g.to[e];
      }
    }
    return level[t] >= 0;
  };
  const dfs = (v: number, pushed: number): number => {
    if (v === t) return pushed;
    for (; it[v] >= 0; it[v] = g.next[it[v]]) {
      const e = it[v];
      const w = g.to[e];
      if (g.cap[e] > eps && level[w] === level[v] + 1) {
        const d = dfs(w, Math.min(pushed, g.cap[e]));
        if (d > eps) {
          g.cap[e] -= d;
          g.cap[e ^ 1] += d;
          return d;
        }
      }
    }
    return 0;
  };
  while (bfs()) {
    for (let v = 0; v < g.nodes; v++) it[v] = g.head[v];
    for (;;) {
      const d = dfs(s, Infinity);
      if (d <= eps) break;
      flow += d;
    }
  }
  const arcFlow = new Float64Array(f.site.length);
  for (let e = 0; e < arcEdge.length; e++) if (arcEdge[e] >= 0) arcFlow[e] = g.cap[arcEdge[e] ^ 1];
  return { flow, arcFlow, cost: 0 };
}

/**
 * Min-cost flow sending as much as possible (up to all supply) at least cost: successive shortest
 * augmenting paths. `flow` below the total supply means not all demand can be served. With
 * `profitOnly` (arc costs <= 0, i.e. minus a profit per unit), it stops when no augmenting path has a
 * negative cost: the flow of maximum total profit, whatever its amount.
 */
export function minCostFlow(f: FlowArcs, profitOnly = false): FlowResult {
  const { g, arcEdge, s, t } = build(f, true);
  const eps = 1e-12 * scaleOf(f);
  const dist = new Float64Array(g.nodes);
  const inQ = new Uint8Array(g.nodes);
  const prevE = new Int32Array(g.nodes);
  let flow = 0;
  let cost = 0;
  for (;;) {
    dist.fill(Infinity);
    prevE.fill(-1);
    dist[s] = 0;
    const q: number[] = [s];
    inQ[s] = 1;
    for (let qh = 0; qh < q.length; qh++) {
      const v = q[qh];
      inQ[v] = 0;
      for (let e = g.head[v]; e >= 0; e = g.next[e]) {
        if (g.cap[e] <= eps) continue;
        const w = g.to[e];
        const nd = dist[v] + g.cost[e];
        if (nd < dist[w] - 1e-12 * Math.max(1, Math.abs(nd))) {
          dist[w] = nd;
          prevE[w] = e;
          if (!inQ[w]) {
            inQ[w] = 1;
            q.push(w);
          }
        }
      }
    }
    if (!Number.isFinite(dist[t])) break;
    if (profitOnly && dist[t] >= -1e-12) break;
    let d = Infinity;
    for (let v = t; v !== s; v = g.to[prevE[v] ^ 1]) d = Math.min(d, g.cap[prevE[v]]);
    if (d <= eps) break;
    for (let v = t; v !== s; v = g.to[prevE[v] ^ 1]) {
      g.cap[prevE[v]] -= d;
      g.cap[prevE[v] ^ 1] += d;
    }
    flow += d;
    cost += d * dist[t];
  }
  const arcFlow = new Float64Array(f.site.length);
  cost = 0;
  for (let e = 0; e < arcEdge.length; e++) if (arcEdge[e] >= 0) {
    arcFlow[e] = g.cap[arcEdge[e] ^ 1];
    cost += arcFlow[e] * f.cost![e];
  }
  return { flow, arcFlow, cost };
}
