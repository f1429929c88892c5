/**
 * Bounded multi-source Dijkstra on a RoadNetwork with an indexed binary heap on typed arrays. The
 * scratch arrays are allocated once per network and reused: after a run only the nodes it touched are
 * reset, so thousands of short searches on a large city cost what they explore, not the city's size.
 */
import type { RoadNetwork } from './network.ts';

export class DijkstraScratch {
  readonly net: RoadNetwork;
  /** Settled or tentative distance of each node in the last run; Infinity when untouched. */
  readonly dist: Float64Array;
  /** Nodes touched by the last run, in order of first touch: touched[0 .. touchedCount). */
  readonly touched: Int32Array;
  touchedCount = 0;
  /** Arcs relaxed over the lifetime of this scratch (for throughput measurement). */
  relaxed = 0;
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private heapSize = 0;

  constructor(net: RoadNetwork) {
    this.net = net;
    const n = net.nodeCount;
    this.dist = new Float64Array(n).fill(Infinity);
    this.touched = new Int32Array(n);
    this.heap = new Int32Array(n);
    this.pos = new Int32Array(n).fill(-1);
  }

  /** Forget the last run (resets only what it touched). */
  reset(): void {
    const { dist, touched, pos } = this;
    for (let i = 0; i < this.touchedCount; i++) {
      const u = touched[i];
      dist[u] = Infinity;
      pos[u] = -1;
    }
    this.touchedCount = 0;
    this.heapSize = 0;
  }

  /**
   * Shortest distances from several sources, each with a starting offset (e.g. the walk from a point
   * to the ends of the edge it snapped to). Nodes farther than cutoffM are never queued: afterwards
   * dist[u] is the exact distance of every node within the cutoff (those listed in `touched`) and
   * Infinity for all others.
   */
  run(sources: ArrayLike<number>, startM: ArrayLike<number>, cutoffM: number): void {
    this.reset();
    for (let i = 0; i < sources.length; i++) {
      const d = startM[i];
      const s = sources[i];
      if (d <= cutoffM && d < this.dist[s]) this.decrease(s, d);
    }
    const { offsets, targets, lengths } = this.net;
    const dist = this.dist;
    let relaxed = 0;
    while (this.heapSize > 0) {
      const u = this.popMin();
      const du = dist[u];
      const end = offsets[u + 1];
      for (let a = offsets[u]; a < end; a++) {
        const v = targets[a];
        const dv = du + lengths[a];
        relaxed++;
        if (dv < dist[v] && dv <= cutoffM) this.decrease(v, dv);
      }
    }
    this.relaxed += relaxed;
  }

  /** Set dist[v] = d (d smaller than the current value), inserting v into the heap if needed. */
  private decrease(v: number, d: number): void {
    const { dist, pos, heap } = this;
    let i = pos[v];
    // pos -2 marks a settled node: with non-negative lengths it never improves, so it is never re-inserted.
    if (i === -2) return;
    if (i === -1) {
      if (dist[v] === Infinity) this.touched[this.touchedCount++] = v;
      i = this.heapSize++;
    }
    dist[v] = d;
    // sift up
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (dist[p] <= d) break;
      heap[i] = p;
      pos[p] = i;
      i = parent;
    }
    heap[i] = v;
    pos[v] = i;
  }

  private popMin(): number {
    const { dist, pos, heap } = this;
    const top = heap[0];
    pos[top] = -2;
    const last = heap[--this.heapSize];
    if (this.heapSize > 0) {
      const d = dist[last];
      let i = 0;
      const size = this.heapSize;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        if (c + 1 < size && dist[heap[c + 1]] < dist[heap[c]]) c++;
        if (dist[heap[c]] >= d) break;
        heap[i] = heap[c];
        pos[heap[i]] = i;
        i = c;
      }
      heap[i] = last;
      pos[last] = i;
    }
    return top;
  }
}
