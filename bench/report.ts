/**
 * The HTML report at scale: for the default scenario and a generated one of 20,000+ blocks, the whole
 * `quarterhour report` command's time (a fresh process, the compiled dist/: run `node scripts/build.mjs`
 * first), the file's size, and in Chromium (playwright-core, /usr/bin/chromium) the time from navigation
 * to Leaflet's map `load` and to just after the first frame drawn with the page built (median of 3 loads).
 *
 * The results folders hold what `run` writes for the report (summary.json, plan.json, coverage.csv with
 * today's columns and the plan's beside them), written here with the engine's static coverage
 * (src/coverage/static.ts, the rule `run` writes coverage.csv with) so that a 20,000-block scenario
 * needs no simulation; the plan
 * converts every 97th idle space to its first allowed service (40 at most).
 *
 * Run: node scripts/build.mjs && npx tsx bench/report.ts [--residents 8100000]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { COVERAGE_PLAN_COLUMNS, coverageRows } from '../src/coverage/csv.ts';
import { staticCoverage } from '../src/coverage/static.ts';
import { writeFileAtomic } from '../src/io/atomic.ts';
import { writeCsvRows } from '../src/io/csv.ts';
import { parsePlan, planToJson } from '../src/plan/io.ts';
import { generateCity } from '../src/scenario/generate.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { writeScenario } from '../src/scenario/write.ts';
import { computeDistanceMatrix } from '../src/travel/travelMatrix.ts';
import { machineLine } from './machine.ts';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
const argResidents = process.argv.indexOf('--residents');
const BIG_RESIDENTS = argResidents > 0 ? Number(process.argv[argResidents + 1]) : 8_100_000;
const LOAD_BEFORE = os.loadavg().map((x) => x.toFixed(1)).join(', ');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-bench-report-'));

/** A results folder for the scenario at `dir`, as `run` writes it for the report (see above). */
async function results(dir: string): Promise<{ out: string; blocks: number }> {
  const sc = await loadScenario(dir);
  const matrix = await computeDistanceMatrix(sc);
  const out = path.join(tmp, `results-${path.basename(dir)}`);
  fs.mkdirSync(out, { recursive: true });
  const today = staticCoverage(sc, matrix);
  fs.writeFileSync(path.join(out, 'summary.json'), JSON.stringify({ quarterhour: 1, scenario: sc.name, source: path.relative(out, dir), seed: sc.seed, today: today.summary }, null, 2));
  const conversions: { candidate: string; services: string[] }[] = [];
  const cd = sc.candidates;
  for (let c = 0; c < cd.count && conversions.length < 40; c += 97) {
    if (cd.allowedOffsets[c + 1] > cd.allowedOffsets[c]) conversions.push({ candidate: cd.ids[c], services: [sc.services[cd.allowedIndex[cd.allowedOffsets[c]]].id] });
  }
  const plan = parsePlan({ conversions }, 'plan', sc);
  fs.writeFileSync(path.join(out, 'plan.json'), JSON.stringify(planToJson(sc, plan), null, 2));
  writeCsvRows(path.join(out, 'coverage.csv'), COVERAGE_PLAN_COLUMNS, coverageRows(sc, today.table, staticCoverage(sc, matrix, plan).table));
  return { out, blocks: sc.blocks.count };
}

/** The report command in a fresh process: seconds, and its progress lines. */
function reportCommand(dir: string, file: string): { seconds: number; progress: string } {
  // dist/ may be half-written by a concurrent build (a shared working tree): wait and try again
  for (let attempt = 0; ; attempt++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/quarterhour.js'), 'report', dir, '--out', file], { encoding: 'utf8' });
    const seconds = (performance.now() - t) / 1000;
    if (r.status === 0) return { seconds, progress: r.stderr.trim() };
    if (attempt >= 10 || !r.stderr.includes('ERR_MODULE_NOT_FOUND')) throw new Error(`report ${dir} exited ${r.status}:\n${r.stderr}`);
    spawnSync('sleep', ['10']);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Milliseconds from navigation to the map's load and to just after the first frame (performance marks of client/report.js), median of 3 loads. */
async function drawTimes(file: string): Promise<{ loadMs: number; frameMs: number; errors: string[]; renderer: string; phases: string }> {
  if (!CHROMIUM) return { loadMs: NaN, frameMs: NaN, errors: ['chromium not found'], renderer: '', phases: '' };
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const loads: number[] = [];
  const frames: number[] = [];
  const errors: string[] = [];
  let renderer = '';
  const phases: string[] = [];
  try {
    for (let k = 0; k < 3; k++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`file://${file}`, { timeout: 60_000 });
      await page.waitForFunction(() => performance.getEntriesByName('qh-first-frame').length > 0, undefined, { timeout: 60_000 });
      const t = (await page.evaluate(`({
        load: performance.getEntriesByName('qh-map-load')[0]?.startTime ?? NaN,
        frame: performance.getEntriesByName('qh-first-frame')[0].startTime,
        renderer: window.quarterhourReport.renderer,
        marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('qh-')).map((m) => m.name.slice(3) + ' ' + Math.round(m.startTime)).join(', '),
      })`)) as { load: number; frame: number; renderer: string; marks: string };
      phases.push(t.marks);
      loads.push(t.load);
      frames.push(t.frame);
      renderer = t.renderer;
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return { loadMs: median(loads), frameMs: median(frames), errors, renderer, phases: phases.join('; ') };
}

const cases: { name: string; dir: string }[] = [{ name: 'default scenario', dir: path.join(ROOT, 'scenarios/default') }];
const bigDir = path.join(tmp, 'big');
const tGen = performance.now();
await writeScenario(bigDir, await generateCity({ residents: BIG_RESIDENTS, seed: 7 }));
process.stderr.write(`bench: generated ${BIG_RESIDENTS} residents (${((performance.now() - tGen) / 1000).toFixed(1)} s)\n`);
cases.push({ name: `generated, ${BIG_RESIDENTS.toLocaleString('en-US')} residents`, dir: bigDir });

const rows: string[] = [];
const notes: string[] = [];
for (const c of cases) {
  const { out, blocks } = await results(c.dir);
  process.stderr.write(`bench: results of ${c.name} written\n`);
  const file = path.join(tmp, `${path.basename(c.dir)}.html`);
  const cmd = reportCommand(out, file);
  const bytes = fs.statSync(file).size;
  const draw = await drawTimes(file);
  rows.push(`| ${c.name} | ${blocks.toLocaleString('en-US')} | ${cmd.seconds.toFixed(1)} s | ${(bytes / 1048576).toFixed(2)} MB | ${draw.renderer} | ${Math.round(draw.loadMs)} ms | ${Math.round(draw.frameMs)} ms | ${draw.errors.length} |`);
  notes.push(`${c.name}, report progress:\n\n\`\`\`\n${cmd.progress}\n\`\`\`\n\nIn Chromium, ms from navigation (each load): ${draw.phases}. Load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(', ')}.`);
  process.stderr.write(`${rows[rows.length - 1]}\n`);
}

const text = [
  `The HTML report at scale. ${machineLine()}, load average ${LOAD_BEFORE} before the run (a machine shared with other jobs: browser times move by a third between runs). Chromium headless (software rendering), 1280 x 900 viewport.`,
  '',
  '| scenario | blocks | `report` command | file | blocks drawn as | map `load` | first frame | console errors |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows,
  '',
  'Times in Chromium are from navigation start (median of 3 loads); "first frame" is just after the first frame drawn with the map (a big report builds its charts and what-if panel right after it). Phases: script = the page script starts (HTML parsed, Leaflet and Chart.js compiled), inflated / parsed = the gzipped data inflated / its JSON parsed (big reports), expanded = columns turned into objects, map-load = Leaflet map load, first-frame.',
  '',
  ...notes.flatMap((n) => [n, '']),
].join('\n');
process.stdout.write(`${text}\n`);
writeFileAtomic(path.join(ROOT, 'bench/results/report.md'), text);
fs.rmSync(tmp, { recursive: true, force: true });
