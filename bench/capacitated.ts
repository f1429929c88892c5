/**
 * Benchmark of the capacitated MCLP (split demand) on seeded random instances
 * (src/locate/instances/randomCapacitated.ts; default 2,000 points x 200 sites x p = 10):
 *   quarterhour  `locate --model cmclp` as a function: greedy incumbent -> HiGHS on the MILP, warm-started,
 *                re-evaluated by max flow;
 *   highs        the same LP file in HiGHS (WebAssembly, in a worker), no warm start;
 *   cbc          CBC (Debian coinor-cbc) on the same LP file, 1 thread.
 * Each method runs in its own child process (peak memory = its max RSS) with the same time limit.
 * The optimum is checked equal to CBC's when both prove it.
 *
 *   npx tsx bench/capacitated.ts [--sizes 2000x200x10] [--seeds 1-3] [--time-limit 30] [--methods quarterhour,highs,cbc] [--out bench/results/capacitated.md]
 *
 * `capacitatedFamily` and `capacitatedTable` are exported for bench/optimize.ts.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomCapacitated } from '../src/locate/instances/randomCapacitated.ts';
import { capacitatedInstance } from '../src/locate/capacitated/instance.ts';
import { capacitatedLp } from '../src/locate/capacitated/lp.ts';
import { solveCapacitated } from '../src/locate/capacitated/solve.ts';
import { runHighs } from '../src/locate/solvers/highs/highs.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SELF = fileURLToPath(import.meta.url);
export const CAPACITATED_METHODS = ['quarterhour', 'highs', 'cbc'];

export interface CapacitatedRow {
  size: string;
  seed: number;
  method: string;
  status: string;
  objective: number;
  bound: number;
  gap: number;
  wall: number;
  peakMiB: number;
  note: string;
}

function parseSize(s: string): { n: number; m: number; p: number } {
  const [n, m, p] = s.split('x').map(Number);
  if (![n, m, p].every((v) => Number.isInteger(v) && v > 0)) throw new Error(`bad size '${s}', expected NxMxP`);
  return { n, m, p };
}

function instanceOf(size: string, seed: number) {
  const { n, m, p } = parseSize(size);
  const g = randomCapacitated({ n, m, p, seed });
  return { g, inst: capacitatedInstance(g.cm, { model: 'cmclp', capacity: g.capacity, radius: g.radius, p }) };
}

const lpPath = (size: string, seed: number) => path.join(os.tmpdir(), `quarterhour-bench-cmclp-${size}-s${seed}.lp`);
const gapOf = (o: number, b: number) => (Number.isFinite(o) && Number.isFinite(b) && b !== 0 ? Math.max(0, (b - o) / Math.abs(b)) : NaN);

/** Child mode: one method on one instance; one JSON line. */
async function child(method: string, size: string, seed: number, timeLimit: number): Promise<void> {
  const { g, inst } = instanceOf(size, seed);
  const t0 = performance.now();
  let out: Omit<CapacitatedRow, 'size' | 'seed' | 'method' | 'peakMiB'>;
  if (method === 'writelp') {
    fs.writeFileSync(lpPath(size, seed), capacitatedLp(inst));
    out = { status: 'written', objective: NaN, bound: NaN, gap: NaN, wall: 0, note: '' };
  } else if (method === 'highs') {
    const r = await runHighs(capacitatedLp(inst), { timeLimit });
    out = { status: r.failure ? 'error' : r.modelStatus, objective: r.objective, bound: r.dualBound, gap: gapOf(r.objective, r.dualBound), wall: (performance.now() - t0) / 1000, note: r.failure ?? '' };
  } else {
    const r = await solveCapacitated(inst, g.cm, { solver: 'auto', timeLimit });
    out = { status: r.status, objective: r.objective, bound: r.bound, gap: r.gap ?? NaN, wall: (performance.now() - t0) / 1000, note: r.notes.join('; ') };
  }
  process.stdout.write(`RESULT ${JSON.stringify({ ...out, peakMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
}

function runChild(method: string, size: string, seed: number, timeLimit: number): CapacitatedRow {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--child', method, '--sizes', size, '--seeds', String(seed), '--time-limit', String(timeLimit)], {
    cwd: path.join(HERE, '..'),
    encoding: 'utf8',
    timeout: (timeLimit * 3 + 120) * 1000,
    maxBuffer: 1 << 26,
  });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) {
    const why = r.error ? r.error.message : `exit ${r.status} ${(r.stderr ?? '').trim().split('\n').slice(-1)[0] ?? ''}`;
    return { size, seed, method, status: 'error', objective: NaN, bound: NaN, gap: NaN, wall: (performance.now() - t0) / 1000, peakMiB: NaN, note: why.slice(0, 120) };
  }
  return { size, seed, method, ...JSON.parse(line.slice(7)) };
}

function runCbc(size: string, seed: number, timeLimit: number): CapacitatedRow {
  const t0 = performance.now();
  const hardStop = String(Math.round(timeLimit * 3 + 60));
  const r = spawnSync('/usr/bin/time', ['-f', 'MAXRSS %M', 'timeout', '-s', 'KILL', hardStop, 'cbc', lpPath(size, seed), 'sec', String(timeLimit), 'threads', '1', 'solve'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (performance.now() - t0) / 1000;
  const text = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
  const num = (re: RegExp): number => {
    const mm = text.match(re);
    return mm ? Number(mm[1]) : NaN;
  };
  const result = (text.match(/Result - ([^\n]+)/)?.[1] ?? 'no result').trim();
  const objective = Math.abs(num(/Objective value:\s+([-\d.eE+]+)/)); // CBC minimises the negated objective
  let bound = Math.abs(num(/(?:Upper|Lower) bound:\s+([-\d.eE+]+)/));
  const optimal = /Optimal solution found/.test(result);
  if (optimal && !Number.isFinite(bound)) bound = objective;
  const status = optimal ? 'optimal' : /time/i.test(result) ? 'time-limit' : result.slice(0, 40);
  return { size, seed, method: 'cbc', status, objective, bound, gap: optimal ? 0 : gapOf(objective, bound), wall, peakMiB: num(/MAXRSS (\d+)/) / 1024, note: result.slice(0, 60) };
}

/** Run the family: every size x seed x method, each in its own process. */
export function capacitatedFamily(opts: { sizes?: string[]; seeds?: number[]; timeLimit?: number; methods?: string[]; log?: (s: string) => void } = {}): CapacitatedRow[] {
  const sizes = opts.sizes ?? ['2000x200x10'];
  const seeds = opts.seeds ?? [1, 2, 3];
  const timeLimit = opts.timeLimit ?? 30;
  const methods = opts.methods ?? CAPACITATED_METHODS;
  const rows: CapacitatedRow[] = [];
  for (const size of sizes) for (const seed of seeds) {
    for (const method of methods) {
      let row: CapacitatedRow;
      if (method === 'cbc') {
        if (spawnSync('which', ['cbc']).status !== 0) row = { size, seed, method, status: 'skipped', objective: NaN, bound: NaN, gap: NaN, wall: NaN, peakMiB: NaN, note: 'cbc not installed' };
        else {
          const w = runChild('writelp', size, seed, timeLimit);
          row = w.status === 'written' ? runCbc(size, seed, timeLimit) : { ...w, method: 'cbc' };
        }
      } else row = runChild(method, size, seed, timeLimit);
      rows.push(row);
      opts.log?.(`${size} seed ${seed} ${method}: ${row.status} ${row.objective} bound ${row.bound} ${row.wall.toFixed(2)} s  ${row.note}`);
    }
  }
  return rows;
}

const fmt = (v: number, d = 0) => (Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: d }) : '—');

/** The markdown table: one row per instance, a cell per method; and whether the optima agree with CBC's. */
export function capacitatedTable(rows: CapacitatedRow[]): string {
  const methods = [...new Set(rows.map((r) => r.method))];
  const keys = [...new Set(rows.map((r) => `${r.size}|${r.seed}`))];
  const lines = [`| n × m × p | seed | ${methods.join(' | ')} | optimum = CBC's |`, `| --- | ---: | ${methods.map(() => '---').join(' | ')} | --- |`];
  for (const key of keys) {
    const [size, seed] = key.split('|');
    const of = (m: string) => rows.find((r) => `${r.size}|${r.seed}` === key && r.method === m);
    const cells = methods.map((m) => {
      const r = of(m)!;
      if (r.status === 'optimal') return `optimal ${fmt(r.objective)}, ${fmt(r.wall, 2)} s, ${fmt(r.peakMiB)} MiB`;
      return `${r.status} ${fmt(r.objective)}, gap ${Number.isFinite(r.gap) ? `${(100 * r.gap).toFixed(2)}%` : '—'}, ${fmt(r.wall, 2)} s`;
    });
    const ours = of('quarterhour');
    const cbc = of('cbc');
    const agree = ours && cbc && ours.status === 'optimal' && cbc.status === 'optimal' ? (Math.abs(ours.objective - cbc.objective) <= 1e-6 * Math.max(1, cbc.objective) ? 'yes' : `NO (${fmt(ours.objective)} vs ${fmt(cbc.objective)})`) : 'not both proven';
    lines.push(`| ${size.replace(/x/g, ' × ')} | ${seed} | ${cells.join(' | ')} | ${agree} |`);
  }
  return lines.join('\n');
}

function parseSeeds(s: string): number[] {
  const out: number[] = [];
  for (const part of s.split(',')) {
    const [a, b] = part.split('-').map(Number);
    for (let v = a; v <= (b ?? a); v++) out.push(v);
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      sizes: { type: 'string', default: '2000x200x10' },
      seeds: { type: 'string', default: '1-3' },
      'time-limit': { type: 'string', default: '30' },
      methods: { type: 'string', default: CAPACITATED_METHODS.join(',') },
      out: { type: 'string', default: path.join(HERE, 'results', 'capacitated.md') },
    },
  });
  const timeLimit = Number(values['time-limit']);
  if (values.child) return child(values.child, values.sizes!, parseSeeds(values.seeds!)[0], timeLimit);
  const rows = capacitatedFamily({ sizes: values.sizes!.split(','), seeds: parseSeeds(values.seeds!), timeLimit, methods: values.methods!.split(','), log: (s) => process.stderr.write(`${s}\n`) });
  const load = os.loadavg().map((x) => x.toFixed(2)).join(', ');
  const md = `# Capacitated MCLP (split demand)\n\n${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, load average ${load}, time limit ${timeLimit} s per method.\n\n${capacitatedTable(rows)}\n`;
  fs.mkdirSync(path.dirname(values.out!), { recursive: true });
  fs.writeFileSync(values.out!, md);
  process.stdout.write(md);
}

if (process.argv[1] && path.resolve(process.argv[1]) === SELF) await main();
