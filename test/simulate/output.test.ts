import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simulate } from '../../src/simulate/simulate.ts';
import { readTripsBinary, writeSimulationOutputs, SITE_LOADS_HEADER, TRIPS_CSV_HEADER } from '../../src/simulate/output.ts';
import { readParquetFile } from '../../src/io/parquet.ts';
import { readTextFile } from '../../src/io/readText.ts';
import { csvColumns, csvString } from '../../src/io/csv.ts';
import { AGE_BANDS } from '../../src/core/ageBands.ts';
import { EVEN_SHARES, tinyScenario } from './fixtures.ts';

async function small() {
  const { scenario, matrix } = tinyScenario({
    services: [{ id: 'grocery', rates: [1, 1, 1, 1, 1, 1] }, { id: 'clinic', thresholdMin: 10, rates: [0.3, 0.3, 0.3, 0.3, 0.3, 0.3] }],
    blocks: [{ id: 'a', population: 120, shares: EVEN_SHARES, tag: 'old estate' }, { id: 'b', population: 80, shares: EVEN_SHARES }],
    facilities: [{ id: 'g', services: ['grocery'] }, { id: 'c', services: ['clinic'] }],
    metres: [[300, 700], [400]],
    chainProbability: 0.3,
    seed: 5,
  });
  return { scenario, result: await simulate(scenario, matrix) };
}

const made: string[] = [];
const tmpDir = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-sim-out-'));
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

describe('simulation outputs', () => {
  it('writes one CSV row per trip, unserved trips with an empty facility', async () => {
    const { scenario, result } = await small();
    const dir = path.join(tmpDir(), 'out');
    const w = await writeSimulationOutputs(result, scenario, dir, 'csv', { format: 'csv' });
    expect(w.files).toEqual(['trips.csv', 'metrics.json', 'block_metrics.csv', 'site_loads.csv']);
    const lines = fs.readFileSync(path.join(dir, 'trips.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe(TRIPS_CSV_HEADER.join(','));
    expect(lines.length - 1).toBe(result.trips.count);
    const unserved = lines.slice(1).filter((l) => l.split(',')[5] === '');
    expect(unserved.length).toBe(result.metrics.unservedTrips);
    expect(unserved.length).toBeGreaterThan(0);
    for (const l of unserved) expect(l.split(',')[3]).toBe('clinic');
    expect(lines.slice(1).every((l) => l.startsWith('5,'))).toBe(true);
    const metrics = JSON.parse(fs.readFileSync(path.join(dir, 'metrics.json'), 'utf8'));
    expect(metrics.seed).toBe(5);
    const blocks = fs.readFileSync(path.join(dir, 'block_metrics.csv'), 'utf8').trim().split('\n');
    expect(blocks).toHaveLength(3);
    expect(blocks[1]).toMatch(/^5,a,a,old estate,120,/);
  });

  it('writes the trips as Parquet and block_metrics gzip-compressed by default, csv.gz reading back to the plain CSV; --outputs selects them', async () => {
    const { scenario, result } = await small();
    const plain = path.join(tmpDir(), 'plain');
    const dir = path.join(tmpDir(), 'out');
    await writeSimulationOutputs(result, scenario, plain, 'auto', { format: 'csv' });
    expect((await writeSimulationOutputs(result, scenario, path.join(tmpDir(), 'default'))).files).toEqual(['trips.parquet', 'metrics.json', 'block_metrics.csv.gz', 'site_loads.csv.gz']);
    const w = await writeSimulationOutputs(result, scenario, dir, 'auto', { format: 'csv.gz' });
    expect(w.files).toEqual(['trips.csv.gz', 'metrics.json', 'block_metrics.csv.gz', 'site_loads.csv.gz']);
    for (const f of ['trips.csv', 'block_metrics.csv', 'site_loads.csv']) expect(readTextFile(path.join(dir, `${f}.gz`))).toBe(fs.readFileSync(path.join(plain, f), 'utf8'));
    const some = await writeSimulationOutputs(result, scenario, path.join(tmpDir(), 'some'), 'auto', { outputs: ['block_metrics'] });
    expect(some.files).toEqual(['metrics.json', 'block_metrics.csv.gz']);
    expect(some.tripsFormat).toBe('none');
  });

  it('writes the sites\' loads as a table of their own, which metrics.json names, in every format', async () => {
    const { scenario, result } = await small();
    const dir = path.join(tmpDir(), 'out');
    await writeSimulationOutputs(result, scenario, dir, 'auto', { format: 'csv' });
    const metrics = JSON.parse(fs.readFileSync(path.join(dir, 'metrics.json'), 'utf8'));
    expect(metrics.version).toBe(2);
    expect(metrics.siteLoads).toBeUndefined();
    expect(metrics.siteLoadsFile).toBe('site_loads.csv');
    const lines = fs.readFileSync(path.join(dir, 'site_loads.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe(SITE_LOADS_HEADER.join(','));
    const cell = (x: number | null) => (x === null ? '' : String(x));
    expect(lines.slice(1)).toEqual(result.metrics.siteLoads.map((l) => [5, l.id, l.kind, l.load, cell(l.capacity), cell(l.utilization), cell(l.priceMin)].join(',')));
    const pq = path.join(tmpDir(), 'pq');
    const w = await writeSimulationOutputs(result, scenario, pq, 'auto', { format: 'parquet', outputs: ['site_loads'] });
    expect(w.files).toEqual(['metrics.json', 'site_loads.parquet']);
    expect(JSON.parse(fs.readFileSync(path.join(pq, 'metrics.json'), 'utf8')).siteLoadsFile).toBe('site_loads.parquet');
    const t = await readParquetFile(path.join(pq, 'site_loads.parquet'));
    expect(t.names).toEqual(SITE_LOADS_HEADER);
    expect(t.columns[1]).toEqual(result.metrics.siteLoads.map((l) => l.id));
    expect(t.columns[3]).toEqual(result.metrics.siteLoads.map((l) => l.load));
    expect(t.columns[4]).toEqual(result.metrics.siteLoads.map((l) => l.capacity));
    const none = await writeSimulationOutputs(result, scenario, path.join(tmpDir(), 'none'), 'auto', { outputs: ['trips'] });
    expect(none.files).toEqual(['trips.parquet', 'metrics.json']);
    expect(JSON.parse(fs.readFileSync(path.join(none.dir, 'metrics.json'), 'utf8')).siteLoadsFile).toBeNull();
  });

  it('writes each trip as the one CSV writer writes its cells', async () => {
    const { scenario, result } = await small();
    const dir = path.join(tmpDir(), 'out');
    await writeSimulationOutputs(result, scenario, dir, 'csv');
    const t = result.trips;
    const columns = csvColumns(TRIPS_CSV_HEADER, ['age_band', 'service', 'origin_block', 'facility']);
    const rows = Array.from({ length: t.count }, (_, i) => [result.seed, t.resident[i], AGE_BANDS[t.ageBand[i]], scenario.services[t.service[i]].id, scenario.blocks.ids[t.originBlock[i]], t.site[i] >= 0 ? result.sites.ids[t.site[i]] : '', t.departureMin[i], Number.isNaN(t.walkMin[i]) ? '' : t.walkMin[i].toFixed(2), t.within[i], t.tourLeg[i]]);
    expect(fs.readFileSync(path.join(dir, 'trips.csv'), 'utf8')).toBe(csvString(columns, rows).slice(0, -1));
  });

  it('reads back the binary trips exactly', async () => {
    const { scenario, result } = await small();
    const dir = path.join(tmpDir(), 'out');
    await writeSimulationOutputs(result, scenario, dir, 'bin');
    const { header, trips } = readTripsBinary(path.join(dir, 'trips.bin'));
    expect(header.seed).toBe(5);
    expect(header.services).toEqual(['grocery', 'clinic']);
    expect(header.columns.every((c) => c.byteOffset % 8 === 0)).toBe(true);
    expect(trips).toEqual(result.trips);
  });

  it('leaves the previous output untouched when writing fails half-way', async () => {
    const { scenario, result } = await small();
    const parent = tmpDir();
    const dir = path.join(parent, 'out');
    await writeSimulationOutputs(result, scenario, dir, 'csv');
    const before = fs.readFileSync(path.join(dir, 'metrics.json'), 'utf8');
    const broken = { ...result, metrics: { ...result.metrics, bad: 1n } } as unknown as typeof result; // BigInt: JSON.stringify throws
    await expect(writeSimulationOutputs(broken, scenario, dir, 'csv')).rejects.toThrow();
    expect(fs.readFileSync(path.join(dir, 'metrics.json'), 'utf8')).toBe(before);
    expect(fs.readdirSync(parent)).toEqual(['out']);
  });
});
