import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { InputError } from '../../src/core/errors.ts';
import { decodeNetwork, encodeNetwork, NETWORK_VERSION, readNetworkFile, shareNetwork, writeNetworkFile } from '../../src/network/binary.ts';
import type { RoadNetwork } from '../../src/network/network.ts';
import { asciiNetwork, RIVER_CITY, tempFile } from '../fixtures/network/asciiCity.ts';

const ARRAYS = ['lon', 'lat', 'offsets', 'targets', 'lengths', 'arcEdge', 'edgeFrom', 'edgeTo', 'edgeLength', 'shapeOffsets', 'shapeLon', 'shapeLat'] as const;

function expectSame(a: RoadNetwork, b: RoadNetwork): void {
  expect(b.nodeCount).toBe(a.nodeCount);
  expect(b.edgeCount).toBe(a.edgeCount);
  for (const k of ARRAYS) expect(Array.from(b[k]), k).toEqual(Array.from(a[k]));
}

describe('network.bin', async () => {
  const { network } = await asciiNetwork(RIVER_CITY);

  it('round-trips a network through a file, loading into shared memory', () => {
    const file = tempFile('network.bin', '');
    writeNetworkFile(file, network);
    const back = readNetworkFile(file);
    expectSame(network, back);
    expect(back.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(back.lon.buffer).toBe(back.buffer);
  });

  it('shares a network as one SharedArrayBuffer, reusing it when it already is one', () => {
    const shared = shareNetwork(network);
    expectSame(network, shared);
    expect(shareNetwork(shared)).toBe(shared);
  });

  it('rejects a file of another kind by its magic', () => {
    const bytes = new Uint8Array(encodeNetwork(network));
    bytes.set([0x50, 0x4b, 0x03, 0x04], 0);
    expect(() => decodeNetwork(bytes.buffer, 'x.bin')).toThrow(/x\.bin header field 'magic': is not a quarterhour network file/);
  });

  it('rejects a file written by another format version', () => {
    const buf = encodeNetwork(network);
    new DataView(buf).setUint32(8, NETWORK_VERSION + 1, true);
    expect(() => decodeNetwork(buf, 'old.bin')).toThrow(/old\.bin header field 'version': has format version 2, expected 1/);
  });

  it('rejects a truncated file', () => {
    const buf = encodeNetwork(network);
    expect(() => decodeNetwork(buf.slice(0, buf.byteLength - 8), 'cut.bin')).toThrow(/truncated or corrupt/);
    expect(() => decodeNetwork(new ArrayBuffer(10), 'tiny.bin')).toThrow(InputError);
  });

  it('rejects arcs pointing outside the network', () => {
    const buf = encodeNetwork(network);
    const net = decodeNetwork(buf);
    net.targets[3] = 1_000_000;
    expect(() => decodeNetwork(buf, 'bad.bin')).toThrow(/bad\.bin: is corrupt: arc 3 points to node 1000000/);
  });

  it('names a missing network file', () => {
    expect(() => readNetworkFile('nowhere/network.bin')).toThrow(/nowhere\/network\.bin: network file not found/);
  });

  it('writes atomically, leaving no temporary file behind', () => {
    const file = tempFile('n.bin', '');
    writeNetworkFile(file, network);
    const dir = fs.readdirSync(file.replace(/n\.bin$/, ''));
    expect(dir).toEqual(['n.bin']);
  });
});
