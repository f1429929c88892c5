/**
 * Spreadsheet safety end to end (README, "Data and determinism"): `run`, `simulate`, `compare`,
 * `batch` and `import-osm`, through the compiled CLI (`node scripts/build.mjs` first; `npm test` does
 * it), on scenarios whose names, ids, tags, kinds, plan labels, catalogue and batch file names begin
 * with `=`, `+`, `-`, `@`, a tab or a carriage return. Every CSV written is read as raw bytes with
 * the small RFC 4180 splitter below (not our reader, which trims cells): no cell may begin with one of
 * those characters unless it is a negative number in a number column.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvText, restoreText } from '../../src/io/csv.ts';
import { batchReportData } from '../../src/report/html/fromBatch.ts';
import { readRunCoverageCsv, readStateCoverageCsv } from '../../src/report/html/coverageCsv.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { asciiCity, RIVER_CITY } from '../fixtures/network/asciiCity.ts';
import { FIXTURES, REPO, tempDir } from '../helpers/fixtures.ts';

const SIX = ['=', '+', '-', '@', '\t', '\r'];
const DANGER = /^[=+\-@\t\r]/;
/** Columns that hold text in the files the project writes. */
const TEXT_COLUMNS = new Set(['id', 'name', 'tag', 'kind', 'block', 'origin_block', 'facility', 'service', 'services', 'allowed', 'age_band', 'category', 'source', 'plan', 'state', 'run_id', 'scenario', 'catalogue', 'solver', 'status', 'error', 'solver_status']);

interface Cell {
  text: string;
  quoted: boolean;
}

/** RFC 4180, strictly: fields separated by commas, records by LF or CRLF, quoted fields with doubled quotes. */
function splitCsv(text: string, file: string): Cell[][] {
  const records: Cell[][] = [];
  let record: Cell[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endCell = () => {
    record.push({ text: cell, quoted });
    cell = '';
    quoted = false;
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' && cell === '' && !quoted) {
      quoted = true;
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`${file}: unterminated quoted field`);
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += text[i++];
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') throw new Error(`${file}: text after a closing quote`);
      continue;
    }
    if (ch === '"') throw new Error(`${file}: a quote inside an unquoted field`);
    if (ch === ',') {
      endCell();
      i++;
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      endCell();
      records.push(record);
      record = [];
      i += ch === '\r' ? 2 : 1;
    } else {
      cell += ch;
      i++;
    }
  }
  if (cell !== '' || quoted || record.length > 0) {
    endCell();
    records.push(record);
  }
  return records;
}

function csvFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.csv')).map((f) => path.join(dir, f)).sort();
}

interface Scan {
  files: number;
  /** The character after the apostrophe of every neutralised cell seen. */
  neutralised: Set<string>;
  negativeNumbers: number;
  problems: string[];
}

function scan(files: string[]): Scan {
  const out: Scan = { files: files.length, neutralised: new Set(), negativeNumbers: 0, problems: [] };
  for (const file of files) {
    const [header, ...rows] = splitCsv(fs.readFileSync(file, 'utf8'), file);
    rows.forEach((row, r) =>
      row.forEach((c, k) => {
        const col = header[k]?.text ?? `#${k}`;
        const where = `${path.basename(file)} line ${r + 2} column ${col}: ${JSON.stringify(c.text)}`;
        if (/^'[=+\-@\t\r]/.test(c.text)) {
          out.neutralised.add(c.text[1]);
          if (!c.quoted) out.problems.push(`${where} is neutralised but not quoted`);
        } else if (DANGER.test(c.text)) {
          if (!TEXT_COLUMNS.has(col) && /^-\d+(\.\d+)?(e[+-]?\d+)?$/.test(c.text) && !c.quoted) out.negativeNumbers++;
          else out.problems.push(`${where} begins with a formula character`);
        }
      }),
    );
    for (const c of header) if (DANGER.test(c.text)) out.problems.push(`${path.basename(file)} header cell ${JSON.stringify(c.text)}`);
  }
  return out;
}

function cli(cwd: string, ...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/quarterhour.js'), ...args], { encoding: 'utf8', cwd });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

/** A CSV cell as a writer that neutralises would write it: our test inputs come as such files. */
const q = (s: string) => `"${(DANGER.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;

const BLOCK_NAMES = ['=HYPERLINK("http://x","click")', '-5', '@East'];
const BLOCK_TAGS = ['\told estate', '\rold estate', '+new estate'];

/** The tiny fixture with hostile names everywhere, in a folder named '@tiny'. */
function hostileTiny(root: string): string {
  const dir = path.join(root, '@tiny');
  fs.cpSync(path.join(FIXTURES, 'scenarios', 'tiny'), dir, { recursive: true });
  const shares = ['0,0,0,0.5,0.5,0', '0.1,0.1,0.2,0.3,0.2,0.1', '0.1,0.2,0.3,0.3,0.1,0'];
  const lons = ['0', '0.0053959', '0.0107919'];
  const ids = ['=A', '+B', '-C'];
  fs.writeFileSync(
    path.join(dir, 'blocks.csv'),
    `id,name,lon,lat,population,age_0_5,age_6_17,age_18_34,age_35_59,age_60_74,age_75_plus,tag\n${ids.map((id, i) => `${q(id)},${q(BLOCK_NAMES[i])},${lons[i]},0,${(i + 1) * 100},${shares[i]},${q(BLOCK_TAGS[i])}`).join('\n')}\n`,
  );
  fs.writeFileSync(path.join(dir, 'facilities.csv'), `id,name,services,lon,lat,capacity\n${q('-F1')},${q('+Grocery west')},grocery,0,0,\n${q('@F2')},${q('\tGrocery and repair east')},grocery;repair,0.0107919,0,50\n`);
  fs.writeFileSync(path.join(dir, 'candidates.csv'), `id,name,kind,lon,lat,area_m2,cost_multiplier,allowed\n${q('=K1')},${q('-Kiosk')},${q('@testing-kiosk')},0.0053959,0,6,1,*\n${q('+S1')},${q('\rShop')},${q('=vacant-shop')},0.0053959,0.001,150,1.2,grocery;clinic\n`);
  const services = fs.readFileSync(path.join(dir, 'services.csv'), 'utf8').replace('Grocery,basic', '=Grocery,basic').replace(/,test$/gm, ',-test');
  fs.writeFileSync(path.join(dir, 'services.csv'), services);
  return dir;
}

/** The river city of the OSM tests, mirrored to western longitudes, with hostile names on housing, shops and vacant premises. */
function hostileOsm(root: string): { osm: string; candidates: string; buildingNames: string[] } {
  const { lonLat } = asciiCity(RIVER_CITY);
  const buildingNames = ['=HYPERLINK("http://x","click")', '+Plus house', '-5', '@At house', '\tTab house', '\rCR house'];
  const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/\t/g, '&#9;').replace(/\r/g, '&#13;');
  const node = (id: number, row: number, col: number, tags: Record<string, string> = {}) => {
    const [lon, lat] = lonLat(row, col);
    const t = Object.entries(tags).map(([k, v]) => `<tag k="${k}" v="${xmlText(v)}"/>`).join('');
    return `<node id="${id}" lat="${lat.toFixed(9)}" lon="${lon.toFixed(9)}">${t}</node>`;
  };
  const parts: string[] = [];
  // six 20 m x 20 m apartment blocks inside the two street blocks, each next to a street
  const spots: [number, number][] = [[1, 2], [1, 12], [3, 6], [11, 2], [11, 12], [13, 16]];
  spots.forEach(([r, c], k) => {
    const base = 900_000 + k * 10;
    parts.push(node(base + 1, r, c), node(base + 2, r, c + 2), node(base + 3, r + 1, c + 2), node(base + 4, r + 1, c));
    parts.push(`<way id="${90_000 + k}"><nd ref="${base + 1}"/><nd ref="${base + 2}"/><nd ref="${base + 3}"/><nd ref="${base + 4}"/><nd ref="${base + 1}"/><tag k="building" v="apartments"/><tag k="building:levels" v="3"/><tag k="name" v="${xmlText(buildingNames[k])}"/></way>`);
  });
  parts.push(node(950_001, 0.5, 5, { shop: 'convenience', name: '=Corner shop' }));
  parts.push(node(950_002, 10.5, 15, { craft: 'tailor', name: '@Tailor' }));
  parts.push(node(950_003, 15.5, 5, { amenity: 'pharmacy', name: '\tPharmacy' }));
  parts.push(node(950_004, 4.5, 15, { shop: 'vacant', name: '-Vacant' }));
  parts.push(node(950_005, 14.5, 12, { shop: 'vacant', name: '\rEmpty' }));
  const city = asciiCity(RIVER_CITY, { extra: parts.join('\n') });
  // mirror every longitude to the west, so that the scenario's lon columns hold negative numbers
  const osm = path.join(root, 'city.osm');
  fs.writeFileSync(osm, city.xml.replace(/lon="/g, 'lon="-'));
  const [lon, lat] = lonLat(12.5, 7);
  const candidates = path.join(root, 'extra-spaces.csv');
  fs.writeFileSync(candidates, `id,name,kind,lon,lat,area_m2\n${q('=X1')},${q('+Extra space')},${q('@depot')},${(-lon).toFixed(7)},${lat.toFixed(7)},120\n`);
  return { osm, candidates, buildingNames };
}

describe('every CSV the project writes is spreadsheet-safe', () => {
  it('run, simulate, compare, batch and import-osm write no cell beginning with = + - @ tab or CR, keep negative numbers numeric, and read back the names', async () => {
    const root = tempDir('qh-csv-safe-');
    const scenario = hostileTiny(root);
    fs.writeFileSync(path.join(root, '=plan.json'), JSON.stringify({ conversions: [{ candidate: '=K1', services: ['repair'] }] }));
    fs.writeFileSync(path.join(root, '-5.json'), JSON.stringify({ conversions: [{ candidate: '+S1', services: ['grocery'] }] }));
    fs.writeFileSync(path.join(root, '=batch.json'), JSON.stringify({ name: 'hostile', scenario: '@tiny', catalogues: { '-slow': { thresholdMin: { repair: 5 } } }, sweep: { catalogue: ['default', '-slow'], seed: [1] } }));
    fs.writeFileSync(path.join(root, '=broken.json'), JSON.stringify({ name: 'broken', scenario: '@tiny', catalogues: { '-broken': { thresholdMin: { no_such_service: 5 } } }, sweep: { catalogue: ['default', '-broken'], seed: [1] } }));
    const { osm, candidates, buildingNames } = hostileOsm(root);

    const steps: [string[], number][] = [
      // plain CSV, to scan the bytes (the default csv.gz holds the same bytes compressed: test/io/outputs.test.ts)
      [['run', '@tiny', '--out', 'out/run', '--trips', 'csv', '--threads', '1', '--format', 'csv'], 0],
      [['simulate', '@tiny', '--out', 'out/simulate', '--trips', 'csv', '--threads', '1', '--format', 'csv'], 0],
      [['compare', '@tiny', '=plan.json', './-5.json', '--out', 'out/compare', '--format', 'csv'], 0],
      [['batch', '=batch.json', '--threads', '1', '--out', 'out/batch', '--trips', 'csv', '--format', 'csv'], 0],
      // a catalogue naming an unknown service is refused before any run (exit 2, nothing written)
      [['batch', '=broken.json', '--threads', '1', '--out', 'out-broken/batch'], 2],
      [['import-osm', path.basename(osm), '--out', 'out/osm', '--candidates', path.basename(candidates), '--snap-limit', '300'], 0],
    ];
    for (const [args, code] of steps) {
      const r = cli(root, ...args);
      expect(r.status, `quarterhour ${args.join(' ')}: ${r.out}`).toBe(code);
    }

    const files = csvFiles(path.join(root, 'out'));
    const names = files.map((f) => path.relative(path.join(root, 'out'), f).split(path.sep).join('/'));
    for (const f of ['run/coverage.csv', 'run/simulate-today/trips.csv', 'run/simulate-today/block_metrics.csv', 'run/simulate-plan/block_metrics.csv', 'simulate/block_metrics.csv', 'compare/comparison.csv', 'compare/comparison_coverage.csv', 'batch/runs.csv', 'osm/blocks.csv', 'osm/facilities.csv', 'osm/candidates.csv', 'osm/services.csv', 'osm/speeds.csv', 'osm/trip_rates.csv', 'osm/time_profiles.csv']) {
      expect(names).toContain(f);
    }
    expect(names.some((n) => /^batch\/.+\/simulate-today\/trips\.csv$/.test(n))).toBe(true);

    const s = scan(files);
    expect(s.problems).toEqual([]);
    expect([...s.neutralised].sort()).toEqual([...SIX].sort());
    // the mirrored city's longitudes: negative numbers, written unquoted and unprefixed
    expect(s.negativeNumbers).toBeGreaterThanOrEqual(6);
    const blocks = await parseCsvText(fs.readFileSync(path.join(root, 'out/osm/blocks.csv'), 'utf8'), 'blocks.csv');
    expect(blocks.rows.every((r) => Number(r.values.lon) < -7)).toBe(true);

    // a name such as -5 is text: neutralised in the name column
    const metricsText = fs.readFileSync(path.join(root, 'out/run/simulate-today/block_metrics.csv'), 'utf8');
    expect(metricsText).toContain(`"'+B","'-5","'\rold estate"`);
    expect(metricsText).toContain(`"'=A","'=HYPERLINK(""http://x"",""click"")","'\told estate"`);

    // round trip: what our readers read back is the visible text
    const sc = await loadScenario(scenario);
    const metrics = await parseCsvText(metricsText, 'block_metrics.csv');
    expect(metrics.rows.map((r) => restoreText(r.values.name))).toEqual(BLOCK_NAMES);
    expect(metrics.rows.map((r) => restoreText(r.values.block))).toEqual(sc.blocks.ids);
    expect(sc.blocks.tags).toEqual(BLOCK_TAGS);
    expect(sc.facilities.names).toEqual(['+Grocery west', '\tGrocery and repair east']);
    expect(sc.candidates.names).toEqual(['-Kiosk', '\rShop']);
    // the report's readers find every block, service and state again
    expect((await readRunCoverageCsv(path.join(root, 'out/run/coverage.csv'), sc)).plan).not.toBeNull();
    await readStateCoverageCsv(path.join(root, 'out/compare/comparison_coverage.csv'), sc, ['today', '=plan', '-5']);
    const batch = await batchReportData(path.join(root, 'out/batch'));
    expect(batch.rows.map((r) => r.catalogue).sort()).toEqual(['-slow', 'default']);
    expect(fs.readFileSync(path.join(root, 'out/batch/runs.csv'), 'utf8')).toContain(`"'-slow"`);
    expect(fs.existsSync(path.join(root, 'out-broken'))).toBe(false);

    const imported = await loadScenario(path.join(root, 'out/osm'));
    expect([...imported.blocks.names].sort()).toEqual([...buildingNames].sort());
    expect([...imported.facilities.names].sort()).toEqual(['=Corner shop', '@Tailor', '\tPharmacy'].sort());
    expect([...imported.candidates.names].sort()).toEqual(['-Vacant', '\rEmpty', '+Extra space'].sort());
    expect(imported.candidates.kinds).toContain('@depot');
    expect(imported.candidates.ids).toContain('=X1');
    fs.rmSync(root, { recursive: true, force: true });
  }, 240_000);
});
