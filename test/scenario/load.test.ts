import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, loadScenarioWithSources } from '../../src/scenario/load.ts';
import { copyScenario, editFile, FIXTURES } from '../helpers/fixtures.ts';

const TINY = path.join(FIXTURES, 'scenarios', 'tiny');

async function loadError(dir: string): Promise<string> {
  try {
    await loadScenario(dir);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('loadScenario', () => {
  it('reads a scenario folder into typed columns', async () => {
    const sc = await loadScenario(TINY);
    expect(sc.name).toBe('tiny');
    expect(sc.seed).toBe(42);
    expect(sc.blocks.ids).toEqual(['A', 'B', 'C']);
    expect(Array.from(sc.blocks.population)).toEqual([100, 200, 300]);
    expect(sc.blocks.ageShares[4]).toBeCloseTo(0.5);
    expect(sc.services.map((s) => s.id)).toEqual(['grocery', 'repair', 'clinic']);
    expect(sc.network).toEqual({ kind: 'euclidean', detourFactor: 1 });
    expect(sc.budget).toEqual({ maxConversions: 2, maxCost: 100000 });
    expect(sc.constraints.ageWeights[5]).toBe(2);
  });

  it('lists the services each facility offers', async () => {
    const sc = await loadScenario(TINY);
    const f = sc.facilities;
    expect(Array.from(f.serviceIndex.subarray(f.serviceOffsets[1], f.serviceOffsets[2]))).toEqual([0, 1]);
    expect(Number.isNaN(f.capacity[0])).toBe(true);
    expect(f.capacity[1]).toBe(50);
  });

  it("resolves a candidate's 'any' to every service whose floor area fits", async () => {
    const sc = await loadScenario(TINY);
    const c = sc.candidates;
    expect(Array.from(c.allowedIndex.subarray(c.allowedOffsets[0], c.allowedOffsets[1]))).toEqual([1]); // 6 m²: repair only
    expect(Array.from(c.allowedIndex.subarray(c.allowedOffsets[1], c.allowedOffsets[2]))).toEqual([0, 2]);
  });

  it('fills missing time profiles with a flat daytime profile and says so', async () => {
    const { scenario, tables } = await loadScenarioWithSources(TINY);
    expect(tables.time_profiles).toBe('flat');
    const row = Array.from(scenario.behaviour.departureProfile.subarray(0, 24));
    expect(row.reduce((a, v) => a + v, 0)).toBeCloseTo(1);
    expect(row[3]).toBe(0);
  });

  it('uses the built-in catalogue and behaviour when a folder has none', async () => {
    const dir = copyScenario('tiny');
    for (const f of ['services.csv', 'speeds.csv', 'trip_rates.csv']) fs.rmSync(path.join(dir, f));
    editFile(dir, 'facilities.csv', 'grocery;repair', 'grocery;repair;pharmacy');
    editFile(dir, 'candidates.csv', 'grocery;clinic', 'grocery;pharmacy');
    editFile(dir, 'scenario.json', '"repair": 0', '"childcare": 1');
    const { scenario, tables } = await loadScenarioWithSources(dir);
    expect(tables.services).toBe('built-in default');
    expect(scenario.services.length).toBe(13);
    expect(scenario.behaviour.speedMps[5]).toBe(0.95);
    expect(scenario.behaviour.sources['speed:75+']).toMatch(/Bohannon/);
  });

  it('reads the same scenario from a single JSON file', async () => {
    const folder = await loadScenario(TINY);
    const doc = JSON.parse(fs.readFileSync(path.join(TINY, 'scenario.json'), 'utf8'));
    const csvRows = (file: string) => {
      const [head, ...lines] = fs.readFileSync(path.join(TINY, file), 'utf8').trim().split('\n');
      const cols = head.split(',');
      return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
    };
    doc.blocks = csvRows('blocks.csv');
    doc.services = csvRows('services.csv');
    doc.speeds = csvRows('speeds.csv');
    doc.trip_rates = csvRows('trip_rates.csv');
    doc.facilities = csvRows('facilities.csv').map((r) => ({ ...r, services: r.services.split(';') }));
    doc.candidates = csvRows('candidates.csv');
    const file = path.join(path.dirname(copyScenario('tiny')), 'tiny.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const single = await loadScenario(file);
    expect(single.blocks.population).toEqual(folder.blocks.population);
    expect(single.facilities.serviceIndex).toEqual(folder.facilities.serviceIndex);
    expect(single.candidates.allowedIndex).toEqual(folder.candidates.allowedIndex);
  });

  it('reads blocks drawn as GeoJSON polygons, located at their centroid', async () => {
    const dir = copyScenario('tiny');
    fs.rmSync(path.join(dir, 'blocks.csv'));
    const square = (x: number) => [[[x - 0.001, -0.001], [x + 0.001, -0.001], [x + 0.001, 0.001], [x - 0.001, 0.001], [x - 0.001, -0.001]]];
    const shares = { age_0_5: 0.1, age_6_17: 0.1, age_18_34: 0.2, age_35_59: 0.3, age_60_74: 0.2, age_75_plus: 0.1 };
    const features = [0, 0.0054].map((x, i) => ({ type: 'Feature', properties: { id: `P${i}`, population: 50, ...shares }, geometry: { type: 'Polygon', coordinates: square(x) } }));
    fs.writeFileSync(path.join(dir, 'blocks.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
    const sc = await loadScenario(dir);
    expect(sc.blocks.ids).toEqual(['P0', 'P1']);
    expect(sc.blocks.lon[1]).toBeCloseTo(0.0054, 6);
    expect(sc.blocks.polygons[0]).not.toBeNull();
  });
});

describe('loadScenario rejects bad input, naming the file, row and field', () => {
  it('rejects age shares that do not sum to 1', async () => {
    const dir = copyScenario('tiny');
    editFile(dir, 'blocks.csv', 'B,Middle,0.0053959,0,200,0.1,0.1,0.2,0.3,0.2,0.1', 'B,Middle,0.0053959,0,200,0.1,0.1,0.2,0.3,0.1,0');
    expect(await loadError(dir)).toMatch(/blocks\.csv row 3 field 'age_0_5\+.*': age shares sum to 0\.8, expected 1 ± 0\.01/);
  });

  it('rejects an unknown service id', async () => {
    const dir = copyScenario('tiny');
    editFile(dir, 'facilities.csv', 'grocery;repair', 'grocery;bakery');
    expect(await loadError(dir)).toMatch(/facilities\.csv row 3 field 'services': unknown service id 'bakery'/);
  });

  it('rejects a duplicate id', async () => {
    const dir = copyScenario('tiny');
    editFile(dir, 'blocks.csv', 'C,East', 'A,East');
    expect(await loadError(dir)).toMatch(/blocks\.csv row 4 field 'id': duplicate id 'A' \(first used at row 2\)/);
  });

  it('rejects a negative floor area', async () => {
    const dir = copyScenario('tiny');
    editFile(dir, 'candidates.csv', ',6,1,*', ',-6,1,*');
    expect(await loadError(dir)).toMatch(/candidates\.csv row 2 field 'area_m2': is -6, expected a number > 0/);
  });

  it('rejects a missing blocks file', async () => {
    const dir = copyScenario('tiny');
    fs.rmSync(path.join(dir, 'blocks.csv'));
    expect(await loadError(dir)).toMatch(/blocks\.csv: file not found/);
  });

  it('rejects a coordinate that is not a number', async () => {
    const dir = copyScenario('tiny');
    editFile(dir, 'blocks.csv', 'A,West,0,0,', 'A,West,0,NaN,');
    expect(await loadError(dir)).toMatch(/blocks\.csv row 2 field 'lat': is 'NaN', expected a number >= -90 <= 90/);
  });

  it('rejects an empty table', async () => {
    const dir = copyScenario('tiny');
    fs.writeFileSync(path.join(dir, 'blocks.csv'), 'id,name,lon,lat,population,age_0_5,age_6_17,age_18_34,age_35_59,age_60_74,age_75_plus,tag\n');
    expect(await loadError(dir)).toMatch(/blocks\.csv: the table is empty, expected at least one data row/);
  });

  it('rejects an empty file', async () => {
    const dir = copyScenario('tiny');
    fs.writeFileSync(path.join(dir, 'services.csv'), '');
    expect(await loadError(dir)).toMatch(/services\.csv: the file is empty/);
  });

  it('rejects a missing column', async () => {
    const dir = copyScenario('tiny');
    editFile(dir, 'candidates.csv', 'area_m2', 'area');
    expect(await loadError(dir)).toMatch(/candidates\.csv row 1: missing column 'area_m2'/);
  });

  it('rejects an unknown age band', async () => {
    const dir = copyScenario('tiny');
    editFile(dir, 'trip_rates.csv', 'clinic,75+', 'clinic,80+');
    expect(await loadError(dir)).toMatch(/trip_rates\.csv row 4 field 'age_band': is '80\+', expected one of 0-5, 6-17/);
  });

  it('rejects a service that does not fit the space it is allowed in', async () => {
    const dir = copyScenario('tiny');
    editFile(dir, 'candidates.csv', ',6,1,*', ',6,1,repair;clinic');
    expect(await loadError(dir)).toMatch(/candidates\.csv row 2 field 'allowed': service 'clinic' needs 120 m², the space has 6 m²/);
  });

  it('rejects a scenario.json of another format version', async () => {
    const dir = copyScenario('tiny');
    editFile(dir, 'scenario.json', '"version": 1', '"version": 2');
    expect(await loadError(dir)).toMatch(/scenario\.json field 'version': is 2, expected 1/);
  });

  it('rejects scenario.json that is not JSON', async () => {
    const dir = copyScenario('tiny');
    fs.writeFileSync(path.join(dir, 'scenario.json'), '{ name: tiny');
    expect(await loadError(dir)).toMatch(/scenario\.json: not valid JSON/);
  });

  it('rejects a budget that is not a number', async () => {
    const dir = copyScenario('tiny');
    editFile(dir, 'scenario.json', '"maxConversions": 2', '"maxConversions": "two"');
    expect(await loadError(dir)).toMatch(/scenario\.json field 'budget\.maxConversions': is "two", expected an integer >= 0/);
  });

  it('reports every problem of a file at once', async () => {
    const dir = copyScenario('tiny');
    editFile(dir, 'blocks.csv', 'A,West,0,0,100', 'A,West,0,0,-100');
    editFile(dir, 'blocks.csv', 'C,East,0.0107919', 'C,East,500');
    const msg = await loadError(dir);
    expect(msg).toMatch(/row 2 field 'population'/);
    expect(msg).toMatch(/row 4 field 'lon': is 500, expected a number >= -180 <= 180/);
  });

  it('rejects a path that does not exist', async () => {
    expect(await loadError('/nonexistent/scenario')).toMatch(/\/nonexistent\/scenario: no such scenario folder or file/);
  });
});
