/**
 * Benchmark of the MCLP solvers on seeded random instances (n demand points, m sites, p), each site
 * covering 2-5% of the points: quarterhour auto, local and lagrangian; the monolithic MILP in HiGHS
 * (WebAssembly, in a worker); CBC (Debian coinor-cbc) on the same LP file; javascript-lp-solver where
 * sane; and, on request, auto-noprobe (auto without its LP probing). Each method runs in its own child process (peak memory = that process's max RSS).
 *
 *   npx tsx bench/optimize.ts [--sizes 1000x200x10,5000x500x20,...] [--time-limit 30] [--methods auto,local,...] [--seed 1 | --seeds 1-10]
 *                             [--shares 0.02-0.05] [--geometry square|torus] [--out bench/results/optimize.md]
 * (--shares: the range of the share of points each site covers; smaller shares make the big sizes hard.
 *  --geometry torus: no edges, every disk holds its full share; a much harder family, see src/locate/instances/randomMclp.ts.)
 * Prints a markdown table and writes bench/results/optimize.md.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomMclp } from '../src/locate/instances/randomMclp.ts';
import { solveCoverage } from '../src/locate/solvers/solveCoverage.ts';
import { coverageLp } from '../src/locate/model/lpFormat.ts';
import { runHighs } from '../src/locate/solvers/highs/highs.ts';
import type { SolverName } from '../src/locate/model/result.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ALL_SIZES = '1000x200x10,5000x500x20,20000x2000x50,100000x5000x100';
const ALL_METHODS = ['auto', 'local', 'lagrangian', 'highs', 'cbc', 'jslp'];

interface Row {
  size: string;
  seed?: number;
  method: string;
  status: string;
  objective: number;
  bound: number;
  wall: number;
  peakMiB: number;
  note: string;
  /** The solver's full notes (printed to stderr, not tabled). */
  detail?: string;
}

function parseSize(s: string): { n: number; m: number; p: number } {
  const [n, m, p] = s.split('x').map(Number);
  if (![n, m, p].every((v) => Number.isInteger(v) && v > 0)) throw new Error(`bad size '${s}', expected NxMxP`);
  return { n, m, p };
}

let SHARES: [number, number] = [0.02, 0.05];
let GEOMETRY: 'square' | 'torus' = 'square';

function lpPath(size: string, seed: number): string {
  return path.join(os.tmpdir(), `quarterhour-bench-mclp-${size}-s${seed}-${SHARES.join('-')}-${GEOMETRY}.lp`);
}

/** Child mode: run one method and print one JSON line. */
async function child(method: string, size: string, timeLimit: number, seed: number): Promise<void> {
  const { n, m, p } = parseSize(size);
  const inst = randomMclp({ n, m, p, seed, minShare: SHARES[0], maxShare: SHARES[1], geometry: GEOMETRY });
  const t0 = performance.now();
  let out: Omit<Row, 'size' | 'method' | 'peakMiB'>;
  if (method === 'writelp') {
    fs.writeFileSync(lpPath(size, seed), coverageLp(inst));
    out = { status: 'written', objective: NaN, bound: NaN, wall: 0, note: `${inst.coverOptions.length} nonzeros` };
  } else if (method === 'highs') {
    const r = await runHighs(coverageLp(inst), { timeLimit });
    out = { status: r.failure ? 'error' : r.modelStatus, objective: r.objective, bound: r.dualBound, wall: (performance.now() - t0) / 1000, note: r.failure ?? '' };
  } else {
    // 'auto-noprobe': auto without its LP probing, to measure what probing buys.
    const solver = (method === 'auto-noprobe' ? 'auto' : method) as SolverName;
    const r = await solveCoverage(inst, { solver, timeLimit, threads: 2, seed, probe: method !== 'auto-noprobe' });
    out = { status: r.status, objective: r.objective, bound: r.bound, wall: (performance.now() - t0) / 1000, note: r.notes.map((s) => s.split(':')[0]).join('+'), detail: r.notes.join('\n    ') };
  }
  process.stdout.write(`RESULT ${JSON.stringify({ ...out, peakMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
}

function runChild(method: string, size: string, timeLimit: number, seed: number): Row {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', method, '--sizes', size, '--time-limit', String(timeLimit), '--seed', String(seed), '--shares', SHARES.join('-'), '--geometry', GEOMETRY], {
    cwd: path.join(HERE, '..'),
    encoding: 'utf8',
    timeout: (timeLimit * 3 + 120) * 1000,
    maxBuffer: 1 << 26,
  });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) {
    const why = r.error ? r.error.message : `exit ${r.status} ${r.signal ?? ''} ${(r.stderr ?? '').trim().split('\n').slice(-1)[0] ?? ''}`;
    return { size, method, status: 'error', objective: NaN, bound: NaN, wall: (performance.now() - t0) / 1000, peakMiB: NaN, note: why.slice(0, 120) };
  }
  return { size, method, ...JSON.parse(line.slice(7)) };
}

function runCbc(size: string, timeLimit: number, seed: number): Row {
  const lp = lpPath(size, seed);
  const t0 = performance.now();
  // `timeout` is cbc's parent, so a hard stop kills cbc itself (not only the wrapper); /usr/bin/time sees its peak RSS.
  const hardStop = String(Math.round(timeLimit * 3 + 60));
  const r = spawnSync('/usr/bin/time', ['-f', 'MAXRSS %M', 'timeout', '-s', 'KILL', hardStop, 'cbc', lp, 'sec', String(timeLimit), 'threads', '1', 'solve'], { encoding: 'utf8', timeout: (timeLimit * 3 + 120) * 1000, maxBuffer: 1 << 26 });
  const wall = (performance.now() - t0) / 1000;
  const text = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
  const num = (re: RegExp): number => {
    const mm = text.match(re);
    return mm ? Number(mm[1]) : NaN;
  };
  const rss = num(/MAXRSS (\d+)/) / 1024;
  const result = (text.match(/Result - ([^\n]+)/)?.[1] ?? (r.error ? r.error.message : 'no result')).trim();
  let objective = num(/Objective value:\s+([-\d.eE+]+)/);
  let bound = num(/(?:Upper|Lower) bound:\s+([-\d.eE+]+)/);
  if (objective < 0) objective = -objective; // CBC minimises the negated objective of a maximisation
  if (bound < 0) bound = -bound;
  const optimal = /Optimal solution found/.test(result);
  if (optimal && !Number.isFinite(bound)) bound = objective;
  const killed = r.status === 137 || /Command exited with non-zero status 137/.test(text);
  const status = optimal ? 'optimal' : killed ? 'killed' : /time/i.test(result) ? 'time-limit' : result.slice(0, 40);
  return { size, method: 'cbc', status, objective, bound, wall, peakMiB: killed ? NaN : rss, note: killed ? `killed after ${hardStop} s (still reading/solving)` : result.slice(0, 60) };
}

/** '3' -> [3]; '1-10' -> [1..10]; '1,4,9' -> [1, 4, 9]. */
function parseSeeds(s: string): number[] {
  const out: number[] = [];
  for (const part of s.split(',')) {
    const [a, b] = part.split('-').map(Number);
    if (!Number.isInteger(a) || (b !== undefined && !(Number.isInteger(b) && b >= a))) throw new Error(`bad seeds '${s}', expected e.g. 1-10 or 1,4,9`);
    for (let v = a; v <= (b ?? a); v++) out.push(v);
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sizes: { type: 'string' }, 'time-limit': { type: 'string' }, methods: { type: 'string' }, seed: { type: 'string' }, seeds: { type: 'string' }, child: { type: 'string' }, 'jslp-max-n': { type: 'string' }, shares: { type: 'string' }, geometry: { type: 'string' }, out: { type: 'string' } },
  });
  const timeLimit = Number(values['time-limit'] ?? 30);
  const seed = Number(values.seed ?? 1);
  const seeds = parseSeeds(values.seeds ?? String(seed));
  const sizes = (values.sizes ?? ALL_SIZES).split(',');
  if (values.shares) {
    const [lo, hi] = values.shares.split('-').map(Number);
    if (!(lo > 0 && hi >= lo && hi < 1)) throw new Error(`bad --shares '${values.shares}', expected e.g. 0.02-0.05`);
    SHARES = [lo, hi];
  }
  if (values.geometry) {
    if (values.geometry !== 'square' && values.geometry !== 'torus') throw new Error(`bad --geometry '${values.geometry}', expected square or torus`);
    GEOMETRY = values.geometry;
  }
  if (values.child) return child(values.child, sizes[0], timeLimit, seed);
  const methods = (values.methods ?? ALL_METHODS.join(',')).split(',');
  const jslpMaxN = Number(values['jslp-max-n'] ?? 1000);
  const rows: Row[] = [];
  for (const seed of seeds) for (const size of sizes) {
    const { n } = parseSize(size);
    for (const method of methods) {
      let row: Row;
      if (method === 'jslp' && n > jslpMaxN) row = { size, method, status: 'skipped', objective: NaN, bound: NaN, wall: NaN, peakMiB: NaN, note: `n > ${jslpMaxN}: not sane for javascript-lp-solver` };
      else if (method === 'cbc') {
        if (spawnSync('which', ['cbc']).status !== 0) row = { size, method, status: 'skipped', objective: NaN, bound: NaN, wall: NaN, peakMiB: NaN, note: 'cbc not installed (apt-get install coinor-cbc)' };
        else {
          const w = runChild('writelp', size, timeLimit, seed);
          row = w.status === 'written' ? runCbc(size, timeLimit, seed) : { ...w, method: 'cbc' };
          fs.rmSync(lpPath(size, seed), { force: true });
        }
      } else row = runChild(method, size, timeLimit, seed);
      rows.push({ ...row, seed });
      process.stderr.write(`${size} seed ${seed} ${method}: ${row.status} ${row.objective} / ${row.bound} in ${row.wall.toFixed(1)} s\n${row.detail ? `    ${row.detail}\n` : ''}`);
    }
  }
  // Best (smallest valid) bound per size, from any method that reports one.
  const bestBound = new Map<string, number>();
  const bestObj = new Map<string, number>();
  const key = (r: Row): string => `${r.size}/${r.seed}`;
  for (const r of rows) {
    if (Number.isFinite(r.bound) && r.bound > 0) bestBound.set(key(r), Math.min(bestBound.get(key(r)) ?? Infinity, r.bound));
    if (Number.isFinite(r.objective)) bestObj.set(key(r), Math.max(bestObj.get(key(r)) ?? -Infinity, r.objective));
  }
  const f = (v: number, d = 0): string => (Number.isFinite(v) ? v.toFixed(d) : '—');
  const lines = [
    `# MCLP benchmark (bench/optimize.ts)`,
    '',
    `Machine: ${os.cpus()[0]?.model ?? 'unknown'} x ${os.availableParallelism()} (shared), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; time limit ${timeLimit} s per method; seed${seeds.length > 1 ? 's' : ''} ${seeds.length > 1 ? `${seeds[0]}-${seeds[seeds.length - 1]}` : seeds[0]}; ${new Date().toISOString().slice(0, 10)}.`,
    `Instances: seeded random points on the unit ${GEOMETRY}, weights 1..100, each site covering ${100 * SHARES[0]}-${100 * SHARES[1]}% of the points${GEOMETRY === 'square' ? ' (less at the edges)' : ''} (src/locate/instances/randomMclp.ts).`,
    '"gap" is (own bound - objective) / own bound; "to best bound" is (best bound of any method - objective) / best bound, a certified gap.',
    '',
    '| n x m x p | seed | method | status | objective | bound | gap | to best bound | wall s | peak MiB | notes |',
    '| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const r of rows) {
    const gap = Number.isFinite(r.bound) && Number.isFinite(r.objective) ? Math.max(0, (r.bound - r.objective) / r.bound) : NaN;
    const bb = bestBound.get(key(r)) ?? NaN;
    const toBest = Number.isFinite(bb) && Number.isFinite(r.objective) ? Math.max(0, (bb - r.objective) / bb) : NaN;
    lines.push(`| ${r.size} | ${r.seed} | ${r.method} | ${r.status} | ${f(r.objective)} | ${f(r.bound, 1)} | ${Number.isFinite(gap) ? `${(100 * gap).toFixed(3)}%` : '—'} | ${Number.isFinite(toBest) ? `${(100 * toBest).toFixed(3)}%` : '—'} | ${f(r.wall, 2)} | ${f(r.peakMiB)} | ${r.note.replace(/\|/g, '/')} |`);
  }
  if (seeds.length > 1) {
    lines.push('', `Over ${seeds.length} seeds:`, '', '| n x m x p | method | proven optimal | wall s: median | max |', '| --- | --- | ---: | ---: | ---: |');
    for (const size of sizes) for (const method of methods) {
      const mine = rows.filter((r) => r.size === size && r.method === method);
      const walls = mine.map((r) => r.wall).filter(Number.isFinite).sort((a, b) => a - b);
      const median = walls.length ? (walls.length % 2 ? walls[(walls.length - 1) / 2] : (walls[walls.length / 2 - 1] + walls[walls.length / 2]) / 2) : NaN;
      lines.push(`| ${size} | ${method} | ${mine.filter((r) => r.status === 'optimal').length} of ${mine.length} | ${f(median, 2)} | ${f(walls[walls.length - 1] ?? NaN, 2)} |`);
    }
  }
  const md = `${lines.join('\n')}\n`;
  process.stdout.write(md);
  const out = values.out ? path.resolve(values.out) : path.join(HERE, 'results', 'optimize.md');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, md);
  fs.renameSync(tmp, out);
}

await main();
