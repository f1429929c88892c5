import { describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import { tempFile } from '../fixtures/network/asciiCity.ts';
import { haveData, MONACO_PBF } from '../fixtures/network/sharedData.ts';
import { town } from '../fixtures/osm/town.ts';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await main(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('quarterhour import-osm', () => {
  it('exits 2 naming a missing OSM file, writing nothing', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qh-cli-')), 'sc');
    const r = await cli(['import-osm', 'no/such.osm.pbf', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no\/such\.osm\.pbf: OSM file not found/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('exits 2 without --out', async () => {
    const r = await cli(['import-osm', 'x.osm.pbf']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--out is required/);
  });

  it('exits 2 on a malformed age profile', async () => {
    const r = await cli(['import-osm', 'x.osm.pbf', '--out', 'o', '--age-profile', '0.5,0.5']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--age-profile is '0.5,0.5', expected 6 non-negative shares/);
  });

  it.skipIf(!haveData(MONACO_PBF))(`prints nodes, edges, km, blocks, facilities by service, candidates and drops for Monaco (${MONACO_PBF})`, async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qh-cli-')), 'monaco');
    const r = await cli(['import-osm', MONACO_PBF, '--out', out, '--levels-default', '4', '--m2-per-resident', '35', '--snap-limit', '250']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/walking network: [\d,]+ nodes, [\d,]+ edges, [\d.]+ km walkable/);
    expect(r.out).toMatch(/blocks: [\d,]+ homes, [\d,]+ residents \(footprint estimate; footprint estimate [\d,]+\), [\d,]+ residents\/km² of residential land/);
    expect(r.out).toMatch(/buildings by class: [\d,]+ buildings \(\d+ multipolygons\): housing \d+, doubted \d+ \(counted as homes\), dropped \d+/);
    expect(r.out).toMatch(/facilities: \d+ \(grocery \d+, .*pharmacy \d+/);
    expect(r.out).toMatch(/idle spaces by kind: \d+ \(.*parking-corner \d+/);
    expect(r.out).toMatch(/warning: \d+% of the homes .* have neither building:levels nor height/);
    expect(r.out).toMatch(/dropped: \d+ small disconnected pieces/);
    const meta = JSON.parse(fs.readFileSync(path.join(out, 'scenario.json'), 'utf8'));
    expect(meta.network).toEqual({ kind: 'osm', file: 'network.bin', snapLimitM: 250 });
  });

  it('refuses to replace an existing folder holding other files, naming them, unless --force', async () => {
    const osm = tempFile('town.osm', town());
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qh-cli-')), 'mine');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'notes.txt'), 'my notes');
    fs.writeFileSync(path.join(out, 'survey.csv'), 'a,b\n');
    const r = await cli(['import-osm', osm, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--out .*mine already exists and holds 2 entries \(notes\.txt, survey\.csv\); import-osm replaces the whole folder, deleting them: give --force/);
    expect(fs.readFileSync(path.join(out, 'notes.txt'), 'utf8')).toBe('my notes');
    expect(fs.existsSync(path.join(out, 'scenario.json'))).toBe(false);
    const forced = await cli(['import-osm', osm, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(fs.existsSync(path.join(out, 'scenario.json'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'notes.txt'))).toBe(false);
  });

  it('writes into an empty existing folder without --force', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-cli-'));
    const r = await cli(['import-osm', tempFile('town.osm', town()), '--out', out, '--population-total', '500']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/500 residents \(given total; footprint estimate \d+\)/);
  });
});
