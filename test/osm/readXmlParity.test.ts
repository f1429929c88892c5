import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readOsm } from '../../src/osm/read.ts';
import { buildWalkGraph } from '../../src/osm/walkGraph.ts';
import { homesFromBuildings } from '../../src/osm/blocks.ts';
import { haveData, MONACO_PBF } from '../fixtures/network/sharedData.ts';

function haveOsmium(): boolean {
  try {
    execFileSync('osmium', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    console.warn('skipping the PBF/XML parity test: osmium (Debian package osmium-tool) is not installed');
    return false;
  }
}

describe.skipIf(!haveData(MONACO_PBF) || !haveOsmium())(`reading Monaco as PBF and as XML (${MONACO_PBF}, converted by osmium)`, () => {
  it('gives the same walking graph, area relations and homes from both readers', async () => {
    const xml = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qh-osm-')), 'monaco.osm');
    execFileSync('osmium', ['cat', MONACO_PBF, '-o', xml, '-f', 'osm']);
    const fromPbf = await readOsm(MONACO_PBF);
    const fromXml = await readOsm(xml);
    expect(fromXml.format).toBe('xml');
    expect(fromXml.counts).toEqual(fromPbf.counts);
    expect(fromXml.taggedNodes.length).toBe(fromPbf.taggedNodes.length);
    expect(fromXml.relations).toEqual(fromPbf.relations);
    expect(fromXml.untaggedWayRefs.size).toBe(fromPbf.untaggedWayRefs.size);
    expect(homesFromBuildings(fromXml).report).toEqual(homesFromBuildings(fromPbf).report);
    const a = buildWalkGraph(fromPbf);
    const b = buildWalkGraph(fromXml);
    expect(b.report).toEqual(a.report);
    expect(Array.from(b.network.targets)).toEqual(Array.from(a.network.targets));
    for (let u = 0; u < a.network.nodeCount; u += 97) {
      expect(b.network.lon[u]).toBeCloseTo(a.network.lon[u], 7);
      expect(b.network.lat[u]).toBeCloseTo(a.network.lat[u], 7);
    }
  });
});
