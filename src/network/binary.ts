/**
 * network.bin: one file holding a RoadNetwork, laid out so that it loads with a single read and no
 * parsing — every array is a view on one buffer, which can be a SharedArrayBuffer handed to workers.
 *
 * Layout (little-endian): a 64-byte header — magic "QHNETWRK", uint32 version, uint32 nodeCount,
 * uint32 edgeCount, uint32 shapePointCount, then zeros — followed by the arrays, each starting on an
 * 8-byte boundary, in this order: lon f64[n], lat f64[n], offsets i32[n+1], targets i32[2m],
 * lengths f64[2m], arcEdge i32[2m], edgeFrom i32[m], edgeTo i32[m], edgeLength f64[m],
 * shapeOffsets i32[m+1], shapeLon f64[s], shapeLat f64[s].
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { InputError } from '../core/errors.ts';
import type { RoadNetwork } from './network.ts';

export const NETWORK_MAGIC = 'QHNETWRK';
export const NETWORK_VERSION = 1;
const HEADER_BYTES = 64;

type ArrayKind = 'f64' | 'i32';
interface Section {
  name: keyof RoadNetwork;
  kind: ArrayKind;
  count: (n: number, m: number, s: number) => number;
}

const SECTIONS: Section[] = [
  { name: 'lon', kind: 'f64', count: (n) => n },
  { name: 'lat', kind: 'f64', count: (n) => n },
  { name: 'offsets', kind: 'i32', count: (n) => n + 1 },
  { name: 'targets', kind: 'i32', count: (_n, m) => 2 * m },
  { name: 'lengths', kind: 'f64', count: (_n, m) => 2 * m },
  { name: 'arcEdge', kind: 'i32', count: (_n, m) => 2 * m },
  { name: 'edgeFrom', kind: 'i32', count: (_n, m) => m },
  { name: 'edgeTo', kind: 'i32', count: (_n, m) => m },
  { name: 'edgeLength', kind: 'f64', count: (_n, m) => m },
  { name: 'shapeOffsets', kind: 'i32', count: (_n, m) => m + 1 },
  { name: 'shapeLon', kind: 'f64', count: (_n, _m, s) => s },
  { name: 'shapeLat', kind: 'f64', count: (_n, _m, s) => s },
];

const align8 = (x: number): number => (x + 7) & ~7;
const bytesOf = (kind: ArrayKind): number => (kind === 'f64' ? 8 : 4);

function assertLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('network.bin needs a little-endian machine');
}

function layout(n: number, m: number, s: number): { starts: number[]; total: number } {
  const starts: number[] = [];
  let pos = HEADER_BYTES;
  for (const sec of SECTIONS) {
    starts.push(pos);
    pos = align8(pos + sec.count(n, m, s) * bytesOf(sec.kind));
  }
  return { starts, total: pos };
}

/** Serialise into one buffer (a SharedArrayBuffer when shared is true). */
export function encodeNetwork(net: RoadNetwork, shared = false): ArrayBuffer | SharedArrayBuffer {
  assertLittleEndian();
  const n = net.nodeCount;
  const m = net.edgeCount;
  const s = net.shapeLon.length;
  const { starts, total } = layout(n, m, s);
  const buf = shared ? new SharedArrayBuffer(total) : new ArrayBuffer(total);
  const bytes = new Uint8Array(buf);
  for (let i = 0; i < NETWORK_MAGIC.length; i++) bytes[i] = NETWORK_MAGIC.charCodeAt(i);
  const dv = new DataView(buf);
  dv.setUint32(8, NETWORK_VERSION, true);
  dv.setUint32(12, n, true);
  dv.setUint32(16, m, true);
  dv.setUint32(20, s, true);
  SECTIONS.forEach((sec, i) => {
    const src = net[sec.name] as Float64Array | Int32Array;
    const len = sec.count(n, m, s);
    if (src.length !== len) throw new Error(`network array ${sec.name} has ${src.length} entries, expected ${len}`);
    const dst = sec.kind === 'f64' ? new Float64Array(buf, starts[i], len) : new Int32Array(buf, starts[i], len);
    dst.set(src);
  });
  return buf;
}

/**
 * Views over a network.bin buffer (no copy). Checks the magic, version, size and CSR consistency, so
 * that a corrupt or foreign file is an InputError naming `file`, never an out-of-range read later.
 */
export function decodeNetwork(buf: ArrayBuffer | SharedArrayBuffer, file = 'network.bin'): RoadNetwork {
  assertLittleEndian();
  if (buf.byteLength < HEADER_BYTES) throw new InputError(file, `is ${buf.byteLength} bytes, too short for a network.bin header (${HEADER_BYTES} bytes)`);
  const bytes = new Uint8Array(buf, 0, 8);
  const magic = String.fromCharCode(...bytes);
  if (magic !== NETWORK_MAGIC) throw new InputError(file, `is not a quarterhour network file (magic '${magic.replace(/[^\x20-\x7e]/g, '?')}', expected '${NETWORK_MAGIC}')`, 'header', 'magic');
  const dv = new DataView(buf);
  const version = dv.getUint32(8, true);
  if (version !== NETWORK_VERSION) throw new InputError(file, `has format version ${version}, expected ${NETWORK_VERSION} (re-run import-osm to rebuild it)`, 'header', 'version');
  const n = dv.getUint32(12, true);
  const m = dv.getUint32(16, true);
  const s = dv.getUint32(20, true);
  const { starts, total } = layout(n, m, s);
  if (total !== buf.byteLength) throw new InputError(file, `is ${buf.byteLength} bytes but its header (${n} nodes, ${m} edges, ${s} shape points) needs ${total}: truncated or corrupt`, 'header');
  const net: Record<string, unknown> = { nodeCount: n, edgeCount: m, buffer: buf };
  SECTIONS.forEach((sec, i) => {
    const len = sec.count(n, m, s);
    net[sec.name] = sec.kind === 'f64' ? new Float64Array(buf, starts[i], len) : new Int32Array(buf, starts[i], len);
  });
  const out = net as unknown as RoadNetwork;
  checkConsistency(out, file);
  return out;
}

function checkConsistency(net: RoadNetwork, file: string): void {
  const { nodeCount: n, edgeCount: m, offsets, targets, arcEdge, edgeFrom, edgeTo, shapeOffsets } = net;
  const bad = (what: string): never => {
    throw new InputError(file, `is corrupt: ${what}`);
  };
  if (offsets[0] !== 0 || offsets[n] !== 2 * m) bad('arc offsets do not span the arcs');
  for (let u = 0; u < n; u++) if (offsets[u + 1] < offsets[u]) bad(`arc offsets decrease at node ${u}`);
  for (let a = 0; a < 2 * m; a++) {
    if (targets[a] < 0 || targets[a] >= n) bad(`arc ${a} points to node ${targets[a]} of ${n}`);
    if (arcEdge[a] < 0 || arcEdge[a] >= m) bad(`arc ${a} belongs to edge ${arcEdge[a]} of ${m}`);
  }
  for (let e = 0; e < m; e++) {
    if (edgeFrom[e] < 0 || edgeFrom[e] >= n || edgeTo[e] < 0 || edgeTo[e] >= n) bad(`edge ${e} has an end outside the nodes`);
    if (shapeOffsets[e + 1] < shapeOffsets[e] + 2) bad(`edge ${e} has fewer than 2 shape points`);
  }
  if (shapeOffsets[0] !== 0 || shapeOffsets[m] !== net.shapeLon.length) bad('shape offsets do not span the shape points');
}

/** Write network.bin atomically (temporary file, then rename). */
export function writeNetworkFile(path: string, net: RoadNetwork): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, new Uint8Array(encodeNetwork(net)));
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Read network.bin into one SharedArrayBuffer (one read, one copy) and view it. */
export function readNetworkFile(path: string): RoadNetwork {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(path, code === 'ENOENT' ? 'network file not found (run import-osm to create it)' : `cannot be read: ${(e as Error).message}`);
  }
  const sab = new SharedArrayBuffer(data.byteLength);
  new Uint8Array(sab).set(data);
  return decodeNetwork(sab, path);
}

/** The network backed by one SharedArrayBuffer (reused when it already is), for handing to workers. */
export function shareNetwork(net: RoadNetwork): RoadNetwork & { buffer: SharedArrayBuffer } {
  if (net.buffer instanceof SharedArrayBuffer) return net as RoadNetwork & { buffer: SharedArrayBuffer };
  return decodeNetwork(encodeNetwork(net, true)) as RoadNetwork & { buffer: SharedArrayBuffer };
}
