/**
 * The optimize stage at city scale: generated cities of 250,000, 1,000,000 (seeds 11, 12, 13) and
 * 4,000,000 residents, and the default scenario. Each city is generated once and its simulated demand
 * computed once, both cached in os.tmpdir()/qh-city-optimize (the demand keyed by a hash of the
 * scenario files and of src/simulate); then each instance is optimized in its own process, as `run`
 * does it (solver auto, the explained plan's re-solves, time limit 60 s), and timed: status, objective,
 * bound, gap, seconds and the process's peak RSS.
 * Run: npx tsx bench/cityOptimize.ts [--threads 2] [--only name,name]
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../src/io/atomic.ts';
import { withJob } from '../src/jobs/context.ts';
import { optimizeScenario } from '../src/optimize/optimize.ts';
import { generateCity } from '../src/scenario/generate.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { writeScenario } from '../src/scenario/write.ts';
import { simulate } from '../src/simulate/simulate.ts';
import { machineLine, peakRssMiB } from './machine.ts';

const CITIES: { name: string; residents?: number; seed?: number; dir?: string }[] = [
  { name: 'default', dir: 'scenarios/default' },
  { name: '250k-s11', residents: 250_000, seed: 11 },
  { name: '1M-s11', residents: 1_000_000, seed: 11 },
  { name: '1M-s12', residents: 1_000_000, seed: 12 },
  { name: '1M-s13', residents: 1_000_000, seed: 13 },
  { name: '4M-s11', residents: 4_000_000, seed: 11 },
];

const { values } = parseArgs({ options: { threads: { type: 'string', default: '2' }, only: { type: 'string' }, one: { type: 'string' } } });
const threads = Number(values.threads);
const cache = path.join(os.tmpdir(), 'qh-city-optimize');
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function hashFiles(paths: string[]): string {
  const h = crypto.createHash('sha256');
  for (const p of paths) for (const f of fs.statSync(p).isDirectory() ? fs.readdirSync(p).sort().map((n) => path.join(p, n)) : [p]) if (fs.statSync(f).isFile()) h.update(f).update(fs.readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

/** The scenario folder of a city (generated once) and its simulated demand (cached by content). */
async function prepare(c: (typeof CITIES)[number]): Promise<{ dir: string; demandFile: string }> {
  const dir = c.dir ? path.resolve(repo, c.dir) : path.join(cache, c.name);
  if (!c.dir && !fs.existsSync(path.join(dir, 'scenario.json'))) await writeScenario(dir, await generateCity({ residents: c.residents!, seed: c.seed! }));
  const key = hashFiles([dir, path.join(repo, 'src/simulate')]);
  const demandFile = path.join(cache, `${c.name}-${key}.demand`);
  if (!fs.existsSync(demandFile)) {
    const sc = await loadScenario(dir);
    await withJob(sc, { threads }, async (ctx) => {
      const { matrix } = await ctx.travelMatrix();
      const { demand } = await simulate(sc, matrix, { threads: ctx.threads, pool: ctx.parallelPool(), seed: sc.seed, keepResidents: false });
      fs.mkdirSync(cache, { recursive: true });
      writeFileAtomic(demandFile, Buffer.from(demand.buffer, demand.byteOffset, demand.byteLength));
    });
  }
  return { dir, demandFile };
}

/** One instance in this process: the optimize stage as `run` runs it; prints one JSON line. */
async function one(name: string): Promise<void> {
  const c = CITIES.find((x) => x.name === name)!;
  const { dir, demandFile } = await prepare(c);
  const sc = await loadScenario(dir);
  const buf = fs.readFileSync(demandFile);
  const demand = new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  await withJob(sc, { threads }, async (ctx) => {
    const { matrix } = await ctx.travelMatrix();
    const todayNearest = await ctx.todayNearest();
    const t = performance.now();
    const o = await optimizeScenario(sc, matrix, demand, { solver: 'auto', timeLimit: 60, threads, pool: ctx.pool(), todayNearest, seed: sc.seed, explain: { reSolve: true } });
    const seconds = (performance.now() - t) / 1000;
    const planHash = crypto.createHash('sha256').update(JSON.stringify(o.result.selected)).digest('hex').slice(0, 12);
    process.stdout.write(`${JSON.stringify({ name, blocks: sc.blocks.count, spaces: sc.candidates.count, options: o.model.options, solver: o.solver, seconds, explainMs: o.timings.explainMs ?? 0, planHash, rss: peakRssMiB() })}\n`);
  });
}

if (values.one) await one(values.one);
else {
  const names = values.only ? values.only.split(',') : CITIES.map((c) => c.name);
  const rows: string[] = [];
  for (const name of names) {
    await prepare(CITIES.find((c) => c.name === name)!); // generation and simulation outside the timed process
    const load = os.loadavg()[0].toFixed(1);
    const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--one', name, '--threads', String(threads)], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 26 });
    const r = JSON.parse(out.trim().split('\n').pop()!);
    const s = r.solver;
    const gap = s.gap === null ? '—' : `${(s.gap * 100).toFixed(3)}%`;
    const row = `| ${name} | ${r.blocks.toLocaleString('en-US')} / ${r.spaces.toLocaleString('en-US')} / ${r.options.toLocaleString('en-US')} | ${s.status} | ${s.objective.toLocaleString('en-US')} | ${s.bound.toLocaleString('en-US')} | ${gap} | ${r.seconds.toFixed(1)} s (explain ${(r.explainMs / 1000).toFixed(1)} s) | ${r.rss} MiB | ${load} | ${r.planHash} |`;
    process.stderr.write(`${row}\n`);
    rows.push(row);
  }
  const text = [
    `Optimize stage (solver auto, explained plan with re-solves, time limit 60 s), ${threads} thread(s). ${machineLine()}.`,
    '',
    '| instance | blocks / spaces / options | status | objective | bound | gap | optimize stage | peak RSS | load (1 min) | plan hash |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
  ].join('\n');
  process.stdout.write(`${text}\n`);
  if (!values.only) writeFileAtomic(path.join(repo, 'bench/results/cityOptimize.md'), `${text}\n`);
}
