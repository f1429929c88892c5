/**
 * Benchmark of the coverage optimizer against CBC and whole-model HiGHS, by instance family (issue 14).
 * Every method runs in its own child process with the family's target time as its time limit, on the
 * same instance; CBC and HiGHS read the same LP file (src/locate/model/lpFormat.ts); each gets the
 * threads it can use (CBC `threads` = the cores; HiGHS WebAssembly has one; `auto` gets --threads).
 * For every method: status, objective, bound, gap to its own bound, gap to the best bound of any
 * method, wall time and peak memory (max RSS of its process).
 *
 * Families (FAMILIES below; `--families a,b` picks some):
 *   square-spread  5,000 × 500 × p 20 on the unit square, each site's disk 2-5% of the square; target: proven < 10 s
 *   square-fixed   the same with every disk 3.5%; target: proven < 10 s
 *   torus-spread, torus-fixed   the same on the torus (no edges); target: proven < 30 s
 *   cordeau-100    1,000,000 points × 100 sites, p 10, disks of 2%, read from a long cost CSV by the
 *                  whole `locate --costs` command; target: proven < 60 s and < 2 GiB
 *   cordeau-1000   1,000,000 points × 1,000 sites, p 50, disks of 0.2%; same target
 *   capacitated    capacitated MCLP 2,000 × 200 × 10 (bench/capacitated.ts, its own methods and table)
 * A family is a value of type Family: adding one to FAMILIES is the hook for more.
 *
 *   npx tsx bench/optimize.ts [--quick | --full] [--families f1,f2] [--seeds 1-5] [--methods auto,cbc] [--time-limit s] [--threads 2] [--out bench/results/optimize.md]
 * --build: build dist/ first (when stale), so that the locate rows run the compiled command (else, with
 * dist/ incomplete or with --from-source, the sources through tsx). --quick (the default): a few seeds per family, minutes; --full: seeds 1-20 (square) and 1-10 (torus),
 * every method. Methods of the MCLP families: auto (with its branch-and-bound), auto-notree (auto as it
 * was: LP probing and HiGHS after the reduction), highs, cbc; of Cordeau: locate (the whole command),
 * highs, cbc. The markdown (summary first, then every run) goes to --out and stdout.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import seedrandom from 'seedrandom';
import { randomMclp } from '../src/locate/instances/randomMclp.ts';
import { solveCoverage } from '../src/locate/solvers/solveCoverage.ts';
import { coverageLp } from '../src/locate/model/lpFormat.ts';
import { runHighs } from '../src/locate/solvers/highs/highs.ts';
import { readCostCsv } from '../src/locate/io/costCsv.ts';
import { coverageFromCosts } from '../src/locate/model/costMatrix.ts';
import type { CoverageInstance } from '../src/locate/model/coverage.ts';
import { machineLine } from './machine.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.join(HERE, '..');
const SELF = fileURLToPath(import.meta.url);

export interface Row {
  family: string;
  seed: number;
  method: string;
  status: string;
  objective: number;
  bound: number;
  wall: number;
  peakMiB: number;
  note: string;
  detail?: string;
}

export interface Family {
  name: string;
  /** One line: the instances. */
  title: string;
  /** The target, in words, and its time limit (s) and memory cap (MiB; Infinity: none). */
  target: string;
  timeLimit: number;
  memCapMiB: number;
  quickSeeds: number[];
  fullSeeds: number[];
  quickMethods: string[];
  fullMethods: string[];
  /** Run one method on one seed. */
  run(method: string, seed: number, timeLimit: number, threads: number): Row;
  /** A family with its own table (e.g. capacitated): runs everything itself and returns its markdown. */
  runAll?(seeds: number[], methods: string[], timeLimit: number): Promise<string>;
}

// ---------------------------------------------------------------------------------------------
// Running methods in child processes

const err = (family: string, seed: number, method: string, note: string): Row => ({ family, seed, method, status: 'error', objective: NaN, bound: NaN, wall: NaN, peakMiB: NaN, note: note.slice(0, 160) });

/** This script in child mode: one method, one instance, one RESULT line. */
function runChild(family: string, method: string, seed: number, timeLimit: number, threads: number): Row {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--child', method, '--families', family, '--seeds', String(seed), '--time-limit', String(timeLimit), '--threads', String(threads)], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: (timeLimit * 3 + 120) * 1000,
    maxBuffer: 1 << 26,
  });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) return { ...err(family, seed, method, r.error ? r.error.message : `exit ${r.status} ${r.signal ?? ''} ${(r.stderr ?? '').trim().split('\n').slice(-1)[0] ?? ''}`), wall: (performance.now() - t0) / 1000 };
  return { family, seed, method, ...JSON.parse(line.slice(7)) };
}

/** CBC on an LP file (a maximisation: CBC prints the negated objective), with `threads` threads. */
function runCbc(family: string, seed: number, lp: string, timeLimit: number, threads: number): Row {
  const t0 = performance.now();
  const hardStop = String(Math.round(timeLimit * 2 + 60));
  const r = spawnSync('/usr/bin/time', ['-f', 'MAXRSS %M', 'timeout', '-s', 'KILL', hardStop, 'cbc', lp, 'sec', String(timeLimit), 'threads', String(threads), 'solve'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (performance.now() - t0) / 1000;
  const text = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
  const num = (re: RegExp): number => {
    const mm = text.match(re);
    return mm ? Number(mm[1]) : NaN;
  };
  const result = (text.match(/Result - ([^\n]+)/)?.[1] ?? (r.error ? r.error.message : 'no result')).trim();
  let objective = Math.abs(num(/Objective value:\s+([-\d.eE+]+)/));
  let bound = Math.abs(num(/(?:Upper|Lower) bound:\s+([-\d.eE+]+)/));
  const optimal = /Optimal solution found/.test(result);
  if (optimal && !Number.isFinite(bound)) bound = objective;
  if (!Number.isFinite(objective)) objective = NaN;
  const killed = /status 137/.test(text) || r.status === 137;
  const status = optimal ? 'optimal' : killed ? 'killed' : /time/i.test(result) ? 'time-limit' : result.slice(0, 40);
  return { family, seed, method: 'cbc', status, objective, bound, wall, peakMiB: num(/MAXRSS (\d+)/) / 1024, note: killed ? `killed after ${hardStop} s` : `${threads} threads; ${result.slice(0, 50)}` };
}

/** Write the instance's LP file (child 'writelp'), run CBC on it, remove it. */
function cbcOnLp(family: string, seed: number, timeLimit: number, threads: number): Row {
  if (spawnSync('which', ['cbc']).status !== 0) return { ...err(family, seed, 'cbc', 'cbc not installed (apt-get install coinor-cbc)'), status: 'skipped' };
  const w = runChild(family, 'writelp', seed, timeLimit, threads);
  if (w.status !== 'written') return { ...w, method: 'cbc' };
  try {
    return runCbc(family, seed, lpPath(family, seed), timeLimit, threads);
  } finally {
    fs.rmSync(lpPath(family, seed), { force: true });
  }
}

function lpPath(family: string, seed: number): string {
  return path.join(os.tmpdir(), `quarterhour-bench-${family}-s${seed}.lp`);
}

// ---------------------------------------------------------------------------------------------
// The random MCLP families (square, torus; spread or fixed disks)

function mclpFamily(name: string, geometry: 'square' | 'torus', shares: [number, number], timeLimit: number, quickSeeds: number[], fullSeeds: number[]): Family {
  const law = shares[0] === shares[1] ? `every disk ${100 * shares[0]}%` : `disks of ${100 * shares[0]}-${100 * shares[1]}%`;
  return {
    name,
    title: `MCLP 5,000 × 500 × p 20 on the unit ${geometry}, ${law} of the ${geometry}, weights 1-100 (src/locate/instances/randomMclp.ts)`,
    target: `every seed proven in under ${timeLimit} s`,
    timeLimit,
    memCapMiB: Infinity,
    quickSeeds,
    fullSeeds,
    quickMethods: ['auto', 'auto-notree', 'cbc', 'highs'],
    fullMethods: ['auto', 'auto-notree', 'cbc', 'highs'],
    run: (method, seed, tl, threads) => (method === 'cbc' ? cbcOnLp(name, seed, tl, threads) : runChild(name, method, seed, tl, threads)),
  };
}

function mclpInstance(f: string, seed: number): CoverageInstance {
  const spec = MCLP_SPECS[f];
  return randomMclp({ n: 5000, m: 500, p: 20, seed, minShare: spec.shares[0], maxShare: spec.shares[1], geometry: spec.geometry });
}
const MCLP_SPECS: Record<string, { geometry: 'square' | 'torus'; shares: [number, number] }> = {
  'square-spread': { geometry: 'square', shares: [0.02, 0.05] },
  'square-fixed': { geometry: 'square', shares: [0.035, 0.035] },
  'torus-spread': { geometry: 'torus', shares: [0.02, 0.05] },
  'torus-fixed': { geometry: 'torus', shares: [0.035, 0.035] },
};

// ---------------------------------------------------------------------------------------------
// Cordeau-scale: a million points from a long cost CSV, the whole `locate` command

const CORDEAU: Record<string, { m: number; p: number; share: number }> = {
  'cordeau-100': { m: 100, p: 10, share: 0.02 },
  'cordeau-1000': { m: 1000, p: 50, share: 0.002 },
};
const CORDEAU_N = 1_000_000;
/** --from-source: run `locate` from the sources through tsx even when dist/ is there. */
let FROM_SOURCE = false;

function cordeauRadius(share: number): number {
  return Math.sqrt(share / Math.PI);
}

/**
 * The long cost CSV of a Cordeau-scale instance (cached in the temp folder): points and sites uniform
 * on the unit square, integer weights 1-100, one row per pair within 1.5 radii (as a network tool
 * writes distances up to a cut-off), cost = distance to 6 decimals.
 */
function cordeauCsv(family: string, seed: number): string {
  const { m, share } = CORDEAU[family];
  const file = path.join(os.tmpdir(), `quarterhour-bench-${family}-s${seed}.csv`);
  if (fs.existsSync(file)) return file;
  const rng = seedrandom.alea(`cordeau:${family}:${seed}`);
  const sx = new Float64Array(m);
  const sy = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    sx[j] = rng();
    sy[j] = rng();
  }
  const cut = 1.5 * cordeauRadius(share);
  const G = Math.max(1, Math.floor(1 / cut));
  const cells: number[][] = Array.from({ length: G * G }, () => []);
  const cellOf = (v: number): number => Math.min(G - 1, Math.floor(v * G));
  for (let j = 0; j < m; j++) cells[cellOf(sx[j]) * G + cellOf(sy[j])].push(j);
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  let buf: string[] = ['client,site,d,w\n'];
  for (let i = 0; i < CORDEAU_N; i++) {
    const x = rng();
    const y = rng();
    const w = 1 + Math.floor(rng() * 100);
    const cx = cellOf(x);
    const cy = cellOf(y);
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      const gx = cx + dx;
      const gy = cy + dy;
      if (gx < 0 || gy < 0 || gx >= G || gy >= G) continue;
      for (const j of cells[gx * G + gy]) {
        const d = Math.hypot(x - sx[j], y - sy[j]);
        if (d <= cut) buf.push(`p${i},s${j},${d.toFixed(6)},${w}\n`);
      }
    }
    if (buf.length > 50_000) {
      fs.writeSync(fd, buf.join(''));
      buf = [];
    }
  }
  fs.writeSync(fd, buf.join(''));
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
  return file;
}

/** `quarterhour locate` on the CSV, the whole command, its peak RSS measured by /usr/bin/time. */
function runLocate(family: string, seed: number, timeLimit: number, threads: number): Row {
  const { p, share } = CORDEAU[family];
  const csv = cordeauCsv(family, seed);
  // The compiled command (bin/quarterhour.js runs dist/), or the sources through tsx when dist/ is incomplete.
  const compiled = !FROM_SOURCE && fs.existsSync(path.join(ROOT, 'dist', 'workers', 'index.js')) && fs.existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'main.js'));
  const entry = compiled ? [path.join(ROOT, 'bin', 'quarterhour.js')] : ['--import', 'tsx', path.join(HERE, 'quarterhourSource.ts')];
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'MAXRSS %M', process.execPath, ...entry, 'locate', '--model', 'mclp', '--costs', csv, '--from', 'client', '--to', 'site', '--cost', 'd', '--weight', 'w', '--radius', String(cordeauRadius(share)), '--p', String(p), '--time-limit', String(timeLimit), '--threads', String(threads), '--seed', String(seed), '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: (timeLimit * 3 + 120) * 1000,
    maxBuffer: 1 << 29,
  });
  const wall = (performance.now() - t0) / 1000;
  const rss = Number((r.stderr ?? '').match(/MAXRSS (\d+)/)?.[1] ?? NaN) / 1024;
  try {
    const j = JSON.parse(r.stdout) as { status: string; objective: number; bound: number; notes: string[] };
    return { family, seed, method: 'locate', status: j.status, objective: j.objective, bound: j.bound, wall, peakMiB: rss, note: `whole command (${compiled ? 'dist' : 'sources via tsx'}), ${threads} threads`, detail: j.notes.join('\n    ') };
  } catch {
    return { ...err(family, seed, 'locate', `exit ${r.status}: ${(r.stderr ?? '').trim().split('\n').slice(-2).join(' ')}`), wall, peakMiB: rss };
  }
}

function cordeauFamily(name: string): Family {
  const { m, p, share } = CORDEAU[name];
  return {
    name,
    title: `MCLP 1,000,000 points × ${m.toLocaleString('en')} sites, p ${p}, disks of ${100 * share}%, from a long cost CSV (pairs within 1.5 radii) through \`locate --costs\``,
    target: 'proven in under 60 s, whole command, under 2 GiB',
    timeLimit: 60,
    memCapMiB: 2048,
    quickSeeds: [1],
    fullSeeds: [1, 2, 3],
    quickMethods: ['locate'],
    fullMethods: ['locate', 'highs', 'cbc'],
    run: (method, seed, tl, threads) => {
      if (method === 'locate') return runLocate(name, seed, tl, threads);
      cordeauCsv(name, seed);
      return method === 'cbc' ? cbcOnLp(name, seed, tl, threads) : runChild(name, method, seed, tl, threads);
    },
  };
}

async function cordeauInstance(f: string, seed: number): Promise<CoverageInstance> {
  const { p, share } = CORDEAU[f];
  const cm = await readCostCsv(cordeauCsv(f, seed), { from: 'client', to: 'site', cost: 'd', weight: 'w' });
  return coverageFromCosts(cm, cordeauRadius(share), { maxOpen: p });
}

// ---------------------------------------------------------------------------------------------
// The capacitated row (bench/capacitated.ts, by its own helper): its own methods and table

function capacitatedFamily(): Family {
  return {
    name: 'capacitated',
    title: 'capacitated MCLP 2,000 × 200 × p 10 (split demand), bench/capacitated.ts',
    target: "proven in under 10 s, optimum equal to CBC's on the same LP file",
    timeLimit: 10,
    memCapMiB: Infinity,
    quickSeeds: [1],
    fullSeeds: [1, 2, 3],
    quickMethods: [],
    fullMethods: [],
    run: (method, seed) => err('capacitated', seed, method, 'runs through runAll'),
    runAll: async (seeds, methods, timeLimit) => {
      const cap = (await import('./capacitated.ts')) as { capacitatedFamily: (o: object) => unknown[]; capacitatedTable: (rows: unknown[]) => string };
      const rows = cap.capacitatedFamily({ seeds, timeLimit, ...(methods.length ? { methods } : {}), log: (s: string) => process.stderr.write(`${s}\n`) });
      return cap.capacitatedTable(rows);
    },
  };
}

export const FAMILIES: Family[] = [
  mclpFamily('square-spread', 'square', [0.02, 0.05], 10, [2, 12], range(1, 20)),
  mclpFamily('square-fixed', 'square', [0.035, 0.035], 10, [2, 3], range(1, 20)),
  mclpFamily('torus-spread', 'torus', [0.02, 0.05], 30, [1], range(1, 10)),
  mclpFamily('torus-fixed', 'torus', [0.035, 0.035], 30, [2], range(1, 10)),
  cordeauFamily('cordeau-100'),
  cordeauFamily('cordeau-1000'),
  capacitatedFamily(),
];

// ---------------------------------------------------------------------------------------------
// Child mode

async function child(method: string, family: string, seed: number, timeLimit: number, threads: number): Promise<void> {
  const inst = family in CORDEAU ? await cordeauInstance(family, seed) : mclpInstance(family, seed);
  const t0 = performance.now();
  let out: Omit<Row, 'family' | 'seed' | 'method' | 'peakMiB'>;
  if (method === 'writelp') {
    fs.writeFileSync(lpPath(family, seed), coverageLp(inst));
    out = { status: 'written', objective: NaN, bound: NaN, wall: 0, note: `${inst.coverOptions.length} nonzeros` };
  } else if (method === 'highs') {
    const r = await runHighs(coverageLp(inst), { timeLimit });
    out = { status: r.failure ? 'error' : r.modelStatus === 'timeLimit' ? 'time-limit' : r.modelStatus, objective: r.objective, bound: r.dualBound, wall: (performance.now() - t0) / 1000, note: r.failure ?? 'WebAssembly, 1 thread' };
  } else {
    const tree = method !== 'auto-notree';
    const r = await solveCoverage(inst, { solver: 'auto', timeLimit, threads, seed, tree });
    out = { status: r.status, objective: r.objective, bound: r.bound, wall: (performance.now() - t0) / 1000, note: `${threads} threads`, detail: r.notes.join('\n    ') };
  }
  process.stdout.write(`RESULT ${JSON.stringify({ ...out, peakMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
}

// ---------------------------------------------------------------------------------------------
// Tables

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/** '3' -> [3]; '1-10' -> [1..10]; '1,4,9' -> [1, 4, 9]. */
function parseSeeds(s: string): number[] {
  const out: number[] = [];
  for (const part of s.split(',')) {
    const [a, b] = part.split('-').map(Number);
    if (!Number.isInteger(a) || (b !== undefined && !(Number.isInteger(b) && b >= a))) throw new Error(`bad seeds '${s}', expected e.g. 1-10 or 1,4,9`);
    out.push(...range(a, b ?? a));
  }
  return out;
}

const fmt = (v: number, d = 0): string => (Number.isFinite(v) ? v.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d }) : '—');
const pct = (v: number): string => (Number.isFinite(v) ? `${(100 * v).toFixed(3)}%` : '—');
const gapOf = (r: Row, bound = r.bound): number => (Number.isFinite(bound) && Number.isFinite(r.objective) && bound > 0 ? Math.max(0, (bound - r.objective) / bound) : NaN);
const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

function familyTables(f: Family, rows: Row[]): { summary: string[]; detail: string[] } {
  const best = new Map<number, number>();
  for (const r of rows) if (Number.isFinite(r.bound) && r.bound > 0 && r.status !== 'error') best.set(r.seed, Math.min(best.get(r.seed) ?? Infinity, r.bound));
  const summary: string[] = [];
  for (const method of [...new Set(rows.map((r) => r.method))]) {
    const mine = rows.filter((r) => r.method === method);
    const proven = mine.filter((r) => r.status === 'optimal');
    const met = proven.filter((r) => r.wall < f.timeLimit && !(r.peakMiB > f.memCapMiB));
    const gaps = mine.map((r) => gapOf(r, best.get(r.seed))).filter(Number.isFinite);
    summary.push(`| ${f.name} | ${method} | ${proven.length} of ${mine.length} | ${met.length} of ${mine.length} | ${fmt(median(mine.map((r) => r.wall)), 1)} | ${fmt(Math.max(...mine.map((r) => r.wall)), 1)} | ${pct(gaps.length ? Math.max(...gaps) : NaN)} | ${fmt(Math.max(...mine.map((r) => (Number.isFinite(r.peakMiB) ? r.peakMiB : 0))))} |`);
  }
  const detail = [
    `### ${f.name}: ${f.title}`,
    '',
    `Target: ${f.target}; time limit ${f.timeLimit} s per method.`,
    '',
    '| seed | method | status | objective | bound | gap (own bound) | gap (best bound) | wall s | peak MiB | notes |',
    '| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.seed} | ${r.method} | ${r.status} | ${fmt(r.objective)} | ${fmt(r.bound, 1)} | ${pct(gapOf(r))} | ${pct(gapOf(r, best.get(r.seed)))} | ${fmt(r.wall, 2)} | ${fmt(r.peakMiB)} | ${r.note.replace(/\|/g, '/')} |`),
    '',
  ];
  return { summary, detail };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean' },
      full: { type: 'boolean' },
      families: { type: 'string' },
      seeds: { type: 'string' },
      methods: { type: 'string' },
      'time-limit': { type: 'string' },
      threads: { type: 'string' },
      child: { type: 'string' },
      out: { type: 'string' },
      build: { type: 'boolean' },
      'from-source': { type: 'boolean' },
    },
  });
  const threads = Number(values.threads ?? Math.min(2, os.availableParallelism()));
  if (values.child) {
    return child(values.child, values.families!, parseSeeds(values.seeds!)[0], Number(values['time-limit']), threads);
  }
  const full = values.full === true;
  FROM_SOURCE = values['from-source'] === true;
  const names = values.families?.split(',') ?? FAMILIES.map((f) => f.name);
  const unknown = names.filter((n) => !FAMILIES.some((f) => f.name === n));
  if (unknown.length) throw new Error(`unknown famil${unknown.length > 1 ? 'ies' : 'y'} ${unknown.join(', ')}; known: ${FAMILIES.map((f) => f.name).join(', ')}`);
  if (values.build && FAMILIES.some((f) => names.includes(f.name) && f.name.startsWith('cordeau'))) {
    const b = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) process.stderr.write(`build failed (the locate rows run the sources through tsx): ${(b.stderr ?? '').slice(-300)}\n`);
  }
  const load = (): string => os.loadavg().map((x) => x.toFixed(2)).join(', ');
  const loadBefore = load();
  const summary: string[] = [];
  const details: string[] = [];
  for (const f of FAMILIES.filter((x) => names.includes(x.name))) {
    const seeds = values.seeds ? parseSeeds(values.seeds) : full ? f.fullSeeds : f.quickSeeds;
    const methods = values.methods?.split(',') ?? (full ? f.fullMethods : f.quickMethods);
    const timeLimit = Number(values['time-limit'] ?? f.timeLimit);
    if (f.runAll) {
      try {
        details.push(`### ${f.name}: ${f.title}`, '', `Target: ${f.target}.`, '', await f.runAll(seeds, values.methods ? methods : [], timeLimit), '');
      } catch (e) {
        details.push(`### ${f.name}`, '', `not run: ${(e as Error).message}`, '');
      }
      continue;
    }
    const rows: Row[] = [];
    for (const seed of seeds) for (const method of methods) {
      const r = f.run(method, seed, timeLimit, threads);
      rows.push(r);
      process.stderr.write(`${f.name} seed ${seed} ${method}: ${r.status} ${r.objective} / ${r.bound} in ${fmt(r.wall, 1)} s, ${fmt(r.peakMiB)} MiB\n${r.detail ? `    ${r.detail}\n` : ''}`);
    }
    const t = familyTables(f, rows);
    summary.push(...t.summary);
    details.push(...t.detail);
  }
  const md = [
    '# Coverage optimizer against CBC and HiGHS (bench/optimize.ts)',
    '',
    `${machineLine()}; ${new Date().toISOString().slice(0, 10)}; ${full ? '--full' : '--quick'}; ${threads} threads for auto and CBC; load average (1, 5, 15 min) ${loadBefore} before, ${load()} after.`,
    'gap (own bound) = (bound - objective) / bound; gap (best bound) uses the smallest bound any method proved on that seed. A target is met by a run that is optimal within the time limit (and the memory cap).',
    '',
    '| family | method | proven optimal | target met | median s | max s | worst gap to best bound | peak MiB |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...summary,
    '',
    ...details,
  ].join('\n');
  process.stdout.write(`${md}\n`);
  const out = values.out ? path.resolve(values.out) : path.join(HERE, 'results', 'optimize.md');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, `${md}\n`);
  fs.renameSync(tmp, out);
}

if (process.argv[1] && path.resolve(process.argv[1]) === SELF) await main();
