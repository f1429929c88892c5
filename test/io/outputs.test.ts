import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../src/io/csv.ts';
import { CsvScanner, scanCsvFile } from '../../src/io/csvScan.ts';
import { parseOutputs, RUN_OUTPUTS } from '../../src/io/outputs.ts';
import { csvChunks, csvColumns, CsvFields, csvTextChunks } from '../../src/io/csv.ts';
import { chunksText } from '../../src/io/csvBytes.ts';
import { COVERAGE_COLUMNS, COVERAGE_PLAN_COLUMNS, coverageRows, coverageText } from '../../src/coverage/csv.ts';
import { staticCoverage } from '../../src/coverage/static.ts';
import { computeDistanceMatrix } from '../../src/travel/travelMatrix.ts';
import { geojsonChunks, writeTable } from '../../src/io/tableWriter.ts';
import { blockFeatureTexts, blocksGeojson, blocksGeojsonHead } from '../../src/coverage/blocksGeojson.ts';
import { runScenario, type RunResult } from '../../src/jobs/run.ts';
import { reportData } from '../../src/report/html/write.ts';
import { generateCity } from '../../src/scenario/generate.ts';
import { writeScenario } from '../../src/scenario/write.ts';
import { REPO, tempDir } from '../helpers/fixtures.ts';

function files(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(dir, path.join(rel, e.name)) : [path.join(rel, e.name)])).sort();
}

describe('compact outputs', () => {
  let scenario = '';
  let plain: RunResult;
  let compact: RunResult;
  beforeAll(async () => {
    const dir = tempDir();
    scenario = path.join(dir, 'town');
    await writeScenario(scenario, await generateCity({ residents: 8000, seed: 21, name: 'town' }));
    plain = await runScenario(scenario, { out: path.join(dir, 'plain'), format: 'csv', threads: 1, timeLimit: 20 });
    compact = await runScenario(scenario, { out: path.join(dir, 'compact'), format: 'csv.gz', threads: 2, timeLimit: 20 });
  }, 180_000);

  it('writes every table gzip-compressed with --format csv.gz, and plain CSV with --format csv', () => {
    expect(files(compact.outDir)).toEqual(['blocks.geojson.gz', 'coverage.csv.gz', 'plan.geojson', 'plan.json', 'simulate-plan/block_metrics.csv.gz', 'simulate-plan/metrics.json', 'simulate-plan/site_loads.csv.gz', 'simulate-plan/trips.csv.gz', 'simulate-today/block_metrics.csv.gz', 'simulate-today/metrics.json', 'simulate-today/site_loads.csv.gz', 'simulate-today/trips.csv.gz', 'summary.json']);
    expect(files(plain.outDir)).toEqual(['blocks.geojson', 'coverage.csv', 'plan.geojson', 'plan.json', 'simulate-plan/block_metrics.csv', 'simulate-plan/metrics.json', 'simulate-plan/site_loads.csv', 'simulate-plan/trips.csv', 'simulate-today/block_metrics.csv', 'simulate-today/metrics.json', 'simulate-today/site_loads.csv', 'simulate-today/trips.csv', 'summary.json']);
  });

  it('reads back to exactly the CSV values, cell by cell (and byte for byte once uncompressed)', async () => {
    const tables = files(plain.outDir).filter((f) => f.endsWith('.csv'));
    expect(tables).toHaveLength(7);
    for (const f of tables) {
      const a = await readCsv(path.join(plain.outDir, f));
      const b = await readCsv(path.join(compact.outDir, `${f}.gz`));
      expect(b.header, f).toEqual(a.header);
      expect(b.rows.length, f).toBe(a.rows.length);
      expect(a.rows.length, f).toBeGreaterThan(0);
      for (let r = 0; r < a.rows.length; r++) if (b.rows[r].cells.join('\u0001') !== a.rows[r].cells.join('\u0001')) expect(b.rows[r].cells, `${f} row ${a.rows[r].line}`).toEqual(a.rows[r].cells);
      expect(gunzipSync(fs.readFileSync(path.join(compact.outDir, `${f}.gz`))).equals(fs.readFileSync(path.join(plain.outDir, f))), f).toBe(true);
    }
    expect(JSON.parse(gunzipSync(fs.readFileSync(path.join(compact.outDir, 'blocks.geojson.gz'))).toString('utf8'))).toEqual(JSON.parse(fs.readFileSync(path.join(plain.outDir, 'blocks.geojson'), 'utf8')));
    // the JSON files name the tables as written; otherwise they are the same
    const m = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'simulate-today', 'metrics.json'), 'utf8'));
    expect(m(compact.outDir).tripsFile).toBe('trips.csv.gz');
    expect(m(compact.outDir).siteLoadsFile).toBe('site_loads.csv.gz');
    expect({ ...m(compact.outDir), tripsFile: null, siteLoadsFile: null }).toEqual({ ...m(plain.outDir), tripsFile: null, siteLoadsFile: null });
  });

  it('streams the coverage tables back in either form through the report reader (src/io/csvScan.ts)', async () => {
    const read = async (file: string) => {
      const rows: string[] = [];
      const header = await scanCsvFile(file, { header: () => {}, row: (_line, cells) => void rows.push(cells.join(',')) });
      return { header, rows };
    };
    const a = await read(path.join(plain.outDir, 'coverage.csv'));
    const b = await read(path.join(compact.outDir, 'coverage.csv.gz'));
    expect(b.header).toEqual(a.header);
    expect(b.rows).toEqual(a.rows);
  });

  it('gives the same report data from either form', async () => {
    const a = await reportData(plain.outDir);
    const b = await reportData(compact.outDir);
    expect(b.states.map((st) => st.label)).toEqual(['today', 'with plan']);
    expect(b.states).toEqual(a.states);
  }, 60_000);

  it('gzips deterministically: no time stamp, a fixed OS byte', () => {
    const gz = fs.readFileSync(path.join(compact.outDir, 'coverage.csv.gz'));
    expect([...gz.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]);
    expect(gz.readUInt32LE(4)).toBe(0);
    expect(gz[9]).toBe(255);
  });

  it('writes only the tables --outputs selects, and always the summary, plan and JSON files', async () => {
    const r = await runScenario(scenario, { out: path.join(tempDir(), 'some'), outputs: ['coverage', 'blocks'], timeLimit: 20 });
    expect(files(r.outDir)).toEqual(['blocks.geojson.gz', 'coverage.parquet', 'plan.geojson', 'plan.json', 'simulate-plan/metrics.json', 'simulate-today/metrics.json', 'summary.json']);
    const t = await runScenario(scenario, { out: path.join(tempDir(), 'trips'), outputs: ['trips'], format: 'csv', optimize: false });
    expect(files(t.outDir)).toEqual(['simulate-today/metrics.json', 'simulate-today/trips.csv', 'summary.json']);
  }, 120_000);
});

describe('--outputs', () => {
  it('takes a comma-separated list of the names a command writes, all, or none', () => {
    expect(parseOutputs(undefined, RUN_OUTPUTS)).toBeNull();
    expect(parseOutputs('all', RUN_OUTPUTS)).toBeNull();
    expect(parseOutputs('none', RUN_OUTPUTS)).toEqual([]);
    expect(parseOutputs('trips, coverage', RUN_OUTPUTS)).toEqual(['coverage', 'trips']);
    expect(() => parseOutputs('coverage,tripz', RUN_OUTPUTS)).toThrow(/--outputs has unknown name 'tripz', expected a comma-separated list of coverage, trips, block_metrics, site_loads, blocks/);
  });

  it.skipIf(!fs.existsSync(path.join(REPO, 'dist/src/cli/main.js')))('makes the command exit 2 with one line naming the valid names (needs dist/: node scripts/build.mjs)', () => {
    const r = spawnSync(process.execPath, [path.join(REPO, 'bin/quarterhour.js'), 'run', path.join(REPO, 'scenarios/default'), '--outputs', 'coverage,tripz', '--out', path.join(tempDir(), 'x')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--outputs has unknown name 'tripz', expected a comma-separated list of coverage, trips, block_metrics, site_loads, blocks/);
    const f = spawnSync(process.execPath, [path.join(REPO, 'bin/quarterhour.js'), 'simulate', path.join(REPO, 'scenarios/default'), '--format', 'xlsx'], { encoding: 'utf8' });
    expect(f.status).toBe(2);
    expect(f.stderr).toMatch(/--format is 'xlsx', expected one of csv\.gz, csv, parquet/);
  });
});

describe('the streaming CSV scanner', () => {
  it('gives the same rows whatever the chunks the text arrives in', () => {
    const text = '\uFEFFid,name,n\nA,"x, ""y""",1\r\nB,"two\nlines",2\n\nC,\'=1+2,3\nD,plain,4';
    const scan = (parts: string[]) => {
      const rows: string[] = [];
      const s = new CsvScanner({ header: (h) => rows.push(`H:${h.join('|')}`), row: (line, cells) => rows.push(`${line}:${cells.join('|')}`) });
      parts.forEach((p, k) => expect(s.feed(p, k === parts.length - 1)).toBe(true));
      return rows;
    };
    const whole = scan([text]);
    expect(whole).toEqual(['H:id|name|n', '2:A|x, "y"|1', '3:B|two\nlines|2', '6:C|\'=1+2|3', '7:D|plain|4']);
    for (let i = 0; i <= text.length; i++) expect(scan([text.slice(0, i), text.slice(i)]), `split at ${i}`).toEqual(whole);
  });

  it('builds the text of a big coverage table exactly as the generic writer writes its rows', async () => {
    const sc = await generateCity({ residents: 3000, seed: 4, name: 'lines' });
    const cov = staticCoverage(sc, await computeDistanceMatrix(sc));
    const generic = [...csvChunks(COVERAGE_COLUMNS, coverageRows(sc, cov.table))].join('');
    const fast = chunksText(csvTextChunks(COVERAGE_COLUMNS, coverageText(sc, cov.table, new CsvFields(COVERAGE_COLUMNS))));
    expect(fast).toBe(generic);
    const stateColumns = [{ name: 'state', kind: 'text' as const }, ...COVERAGE_COLUMNS];
    const withState = chunksText(csvTextChunks(stateColumns, coverageText(sc, cov.table, new CsvFields(stateColumns), '=plan')));
    expect(withState).toBe([...csvChunks(stateColumns, [...coverageRows(sc, cov.table)].map((r) => ['=plan', ...r]))].join(''));
    // a run with a plan: the plan's minutes and flag after today's columns (here the first idle space opened for every service)
    const after = staticCoverage(sc, await computeDistanceMatrix(sc), { conversions: [{ candidateIndex: 0, serviceIndices: sc.services.map((_, s) => s) }] });
    expect(after.table.minutes).not.toEqual(cov.table.minutes);
    const merged = chunksText(csvTextChunks(COVERAGE_PLAN_COLUMNS, coverageText(sc, cov.table, new CsvFields(COVERAGE_PLAN_COLUMNS), undefined, undefined, after.table)));
    expect(merged).toBe([...csvChunks(COVERAGE_PLAN_COLUMNS, coverageRows(sc, cov.table, after.table))].join(''));
  });

  it('writes blocks.geojson as text exactly as JSON.stringify writes the layer, with and without a plan', async () => {
    const sc = await generateCity({ residents: 3000, seed: 4, name: 'layer' });
    const m = await computeDistanceMatrix(sc);
    const today = staticCoverage(sc, m).table;
    const after = staticCoverage(sc, m, { conversions: [{ candidateIndex: 0, serviceIndices: [0] }] }).table;
    for (const a of [after, null]) {
      const text = chunksText(geojsonChunks(blocksGeojsonHead(sc), blockFeatureTexts(sc, today, a)));
      expect(text).toBe(`${JSON.stringify(blocksGeojson(sc, today, a))}\n`);
    }
  });

  it('writes a table streamed, gzip-compressed, that reads back the same', async () => {
    const dir = tempDir();
    const columns = csvColumns(['id', 'v'], ['id']);
    const rows = Array.from({ length: 50_000 }, (_, i) => [`=id${i}`, i / 7]);
    const name = await writeTable(dir, { base: 't', columns, rows }, { format: 'csv.gz' });
    expect(name).toBe('t.csv.gz');
    const back = await readCsv(path.join(dir, name));
    expect(back.rows).toHaveLength(50_000);
    expect(back.rows[7].cells).toEqual(["'=id7", String(1)]);
  });
});
