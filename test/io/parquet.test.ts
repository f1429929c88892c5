import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCsv, restoreText } from '../../src/io/csv.ts';
import { MessageChannel } from 'node:worker_threads';
import { concatParquet, encodeClaimedParts, parquetFromRows, readParquetFile, readParquetGroups, writeParquetFile, type ParquetHelp, type ParquetSource } from '../../src/io/parquet.ts';
import { claimCounter, claimNext } from '../../src/parallel/claims.ts';
import { csvColumns } from '../../src/io/csv.ts';
import { runCompare } from '../../src/jobs/compare.ts';
import { runScenario, type RunResult } from '../../src/jobs/run.ts';
import { reportData } from '../../src/report/html/write.ts';
import { generateCity } from '../../src/scenario/generate.ts';
import { writeScenario } from '../../src/scenario/write.ts';
import { tempDir } from '../helpers/fixtures.ts';

/** Whether `bytes` start a Parquet file (the magic 'PAR1'). */
const isParquet = (bytes: Buffer) => bytes.subarray(0, 4).toString('latin1') === 'PAR1';

function files(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(dir, path.join(rel, e.name)) : [path.join(rel, e.name)])).sort();
}

/** Every cell of a CSV table equals the Parquet table's value: text as written before spreadsheet-safety, numbers as parsed, '' as null. */
async function expectSameValues(csvFile: string, parquetFile: string): Promise<number> {
  const a = await readCsv(csvFile);
  const b = await readParquetFile(parquetFile);
  expect(b.header, parquetFile).toEqual(a.header);
  expect(b.count, parquetFile).toBe(a.rows.length);
  const text = a.header.map((_, j) => b.columns[j].length > 0 && [...Array(Math.min(b.count, 50)).keys()].some((i) => typeof b.columns[j][i] === 'string'));
  for (let r = 0; r < a.rows.length; r++) {
    const cells = a.rows[r].cells;
    for (let j = 0; j < cells.length; j++) {
      const v = b.columns[j][r];
      const want = cells[j] === '' ? null : text[j] ? restoreText(cells[j]) : Number(cells[j]);
      if (v !== want) expect(v, `${path.basename(parquetFile)} row ${r + 1} column ${a.header[j]}`).toBe(want);
    }
  }
  return a.rows.length;
}

describe('Parquet outputs (--format parquet)', () => {
  let scenario = '';
  let plain: RunResult;
  let parquet: RunResult;
  beforeAll(async () => {
    const dir = tempDir();
    scenario = path.join(dir, 'town');
    await writeScenario(scenario, await generateCity({ residents: 8000, seed: 21, name: 'town' }));
    plain = await runScenario(scenario, { out: path.join(dir, 'plain'), format: 'csv', threads: 1, timeLimit: 20 });
    parquet = await runScenario(scenario, { out: path.join(dir, 'parquet'), format: 'parquet', threads: 2, timeLimit: 20 });
  }, 180_000);

  it('writes every table as .parquet and the blocks layer gzip-compressed', () => {
    expect(files(parquet.outDir)).toEqual(['blocks.geojson.gz', 'coverage.parquet', 'plan.geojson', 'plan.json', 'simulate-plan/block_metrics.parquet', 'simulate-plan/metrics.json', 'simulate-plan/site_loads.parquet', 'simulate-plan/trips.parquet', 'simulate-today/block_metrics.parquet', 'simulate-today/metrics.json', 'simulate-today/site_loads.parquet', 'simulate-today/trips.parquet', 'summary.json']);
    for (const f of files(parquet.outDir).filter((x) => x.endsWith('.parquet'))) expect(isParquet(fs.readFileSync(path.join(parquet.outDir, f))), f).toBe(true);
  });

  it('reads back to exactly the CSV values, cell by cell', async () => {
    const tables = files(plain.outDir).filter((f) => f.endsWith('.csv'));
    expect(tables).toHaveLength(7);
    for (const f of tables) expect(await expectSameValues(path.join(plain.outDir, f), path.join(parquet.outDir, f.replace(/\.csv$/, '.parquet')))).toBeGreaterThan(0);
  }, 60_000);

  it('gives the same report data as the CSV', async () => {
    const a = await reportData(plain.outDir);
    const b = await reportData(parquet.outDir);
    expect(b.states).toEqual(a.states);
  }, 60_000);

  it('names the file when a Parquet table cannot be read (bad input), and a missing column', async () => {
    const dir = path.join(path.dirname(parquet.outDir), 'broken'); // beside it: summary.json names the scenario relative to the folder
    fs.cpSync(parquet.outDir, dir, { recursive: true });
    const file = path.join(dir, 'coverage.parquet');
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 1000));
    await expect(reportData(dir)).rejects.toThrow(/coverage\.parquet: not a readable Parquet table/);
    await writeParquetFile(file, parquetFromRows(csvColumns(['block', 'service'], ['block', 'service']), [['B0001', 'grocery']]));
    await expect(reportData(dir)).rejects.toThrow(/coverage\.parquet.*missing column 'age_band'/);
  }, 60_000);

  it('is deterministic: the same bytes on 1 thread as on 2', async () => {
    const again = await runScenario(scenario, { out: path.join(tempDir(), 'again'), format: 'parquet', threads: 1, timeLimit: 20 });
    for (const f of files(parquet.outDir).filter((x) => x.endsWith('.parquet'))) expect(fs.readFileSync(path.join(again.outDir, f)).equals(fs.readFileSync(path.join(parquet.outDir, f))), f).toBe(true);
  }, 120_000);

  it('writes the comparison tables as Parquet with the CSV values', async () => {
    const plan = path.join(parquet.outDir, 'plan.json');
    const dir = tempDir();
    await runCompare(scenario, [plan], { out: path.join(dir, 'p'), format: 'parquet' });
    await runCompare(scenario, [plan], { out: path.join(dir, 'c'), format: 'csv' });
    for (const base of ['comparison', 'comparison_coverage']) expect(await expectSameValues(path.join(dir, 'c', `${base}.csv`), path.join(dir, 'p', `${base}.parquet`))).toBeGreaterThan(0);
  }, 120_000);
});

describe('writeParquetFile', () => {
  const source: ParquetSource = {
    columns: [
      { name: 'id', type: 'int', delta: true },
      { name: 'label', type: 'text', nullable: true },
      { name: 'minutes', type: 'double', nullable: true },
    ],
    count: 150_000,
    slice: (start, end) => [
      Int32Array.from({ length: end - start }, (_, k) => start + k),
      Array.from({ length: end - start }, (_, k) => ((start + k) % 7 === 0 ? null : ['=SUM(A1)', '菜市场', 'B0001'][(start + k) % 3])),
      Array.from({ length: end - start }, (_, k) => ((start + k) % 11 === 0 ? null : ((start + k) % 1000) / 100)),
    ],
  };

  it('writes row groups that read back to the same values, nulls and text as given', async () => {
    const file = path.join(tempDir(), 't.parquet');
    const ticks: number[] = [];
    await writeParquetFile(file, source, { tick: (done) => ticks.push(done) });
    expect(ticks).toEqual([65536, 131072, 150000]);
    const t = await readParquetFile(file);
    expect(t.header).toEqual(['id', 'label', 'minutes']);
    expect(t.count).toBe(150_000);
    const want = source.slice(0, 150_000);
    for (const i of [0, 1, 7, 11, 65535, 65536, 99_999, 149_999]) for (let j = 0; j < 3; j++) expect(t.columns[j][i], `row ${i} column ${j}`).toBe((want[j] as ArrayLike<unknown>)[i]);
    expect(Array.from(t.columns[0])).toEqual(Array.from(want[0] as Int32Array));
    // or a row group at a time, never the whole table
    const groups: [number, number, unknown][] = [];
    await readParquetGroups(file, ['minutes'], (cols, rowStart, count) => groups.push([rowStart, count, cols[0][count - 1]]));
    expect(groups).toEqual([[0, 65536, (want[2] as unknown[])[65535]], [65536, 65536, (want[2] as unknown[])[131071]], [131072, 18928, (want[2] as unknown[])[149999]]]);
  });

  it('writes the same bytes when a helper posts its part late, fails, or closes its port without posting', async () => {
    const dir = tempDir();
    await writeParquetFile(path.join(dir, 'alone.parquet'), source);
    const alone = fs.readFileSync(path.join(dir, 'alone.parquet'));
    // a helper that claims the first group before the writer starts and posts its columns 1 and 2 late
    const late = (): ParquetHelp => {
      const claims = claimCounter();
      const { port1, port2 } = new MessageChannel();
      const g = claimNext(claims, 3);
      const claimed = new Promise<number>((resolve) =>
        setTimeout(() => {
          encodeClaimedParts({ ...source, count: 65536 }, Int32Array.of(g), (e) => port2.postMessage(e), [1, 2]);
          resolve(1);
        }, 50),
      );
      return { claims, ports: [port1], claimed, columns: [1, 2] };
    };
    await writeParquetFile(path.join(dir, 'helped.parquet'), source, { help: late() });
    expect(fs.readFileSync(path.join(dir, 'helped.parquet')).equals(alone)).toBe(true);
    // a helper that claims two groups and fails: the writer encodes their parts
    const claims = claimCounter();
    claimNext(claims, 3);
    claimNext(claims, 3);
    const { port1 } = new MessageChannel();
    await writeParquetFile(path.join(dir, 'failed.parquet'), source, { help: { claims, ports: [port1], claimed: Promise.reject(new Error('worker gone')), columns: [1, 2] } });
    expect(fs.readFileSync(path.join(dir, 'failed.parquet')).equals(alone)).toBe(true);
    // a helper that claims a group and closes its port without posting it (and never answers)
    const quiet = claimCounter();
    claimNext(quiet, 3);
    const channel = new MessageChannel();
    setTimeout(() => channel.port2.close(), 20);
    await writeParquetFile(path.join(dir, 'closed.parquet'), source, { help: { claims: quiet, ports: [channel.port1], claimed: new Promise(() => {}), columns: [1, 2] } });
    expect(fs.readFileSync(path.join(dir, 'closed.parquet')).equals(alone)).toBe(true);
  });

  it('writes the same bytes when a helper encodes some columns of every group, or starts late and the writer takes its part', async () => {
    const dir = tempDir();
    await writeParquetFile(path.join(dir, 'alone.parquet'), source);
    const alone = fs.readFileSync(path.join(dir, 'alone.parquet'));
    for (const delay of [0, 200]) {
      const claims = claimCounter();
      const { port1, port2 } = new MessageChannel();
      // the helper's columns 1 and 2 of every group it claims, starting after `delay` ms (the writer takes those it reaches first)
      const claimed = new Promise<number>((resolve) => setTimeout(() => resolve(encodeClaimedParts(source, claims, (p) => port2.postMessage(p), [1, 2])), delay));
      const file = path.join(dir, `split-${delay}.parquet`);
      await writeParquetFile(file, source, { help: { claims, ports: [port1], claimed, columns: [1, 2] } });
      expect(fs.readFileSync(file).equals(alone), `helper after ${delay} ms`).toBe(true);
    }
  });

  it('takes small tables as CSV rows, and sources one after another', async () => {
    const dir = tempDir();
    await writeParquetFile(path.join(dir, 'rows.parquet'), parquetFromRows(csvColumns(['name', 'share'], ['name']), [['a', 0.5], ['b', ''], ['c', 3]]));
    const r = await readParquetFile(path.join(dir, 'rows.parquet'));
    expect(r.columns.map((c) => Array.from(c))).toEqual([['a', 'b', 'c'], [0.5, null, 3]]);
    const both = concatParquet([source, source]);
    expect(both.count).toBe(300_000);
    const s = both.slice(149_998, 150_002);
    expect(Array.from(s[0] as Int32Array)).toEqual([149_998, 149_999, 0, 1]);
  });
});
