import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { haversineM } from '../../src/network/geo.ts';
import { networkFromEdges } from '../../src/network/network.ts';
import { douglasPeucker, scenarioStreetLines, streetLines, type StreetLines } from '../../src/network/streetLines.ts';
import { importOsm, importOsmToFolder } from '../../src/osm/importScenario.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { haveData, MONACO_PBF } from '../fixtures/network/sharedData.ts';

function drawnLengthM(s: StreetLines): number {
  let m = 0;
  for (let i = 0; i < s.count; i++) for (let k = s.offsets[i] + 1; k < s.offsets[i + 1]; k++) m += haversineM(s.lon[k - 1], s.lat[k - 1], s.lon[k], s.lat[k]);
  return m;
}

describe('street lines for the map', () => {
  it('chains edges through nodes of degree 2 and keeps junctions', () => {
    // A path 0-1-2 (node 1 of degree 2) and a branch 1-3? no: a T at node 2: 2-3 and 2-4.
    const lon = Float64Array.from([0, 0.001, 0.002, 0.003, 0.002]);
    const lat = Float64Array.from([0, 0, 0, 0, 0.001]);
    const edgeFrom = Int32Array.from([0, 1, 2, 2]);
    const edgeTo = Int32Array.from([1, 2, 3, 4]);
    const net = networkFromEdges({
      lon, lat, edgeFrom, edgeTo,
      edgeLength: Float64Array.from([80, 80, 80, 111]),
      shapeOffsets: Int32Array.from([0, 2, 4, 6, 8]),
      shapeLon: Float64Array.from([0, 0.001, 0.001, 0.002, 0.002, 0.003, 0.002, 0.002]),
      shapeLat: Float64Array.from([0, 0, 0, 0, 0, 0, 0, 0.001]),
    });
    const s = streetLines(net);
    expect(s.count).toBe(3);
    // the first line runs 0 -> 2 through node 1, simplified to its two ends (a straight line)
    expect(Array.from(s.lon.subarray(s.offsets[0], s.offsets[1]))).toEqual([0, 0.002]);
    expect(s.lengthM).toBe(351);
  });

  it('keeps the points of a bend that Douglas–Peucker must keep', () => {
    const keep = douglasPeucker([0, 0.0005, 0.001], [0, 0.0001, 0], 4, 80000, 111000);
    expect(Array.from(keep)).toEqual([1, 1, 1]);
    expect(Array.from(douglasPeucker([0, 0.0005, 0.001], [0, 0.00001, 0], 4, 80000, 111000))).toEqual([1, 0, 1]);
  });

  it('gives null for a euclidean scenario', () => {
    expect(scenarioStreetLines({ network: { kind: 'euclidean' } })).toBeNull();
  });
});

describe.skipIf(!haveData(MONACO_PBF))(`street lines of Monaco (${MONACO_PBF})`, () => {
  it('draws the whole network in fewer points, deterministically', async () => {
    const { network } = await importOsm(MONACO_PBF, 'network.bin');
    const s = streetLines(network);
    const again = streetLines(network);
    expect(Array.from(again.lon)).toEqual(Array.from(s.lon));
    expect(s.count).toBeLessThan(network.edgeCount);
    expect(s.lon.length).toBeLessThan(network.shapeLon.length * 0.7);
    const drawn = drawnLengthM(s);
    expect(drawn).toBeGreaterThan(s.lengthM * 0.97);
    expect(drawn).toBeLessThanOrEqual(s.lengthM * 1.0001);
  });

  it('reads the lines of an imported scenario from its network.bin', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qh-streets-')), 'monaco');
    const { network } = await importOsmToFolder(MONACO_PBF, dir);
    const s = scenarioStreetLines(await loadScenario(dir));
    expect(s).not.toBeNull();
    expect(s!.lengthM).toBeCloseTo(streetLines(network).lengthM, 6);
  });
});
