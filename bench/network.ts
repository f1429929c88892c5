/**
 * Bench: the Porto Alegre walking network (../shared/data/porto-alegre/poa_osm.pbf) and its H3 grid
 * (poa_hexgrid.csv): import time, graph size, network.bin load time, and the all-cells x all-cells
 * walking-distance matrix within 1,350 m (15 min at 1.5 m/s) with 1 and 2 threads — against the same
 * matrix computed pair by pair with ngraph.path (A* with a haversine heuristic, and NBA*) as the
 * peer, in the same run. The peer answers every pair whose straight-line distance is within the
 * cutoff (walking distances are never shorter); it is timed on a fixed seeded sample of those pairs
 * and extrapolated to all of them, and its answers are checked against the matrix.
 *
 *   npx tsx bench/network.ts [--sample N]
 *
 * Prints a markdown table and writes bench/results/network.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import createGraph from 'ngraph.graph';
import ngraphPath from 'ngraph.path';
import KDBush from 'kdbush';
import seedrandom from 'seedrandom';
import { readNetworkFile, writeNetworkFile } from '../src/network/binary.ts';
import { createPool, runTask } from '../src/parallel/pool.ts';
import { networkDistanceMatrix } from '../src/network/distanceMatrix.ts';
import { haversineM, localProjection, projectX, projectY } from '../src/network/geo.ts';
import type { RoadNetwork } from '../src/network/network.ts';
import { SnapIndex, type SnapResult } from '../src/network/snap.ts';
import { importOsm } from '../src/osm/importScenario.ts';
import { readOsm } from '../src/osm/read.ts';
import { buildWalkGraph } from '../src/osm/walkGraph.ts';
import { readCsv } from '../src/io/csv.ts';
import { matrixGet } from '../src/travel/matrix.ts';

const PBF = '../shared/data/porto-alegre/poa_osm.pbf';
const GRID = '../shared/data/porto-alegre/poa_hexgrid.csv';
const CUTOFF_M = 1350;
const arg = process.argv.indexOf('--sample');
const SAMPLE = arg > 0 ? Number(process.argv[arg + 1]) : 1500;

for (const f of [PBF, GRID]) {
  if (!fs.existsSync(f)) {
    console.error(`bench/network.ts needs ${f} (the real data in ../shared/data); not found`);
    process.exit(2);
  }
}

const peakMiB = (): number => process.resourceUsage().maxRSS / 1024;
const ms = (t0: number) => performance.now() - t0;

/** Median of n timed runs, ms. */
async function median(n: number, f: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await f();
    times.push(ms(t0));
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)];
}

// ---- import
const tRead = await median(3, () => readOsm(PBF));
const extract = await readOsm(PBF);
const tGraph = await median(3, () => buildWalkGraph(extract));
const { network: net, report } = buildWalkGraph(extract);
const tImport = await median(3, () => importOsm(PBF, 'network.bin', { populationCsv: GRID }));
const binFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qh-bench-')), 'network.bin');
writeNetworkFile(binFile, net);
const binBytes = fs.statSync(binFile).size;
const tLoad = await median(5, () => readNetworkFile(binFile));

// ---- all hex cells (rows with coordinates; blank-valued rows kept: their lon/lat are fine)
const grid = await readCsv(GRID);
const lon = grid.rows.map((r) => Number(r.values.lon));
const lat = grid.rows.map((r) => Number(r.values.lat));
const index = new SnapIndex(net);
let t0 = performance.now();
const cells = index.snapAll(lon, lat, 300);
const tSnap = ms(t0);

const m1 = await networkDistanceMatrix(net, cells, cells, CUTOFF_M, { threads: 1 });
const tM1 = await median(3, () => networkDistanceMatrix(net, cells, cells, CUTOFF_M, { threads: 1 }));
t0 = performance.now();
const m2 = await networkDistanceMatrix(net, cells, cells, CUTOFF_M, { threads: 2 });
const tM2 = ms(t0);
// 2 threads: this one and one worker (the matrix claims its shards beside threads - 1 workers)
const pool = createPool(1);
await runTask(pool, { kind: 'ping' }); // the worker started (tsx loaded)
for (let k = 0; k < 3; k++) await networkDistanceMatrix(net, cells, cells, CUTOFF_M, { threads: 2, pool }); // warm-up: the worker's code optimised
const m2w = await networkDistanceMatrix(net, cells, cells, CUTOFF_M, { threads: 2, pool });
const tM2w = await median(5, () => networkDistanceMatrix(net, cells, cells, CUTOFF_M, { threads: 2, pool }));
await pool.destroy();
const identical = Buffer.from(m1.metres.buffer).equals(Buffer.from(m2w.metres.buffer)) && Buffer.from(m1.metres.buffer).equals(Buffer.from(m2.metres.buffer)) && Buffer.from(m1.index.buffer).equals(Buffer.from(m2.index.buffer));

// ---- peer: ngraph.path pair by pair
function peerGraph(net: RoadNetwork, pts: SnapResult) {
  const g = createGraph<{ lon: number; lat: number }, { length: number }>();
  for (let u = 0; u < net.nodeCount; u++) g.addNode(u, { lon: net.lon[u], lat: net.lat[u] });
  const best = new Map<string, number>();
  const link = (a: number | string, b: number | string, len: number) => {
    const key = `${a}|${b}`;
    const prev = best.get(key);
    if (prev === undefined || len < prev) best.set(key, len);
  };
  for (let e = 0; e < net.edgeCount; e++) {
    const a = Math.min(net.edgeFrom[e], net.edgeTo[e]);
    const b = Math.max(net.edgeFrom[e], net.edgeTo[e]);
    if (a !== b) link(a, b, net.edgeLength[e]);
  }
  // Each point is a node tied to both ends of its edge; points on one edge are tied directly.
  const onEdge = new Map<number, number[]>();
  for (let i = 0; i < pts.count; i++) {
    const e = pts.edge[i];
    if (e < 0) continue;
    g.addNode(`p${i}`, { lon: pts.lon[i], lat: pts.lat[i] });
    link(`p${i}`, net.edgeFrom[e], pts.accessM[i] + pts.offsetM[i]);
    link(`p${i}`, net.edgeTo[e], pts.accessM[i] + net.edgeLength[e] - pts.offsetM[i]);
    (onEdge.get(e) ?? onEdge.set(e, []).get(e)!).push(i);
  }
  for (const list of onEdge.values()) {
    for (const i of list) for (const j of list) if (i < j) link(`p${i}`, `p${j}`, pts.accessM[i] + Math.abs(pts.offsetM[i] - pts.offsetM[j]) + pts.accessM[j]);
  }
  for (const [key, len] of best) {
    const [a, b] = key.split('|').map((s) => (s.startsWith('p') ? s : Number(s)));
    g.addLink(a, b, { length: len });
  }
  return g;
}

t0 = performance.now();
const g = peerGraph(net, cells);
const tPeerBuild = ms(t0);
const lengthOf = (from: { id: string | number }, to: { id: string | number }): number => (g.getLink(from.id, to.id) ?? g.getLink(to.id, from.id))!.data.length;
const distance = (a: { id: string | number }, b: { id: string | number }, l: { data: { length: number } }) => l.data.length;
const heuristic = (a: { data: { lon: number; lat: number } }, b: { data: { lon: number; lat: number } }) => haversineM(a.data.lon, a.data.lat, b.data.lon, b.data.lat) * 0.999;
const finders = {
  'ngraph.path aStar': ngraphPath.aStar(g, { distance, heuristic, oriented: false }),
  'ngraph.path nba': ngraphPath.nba(g, { distance, heuristic, oriented: false }),
};

// Pairs the peer must answer: straight-line distance within the cutoff, both points on the network.
const proj = localProjection(lon[0], lat[0]);
const kd = new KDBush(lon.length);
for (let i = 0; i < lon.length; i++) kd.add(projectX(proj, lon[i]), projectY(proj, lat[i]));
kd.finish();
const pairs: [number, number][] = [];
for (let i = 0; i < lon.length; i++) {
  if (cells.edge[i] < 0) continue;
  for (const j of kd.within(projectX(proj, lon[i]), projectY(proj, lat[i]), CUTOFF_M * 1.01)) if (cells.edge[j] >= 0 && haversineM(lon[i], lat[i], lon[j], lat[j]) <= CUTOFF_M) pairs.push([i, j]);
}
const rng = seedrandom('bench-network');
const sample = Array.from({ length: Math.min(SAMPLE, pairs.length) }, () => pairs[Math.floor(rng() * pairs.length)]);

const peers: { name: string; perPairMs: number; allPairsS: number; maxDiffM: number }[] = [];
for (const [name, finder] of Object.entries(finders)) {
  let maxDiff = 0;
  t0 = performance.now();
  const found: number[] = [];
  for (const [i, j] of sample) {
    if (i === j) {
      found.push(0);
      continue;
    }
    const p = finder.find(`p${i}`, `p${j}`);
    let d = p.length === 0 ? Infinity : 0;
    for (let k = 1; k < p.length; k++) d += lengthOf(p[k - 1], p[k]);
    found.push(d);
  }
  const tPeer = ms(t0);
  sample.forEach(([i, j], k) => {
    const ours = i === j ? 0 : matrixGet(m1, i, j);
    const theirs = found[k] <= CUTOFF_M ? found[k] : Infinity;
    const diff = ours === theirs ? 0 : Math.abs(ours - theirs);
    if (i !== j && diff > maxDiff) maxDiff = diff;
  });
  peers.push({ name, perPairMs: tPeer / sample.length, allPairsS: ((tPeer / sample.length) * pairs.length) / 1000, maxDiffM: maxDiff });
}

// ---- report
const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const rows: [string, string][] = [
  ['extract', `${PBF}: ${fmt(extract.counts.nodes)} OSM nodes, ${fmt(extract.counts.ways)} ways`],
  ['read .osm.pbf (median of 3)', `${fmt(tRead)} ms`],
  ['build walking graph (median of 3)', `${fmt(tGraph)} ms`],
  ['full import with population grid, no writing (median of 3)', `${fmt(tImport)} ms`],
  ['graph', `${fmt(report.nodes)} nodes, ${fmt(report.edges)} edges, ${fmt(report.lengthM / 1000, 1)} km walkable`],
  ['network.bin size / load (median of 5)', `${fmt(binBytes / 1024 / 1024, 2)} MiB / ${fmt(tLoad, 2)} ms`],
  ['hex cells snapped (300 m limit)', `${fmt(cells.count - cells.far.length)} of ${fmt(cells.count)} in ${fmt(tSnap, 1)} ms`],
  [`matrix cells x cells within ${fmt(CUTOFF_M)} m, 1 thread (median of 3)`, `${fmt(tM1)} ms, ${fmt(m1.index.length)} pairs`],
  [`matrix, 2 threads, fresh pool (thread start included: this thread computes the rows while the worker starts)`, `${fmt(tM2)} ms`],
  [`matrix, 2 threads (this one and a started worker, after 3 warm-up runs; median of 5)`, `${fmt(tM2w)} ms, identical to 1 thread: ${identical ? 'yes' : 'NO'}`],
  ['edges relaxed / s (1 thread)', `${fmt(m1.stats.relaxed / (tM1 / 1000) / 1e6, 1)} M (${fmt(m1.stats.relaxed)} relaxations)`],
  ['peer graph build (ngraph.graph, points as nodes)', `${fmt(tPeerBuild)} ms`],
  ['pairs within the straight-line cutoff (the peer\'s work)', `${fmt(pairs.length)}; timed on a seeded sample of ${fmt(sample.length)} and extrapolated`],
];
for (const p of peers) {
  rows.push([`${p.name}: per pair / all pairs (extrapolated)`, `${fmt(p.perPairMs, 3)} ms / ${fmt(p.allPairsS, 1)} s; max difference from the matrix ${fmt(p.maxDiffM, 6)} m`]);
  rows.push([`ratio ${p.name} / our matrix (1 thread)`, `${fmt((p.allPairsS * 1000) / tM1, 0)}x`]);
}
rows.push(['peak memory (maxRSS)', `${fmt(peakMiB())} MiB`]);
const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${fmt(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}`;
const md = [`# bench/network.ts — Porto Alegre walking network`, '', `Machine: ${machine}. Run: ${new Date().toISOString().slice(0, 10)}, load average at the end ${fmt(os.loadavg()[0], 1)} (other processes slow every row alike; the ratios come from one run).`, '', '| measure | value |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`), ''].join('\n');
process.stdout.write(`${md}\n`);
const outDir = fileURLToPath(new URL('./results/', import.meta.url));
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'network.md'), md);
