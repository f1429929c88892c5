import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { networkDistanceMatrix, networkDistanceMatrixSync } from '../../src/network/distanceMatrix.ts';
import { createPool, runTask } from '../../src/parallel/pool.ts';
import type { RoadNetwork } from '../../src/network/network.ts';
import type { SnapPoints } from '../../src/network/rows.ts';
import { SnapIndex } from '../../src/network/snap.ts';
import { readOsm } from '../../src/osm/read.ts';
import { buildWalkGraph } from '../../src/osm/walkGraph.ts';
import { matrixGet } from '../../src/travel/matrix.ts';
import { asciiNetwork, COL_M, RIVER_CITY, ROW_M } from '../fixtures/network/asciiCity.ts';
import { haveData, MONACO_PBF } from '../fixtures/network/sharedData.ts';

/** The plainest Dijkstra there is: O(n^2), scanning for the closest unsettled node, from one snapped point to another. */
function referenceDistance(net: RoadNetwork, o: SnapPoints, i: number, t: SnapPoints, j: number): number {
  const n = net.nodeCount;
  const dist = new Array<number>(n).fill(Infinity);
  const done = new Array<boolean>(n).fill(false);
  const e = o.edge[i];
  if (e < 0 || t.edge[j] < 0) return Infinity;
  dist[net.edgeFrom[e]] = Math.min(dist[net.edgeFrom[e]], o.accessM[i] + o.offsetM[i]);
  dist[net.edgeTo[e]] = Math.min(dist[net.edgeTo[e]], o.accessM[i] + net.edgeLength[e] - o.offsetM[i]);
  for (;;) {
    let u = -1;
    for (let k = 0; k < n; k++) if (!done[k] && dist[k] < Infinity && (u < 0 || dist[k] < dist[u])) u = k;
    if (u < 0) break;
    done[u] = true;
    for (let a = net.offsets[u]; a < net.offsets[u + 1]; a++) dist[net.targets[a]] = Math.min(dist[net.targets[a]], dist[u] + net.lengths[a]);
  }
  const f = t.edge[j];
  let best = Math.min(dist[net.edgeFrom[f]] + t.offsetM[j] + t.accessM[j], dist[net.edgeTo[f]] + net.edgeLength[f] - t.offsetM[j] + t.accessM[j]);
  if (f === e) best = Math.min(best, o.accessM[i] + Math.abs(o.offsetM[i] - t.offsetM[j]) + t.accessM[j]);
  return best;
}

describe('the network distance matrix in the river city', async () => {
  const g = await asciiNetwork(RIVER_CITY);
  const index = new SnapIndex(g.network);
  const at = (east: number, south: number) => g.city.lonLat(south / ROW_M, east / COL_M);
  const snap = (pts: [number, number][]) => index.snapAll(pts.map((p) => p[0]), pts.map((p) => p[1]));

  it('adds access walks and the walk along the snapped edges, crossing by the bridge', async () => {
    const origins = snap([at(50, -20)]); // 20 m north of the street A-B, 50 m east of A
    const targets = snap([at(0, 320), at(80, -10), at(200, 300), at(2000, 2000)]); // 20 m south of D; same street; at E; nowhere
    const m = await networkDistanceMatrix(g.network, origins, targets, 1000);
    // to D: 20 + 50 east to the junction, 100 south, 100 over the bridge, 100 south, 100 west, then 20: 490 m
    expect(matrixGet(m, 0, 0)).toBeCloseTo(490, 1);
    // same street: 20 + 30 along it + 10
    expect(matrixGet(m, 0, 1)).toBeCloseTo(60, 1);
    expect(matrixGet(m, 0, 2)).toBeCloseTo(20 + 50 + 400, 1);
    expect(matrixGet(m, 0, 3)).toBe(Infinity);
    expect(Array.from(m.index)).toEqual([0, 1, 2]);
  });

  it('leaves out pairs beyond the cutoff', async () => {
    const origins = snap([at(50, -20)]);
    const targets = snap([at(0, 320), at(80, -10)]);
    const m = await networkDistanceMatrix(g.network, origins, targets, 400);
    expect(Array.from(m.index)).toEqual([1]);
    expect(m.cutoffM).toBe(400);
  });

  it('gives an empty row to an origin that could not be snapped', async () => {
    const origins = snap([at(5000, 5000), at(50, -20)]);
    const m = await networkDistanceMatrix(g.network, origins, snap([at(80, -10)]), 1000);
    expect(Array.from(m.offsets)).toEqual([0, 0, 1]);
  });
});

const HAVE_MONACO = haveData(MONACO_PBF);

describe.skipIf(!HAVE_MONACO)(`the network distance matrix on Monaco (${MONACO_PBF})`, async () => {
  // a skipped suite's body still runs while tests are collected: read the extract only when it is there
  if (!HAVE_MONACO) return;
  const net = buildWalkGraph(await readOsm(MONACO_PBF)).network;
  const index = new SnapIndex(net);
  const rng = seedrandom('monaco-matrix');
  const points = (n: number) => {
    const lon: number[] = [];
    const lat: number[] = [];
    for (let k = 0; k < n; k++) {
      const u = Math.floor(rng() * net.nodeCount);
      lon.push(net.lon[u] + (rng() - 0.5) * 0.002);
      lat.push(net.lat[u] + (rng() - 0.5) * 0.0015);
    }
    return index.snapAll(lon, lat);
  };
  const origins = points(300);
  const targets = points(200);
  const cutoff = 1500;

  it('agrees with a plain per-pair Dijkstra on random pairs', async () => {
    const m = await networkDistanceMatrix(net, origins, targets, cutoff);
    let within = 0;
    for (let k = 0; k < 60; k++) {
      const i = Math.floor(rng() * origins.count);
      const j = Math.floor(rng() * targets.count);
      const ref = referenceDistance(net, origins, i, targets, j);
      const got = matrixGet(m, i, j);
      if (ref <= cutoff) {
        within++;
        expect(got).toBeCloseTo(ref, 6);
      } else expect(got).toBe(Infinity);
    }
    expect(within).toBeGreaterThan(10);
  });

  it('is identical with one thread and with two', async () => {
    const one = networkDistanceMatrixSync(net, origins, targets, cutoff);
    const two = await networkDistanceMatrix(net, origins, targets, cutoff, { threads: 2, shardRows: 37 });
    expect(two.stats.shards).toBe(9);
    expect(Buffer.from(two.offsets.buffer).equals(Buffer.from(one.offsets.buffer))).toBe(true);
    expect(Buffer.from(two.index.buffer).equals(Buffer.from(one.index.buffer))).toBe(true);
    expect(Buffer.from(two.metres.buffer).equals(Buffer.from(one.metres.buffer))).toBe(true);
    expect(two.stats.relaxed).toBe(one.stats.relaxed);
    expect(one.index.length).toBeGreaterThan(1000);
    // three threads: this one and two workers of a pool given (left open), claiming the shards
    const pool = createPool(2);
    try {
      const three = await networkDistanceMatrix(net, origins, targets, cutoff, { threads: 3, shardRows: 11, pool });
      expect(three.stats.shards).toBe(Math.ceil(origins.edge.length / 11));
      expect(Buffer.from(three.index.buffer).equals(Buffer.from(one.index.buffer))).toBe(true);
      expect(Buffer.from(three.metres.buffer).equals(Buffer.from(one.metres.buffer))).toBe(true);
      expect(await runTask(pool, { kind: 'ping' })).toBe('pong'); // still open
    } finally {
      await pool.destroy();
    }
  });
});
