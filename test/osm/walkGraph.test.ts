import { describe, expect, it } from 'vitest';
import { asciiNetwork, RIVER_CITY } from '../fixtures/network/asciiCity.ts';
import { haveData, MONACO_PBF, POA_PBF } from '../fixtures/network/sharedData.ts';
import { readOsm } from '../../src/osm/read.ts';
import { buildWalkGraph } from '../../src/osm/walkGraph.ts';

describe('the walking graph of the river city', () => {
  it('makes graph nodes only of junctions and way ends, keeping street geometry on the edges', async () => {
    const g = await asciiNetwork(RIVER_CITY);
    // 12 junctions/ends south and north of the river; every street character is an OSM node, yet none becomes a graph node.
    expect(g.network.nodeCount).toBe(12);
    expect(g.network.edgeCount).toBe(14);
    const ab = g.network.arcEdge[g.network.offsets[g.node('A')]];
    expect(g.network.shapeOffsets[ab + 1] - g.network.shapeOffsets[ab]).toBe(11);
    expect(g.network.edgeLength[ab]).toBeCloseTo(100, 2);
  });

  it('leaves out the motorway and keeps the footbridge', async () => {
    const g = await asciiNetwork(RIVER_CITY);
    expect(g.report.excludedHighways).toEqual({ 'motorway-or-trunk': 1 });
    expect(g.report.walkableWays).toBe(12);
    expect(g.report.lengthM).toBeCloseTo(1400, 0);
  });

  it('keeps the largest connected component and reports the island it dropped', async () => {
    const g = await asciiNetwork(RIVER_CITY);
    expect(g.report.components).toBe(2);
    expect(g.report.droppedNodes).toBe(2);
    expect(g.report.droppedEdges).toBe(1);
    expect(g.report.droppedLengthM).toBeCloseTo(50, 1);
    expect(() => g.node('F')).toThrow();
  });

  it('splits ways at nodes missing from the extract and counts them, without crashing', async () => {
    // A street from B going east through two nodes the extract lacks, then on to two nodes it has.
    const extra = `<node id="900001" lat="43.7301" lon="7.4231"/><node id="900002" lat="43.7302" lon="7.4232"/>
      <way id="99"><nd ref="21"/><nd ref="800001"/><nd ref="800002"/><nd ref="900001"/><nd ref="900002"/><tag k="highway" v="footway"/></way>`;
    const g = await asciiNetwork(RIVER_CITY, { extra });
    expect(g.report.waysWithMissingNodes).toBe(1);
    expect(g.report.missingNodeRefs).toBe(2);
    // [B] alone is nothing to walk; [900001, 900002] is a separate piece, then a dropped component.
    expect(g.report.droppedPieces).toBe(1);
    expect(g.report.components).toBe(3);
    expect(g.network.nodeCount).toBe(12);
  });
});

describe.skipIf(!haveData(MONACO_PBF, POA_PBF))(`the walking graphs of real extracts (${MONACO_PBF}, ${POA_PBF})`, () => {
  it('builds Monaco with about 110 km of walkable streets in one component', async () => {
    const g = buildWalkGraph(await readOsm(MONACO_PBF));
    expect(g.report.walkableWays).toBeGreaterThan(2000);
    expect(g.report.lengthM / 1000).toBeGreaterThan(90);
    expect(g.report.lengthM / 1000).toBeLessThan(130);
    expect(g.network.nodeCount).toBeGreaterThan(2000);
    expect(g.report.droppedNodes).toBeLessThan(g.network.nodeCount / 10);
  });

  it('builds Porto Alegre with well over a thousand km of walkable streets', async () => {
    const g = buildWalkGraph(await readOsm(POA_PBF));
    expect(g.report.lengthM / 1000).toBeGreaterThan(1500);
    expect(g.report.lengthM / 1000).toBeLessThan(2200);
    expect(g.network.nodeCount).toBeGreaterThan(15000);
  });
});
