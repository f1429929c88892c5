import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import fs from 'node:fs';
import { InputError } from '../../src/core/errors.ts';
import { readOsm } from '../../src/osm/read.ts';
import { asciiCity, RIVER_CITY, tempFile } from '../fixtures/network/asciiCity.ts';
import { haveData, MONACO_PBF } from '../fixtures/network/sharedData.ts';

function garbage(n: number, seed: string): Uint8Array {
  const rng = seedrandom(seed);
  return Uint8Array.from({ length: n }, () => Math.floor(rng() * 256));
}

describe('reading OSM files', () => {
  it('reads OSM XML nodes, tags and ways', async () => {
    const x = await readOsm(tempFile('city.osm', asciiCity(RIVER_CITY).xml));
    expect(x.format).toBe('xml');
    expect(x.counts.ways).toBe(13);
    expect(x.taggedNodes.map((n) => n.tags.name).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
    const a = x.taggedNodes.find((n) => n.tags.name === 'A')!;
    expect(x.lon[a.index]).toBeCloseTo(7.42, 9);
    expect(x.lat[a.index]).toBeCloseTo(43.73, 9);
  });

  it('names a missing file', async () => {
    await expect(readOsm('no/such/file.osm.pbf')).rejects.toThrow(/no\/such\/file\.osm\.pbf: OSM file not found/);
  });

  it('rejects an empty file', async () => {
    await expect(readOsm(tempFile('empty.osm.pbf', ''))).rejects.toThrow(InputError);
  });

  it('rejects garbage bytes posing as a PBF file with an InputError naming it', async () => {
    const file = tempFile('garbage.osm.pbf', garbage(5000, 'garbage'));
    const err = await readOsm(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain('garbage.osm.pbf');
    expect((err as Error).message).toMatch(/PBF/);
  });

  it('rejects PBF files of other seeded garbage the same way', async () => {
    for (const seed of ['a', 'b', 'c', 'd']) {
      await expect(readOsm(tempFile('junk.osm.pbf', garbage(300, seed)))).rejects.toThrow(InputError);
    }
  });

  it('rejects a PBF file cut short', async () => {
    if (!haveData(MONACO_PBF)) return;
    const bytes = fs.readFileSync(MONACO_PBF);
    const file = tempFile('cut.osm.pbf', bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(readOsm(file)).rejects.toThrow(InputError);
  });

  it('rejects malformed XML with the reason', async () => {
    await expect(readOsm(tempFile('bad.osm', '<osm><node id="1" lat="1" lon="2"></osm>'))).rejects.toThrow(/bad\.osm: is not valid OSM XML/);
  });

  it('rejects XML that is not OSM', async () => {
    await expect(readOsm(tempFile('other.xml', '<html><body/></html>'))).rejects.toThrow(/no <osm> root element/);
  });

  it('rejects a node without coordinates, naming the line', async () => {
    await expect(readOsm(tempFile('nocoord.osm', '<osm>\n<node id="1" lat="x"/>\n</osm>'))).rejects.toThrow(/nocoord\.osm line 2: node 1 needs numeric id, lat and lon/);
  });
});

describe.skipIf(!haveData(MONACO_PBF))(`reading the Monaco extract (${MONACO_PBF})`, () => {
  it('reads all nodes, ways and relations of the PBF file', async () => {
    const x = await readOsm(MONACO_PBF);
    expect(x.format).toBe('pbf');
    expect(x.counts).toMatchObject({ nodes: 25423, ways: 4106, relations: 243 });
    expect(x.ways.filter((w) => w.tags.highway !== undefined).length).toBe(2379);
  });
});
