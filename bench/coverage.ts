/**
 * coverage.csv at city scale: one table with the plan's columns beside today's (what `run` writes)
 * against the two tables runs wrote before (coverage.csv and coverage_after.csv, today's columns each).
 * On a generated scenario (default 21,000 blocks, 500,000 residents, seed 11) or a given one, with the
 * plan of a results folder (--plan results/x/plan.json) or, without one, every 29th idle space
 * converted to its first allowed service: rows, bytes (csv and csv.gz), the seconds to build the text
 * alone (src/coverage/csv.ts coverageText, CsvBytes pieces) and to write each layout through
 * src/io/tableWriter.ts (wall and the process's CPU, every thread), best of --repeat (default 3).
 * Prints a markdown table and writes it to bench/results/coverage.md.
 *
 * Run: npx tsx bench/coverage.ts [--scenario dir] [--plan plan.json] [--blocks 21000] [--residents 500000] [--seed 11] [--repeat 3] [--threads 2]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COVERAGE_COLUMNS, coverageColumns, coverageRowCount, coverageText } from '../src/coverage/csv.ts';
import { staticCoverage } from '../src/coverage/static.ts';
import { CsvFields } from '../src/io/csv.ts';
import { writeTable, type TableFormat } from '../src/io/tableWriter.ts';
import { parsePlan, readPlan } from '../src/plan/io.ts';
import type { Plan } from '../src/plan/types.ts';
import { generateCity } from '../src/scenario/generate.ts';
import { loadScenario } from '../src/scenario/load.ts';
import type { Scenario } from '../src/scenario/types.ts';
import { computeDistanceMatrix } from '../src/travel/travelMatrix.ts';
import { machineLine } from './machine.ts';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const REPEAT = Number(arg('repeat', '3'));
const THREADS = Number(arg('threads', '2'));
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(', ');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-bench-coverage-'));

const given = arg('scenario');
const sc: Scenario = given ? await loadScenario(given) : await generateCity({ residents: Number(arg('residents', '500000')), blocks: Number(arg('blocks', '21000')), seed: Number(arg('seed', '11')), name: 'city' });
const matrix = await computeDistanceMatrix(sc);
let plan: Plan;
const planFile = arg('plan');
if (planFile) plan = readPlan(planFile, sc);
else {
  const conversions: { candidate: string; services: string[] }[] = [];
  const cd = sc.candidates;
  for (let c = 0; c < cd.count; c += 29) if (cd.allowedOffsets[c + 1] > cd.allowedOffsets[c]) conversions.push({ candidate: cd.ids[c], services: [sc.services[cd.allowedIndex[cd.allowedOffsets[c]]].id] });
  plan = parsePlan({ conversions }, 'plan', sc);
}
const today = staticCoverage(sc, matrix).table;
const after = staticCoverage(sc, matrix, plan).table;

/** Best wall and CPU seconds of `f` over REPEAT runs. */
async function best(f: () => Promise<unknown> | unknown): Promise<{ wall: number; cpu: number }> {
  let wall = Infinity;
  let cpu = Infinity;
  for (let r = 0; r < REPEAT; r++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await f();
    const u = process.cpuUsage(c);
    wall = Math.min(wall, (performance.now() - t) / 1000);
    cpu = Math.min(cpu, (u.user + u.system) / 1e6);
  }
  return { wall, cpu };
}

const textOnly = (withPlan: boolean) => () => {
  let n = 0;
  for (const piece of coverageText(sc, today, new CsvFields(coverageColumns(withPlan)), undefined, undefined, withPlan ? after : null)) n += piece.length;
  return n;
};
const write = (dir: string, format: TableFormat, layout: 'merged' | 'two') => async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const out = { format, threads: THREADS };
  if (layout === 'merged') await writeTable(dir, { base: 'coverage', columns: coverageColumns(true), text: (f, tick) => coverageText(sc, today, f, undefined, tick, after), count: coverageRowCount(sc) }, out);
  else {
    await writeTable(dir, { base: 'coverage', columns: COVERAGE_COLUMNS, text: (f, tick) => coverageText(sc, today, f, undefined, tick), count: coverageRowCount(sc) }, out);
    await writeTable(dir, { base: 'coverage_after', columns: COVERAGE_COLUMNS, text: (f, tick) => coverageText(sc, after, f, undefined, tick), count: coverageRowCount(sc) }, out);
  }
};
const bytesIn = (dir: string) => fs.readdirSync(dir).reduce((a, f) => a + fs.statSync(path.join(dir, f)).size, 0);

const loadBefore = load();
const rows: string[] = [];
for (const layout of ['two', 'merged'] as const) {
  const text = await best(layout === 'merged' ? textOnly(true) : async () => (textOnly(false)(), textOnly(false)()));
  const cells: string[] = [layout === 'merged' ? 'one table, plan columns beside today’s (now)' : 'coverage.csv + coverage_after.csv (before)', (layout === 'merged' ? coverageRowCount(sc) : 2 * coverageRowCount(sc)).toLocaleString('en'), text.wall.toFixed(2)];
  for (const format of ['csv', 'csv.gz'] as const) {
    const dir = path.join(tmp, `${layout}-${format}`);
    const t = await best(write(dir, format, layout));
    cells.push((bytesIn(dir) / 1e6).toFixed(2), `${t.wall.toFixed(2)} / ${t.cpu.toFixed(2)}`);
  }
  rows.push(`| ${cells.join(' | ')} |`);
}

const lines = [
  `coverage.csv on ${sc.blocks.count.toLocaleString('en')} blocks × ${sc.services.length} services × 6 age bands (${given ? given : `generated: --residents ${arg('residents', '500000')} --blocks ${arg('blocks', '21000')} --seed ${arg('seed', '11')}`}), a plan of ${plan.conversions.length} conversions; best of ${REPEAT}, writer threads ${THREADS}.`,
  `Machine: ${machineLine()}; load average before: ${loadBefore}, after: ${load()}.`,
  '',
  '| layout | rows | text only, wall (s) | csv (MB) | csv: write wall / CPU (s) | csv.gz (MB) | csv.gz: write wall / CPU (s) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
  '',
  'CPU seconds count every thread of the process (gzip runs on the thread pool while JavaScript builds the next rows).',
];
process.stdout.write(`${lines.join('\n')}\n`);
fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'coverage.md'), `${lines.join('\n')}\n`);
fs.rmSync(tmp, { recursive: true, force: true });
