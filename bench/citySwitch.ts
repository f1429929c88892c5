/**
 * Which path `auto` takes on the living-circle model (src/optimize/solveSiting.ts isCityScale), and
 * how fast: the whole `optimize` command (what a user gets: the day simulated for the demand, the
 * solve, the explained plan with its re-solves, the files), or with `--command run` the whole main
 * job, on generated districts between the default scenario and a city, with this checkout against a
 * baseline commit (by default the one before the city path took models of 1,000+ options or 20,000+
 * units; before it, only 2,500+ options), pair by pair, each run its own child process (`node
 * bin/quarterhour.js optimize|run <dir> --out <tmp>`). Per run: wall seconds, the solver's status,
 * objective and certified gap (optimize.json, or the run's summary.json), and the explained plan's
 * worth of one more conversion and of 100,000 元 more (plan.json: a proven value, or a bracket).
 *
 *   npx tsx bench/citySwitch.ts [--command optimize|run] [--baseline <rev>] [--cases 100000,60000x1000@5,...]
 *                               [--out bench/results/citySwitch.md, or citySwitch-run.md with --command run]
 *
 * A case is residents[xblocks][@seed] (seed 11 unless given). The baseline is checked out with `git
 * worktree` into os.tmpdir() (this checkout's node_modules linked) and built there; generated
 * scenarios are cached in os.tmpdir() (quarterhour-switch-<residents>-<blocks>-s<seed>). Needs a built
 * dist/ (npm run build).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../src/io/atomic.ts';
import { machineLine } from './machine.ts';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    command: { type: 'string', default: 'optimize' },
    baseline: { type: 'string', default: 'ee6df41' },
    // tuned on: 100000@11, 60000x1000@3, 60000x20000@7; the others were not looked at before this bench
    cases: { type: 'string', default: 'default,100000,150000@23,60000x1000@5,100000x2000@13,120000x3000@17,60000x20000@7,60000x20000@29' },
    out: { type: 'string' },
    'time-limit': { type: 'string', default: '60' },
  },
});

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${(r.stderr || r.stdout).trim().split('\n').pop()}`);
  return r.stdout.trim();
}

/** A built checkout of `rev` beside this one (reused when it is already there). */
function baselineCheckout(rev: string): string {
  const sha = run('git', ['rev-parse', '--short', rev], ROOT);
  const dir = path.join(os.tmpdir(), `quarterhour-baseline-${sha}`);
  if (!fs.existsSync(path.join(dir, 'dist'))) {
    if (!fs.existsSync(dir)) run('git', ['worktree', 'add', '--detach', dir, sha], ROOT);
    if (!fs.existsSync(path.join(dir, 'node_modules'))) fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    run(process.execPath, ['scripts/build.mjs'], dir);
  }
  return dir;
}

interface Case {
  label: string;
  dir: string;
}

function scenario(spec: string): Case {
  if (spec === 'default') return { label: 'scenarios/default (60,000 residents, 150 blocks)', dir: path.join(ROOT, 'scenarios', 'default') };
  const m = /^(\d+)(?:x(\d+))?(?:@(\d+))?$/.exec(spec);
  if (!m) throw new Error(`bad case '${spec}': residents[xblocks][@seed]`);
  const [residents, blocks, seed] = [Number(m[1]), m[2] ? Number(m[2]) : null, m[3] ? Number(m[3]) : 11];
  const dir = path.join(os.tmpdir(), `quarterhour-switch-${residents}-${blocks ?? 'auto'}-s${seed}`);
  if (!fs.existsSync(path.join(dir, 'scenario.json'))) run(process.execPath, [path.join(ROOT, 'bin', 'quarterhour.js'), 'generate', '--residents', String(residents), '--seed', String(seed), '--out', dir, ...(blocks ? ['--blocks', String(blocks)] : [])], ROOT);
  const sc = JSON.parse(fs.readFileSync(path.join(dir, 'scenario.json'), 'utf8')) as { description: string };
  const nBlocks = /(\d+) housing blocks/.exec(sc.description)?.[1] ?? '?';
  return { label: `generated, ${residents.toLocaleString('en-US')} residents, ${Number(nBlocks).toLocaleString('en-US')} blocks (seed ${seed})`, dir };
}

interface Outcome {
  wall: number;
  status: string;
  objective: number;
  gap: number | null;
  notes: string[];
  /** The explained worth of one more conversion and of 100,000 元 more, as text ('–' when not measured). */
  shadows: string;
}

const command = values.command!;
if (command !== 'optimize' && command !== 'run') throw new Error(`--command is ${command}, expected optimize or run`);
const outFile = values.out ?? (command === 'run' ? 'bench/results/citySwitch-run.md' : 'bench/results/citySwitch.md');

interface Constraint {
  name: string;
  shadowValue: number | null;
  shadowRange?: { low: number; high: number };
}

/** A constraint's worth as plan.json gives it: the proven value, the bracket, or '–'. */
function worth(c: Constraint | undefined): string {
  if (!c) return '–';
  if (c.shadowValue !== null) return String(c.shadowValue);
  return c.shadowRange ? `${c.shadowRange.low}–${c.shadowRange.high}` : '–';
}

function optimize(checkout: string, c: Case): Outcome {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'quarterhour-switch-out-'));
  const t = performance.now();
  run(process.execPath, [path.join(checkout, 'bin', 'quarterhour.js'), command, c.dir, '--out', path.join(out, 'o'), '--time-limit', values['time-limit']!], checkout);
  const wall = (performance.now() - t) / 1000;
  type Solver = { solver: { status: string; objective: number; gap: number | null; notes: string[] } };
  const rec = command === 'run'
    ? (JSON.parse(fs.readFileSync(path.join(out, 'o', 'summary.json'), 'utf8')) as { optimize: Solver }).optimize
    : (JSON.parse(fs.readFileSync(path.join(out, 'o', 'optimize.json'), 'utf8')) as Solver);
  const constraints = (JSON.parse(fs.readFileSync(path.join(out, 'o', 'plan.json'), 'utf8')) as { explanation?: { constraints: Constraint[] } }).explanation?.constraints ?? [];
  const shadows = `${worth(constraints.find((x) => x.name === 'max_conversions'))}; ${worth(constraints.find((x) => x.name === 'max_cost'))}`;
  fs.rmSync(out, { recursive: true, force: true });
  return { wall, status: rec.solver.status, objective: rec.solver.objective, gap: rec.solver.gap, notes: rec.solver.notes, shadows };
}

const pct = (g: number | null) => (g === null ? '–' : `${(g * 100).toFixed(3)}%`);
const path_ = (o: Outcome) => (o.notes.some((n) => n.startsWith('city')) ? 'city' : 'auto recipe');

const base = baselineCheckout(values.baseline!);
const baseRev = run('git', ['rev-parse', '--short', values.baseline!], ROOT);
const headRev = run('git', ['rev-parse', '--short', 'HEAD'], ROOT);
const rows: string[] = [];
for (const spec of values.cases!.split(',')) {
  const c = scenario(spec);
  const load = os.loadavg()[0].toFixed(1);
  const b = optimize(base, c);
  const n = optimize(ROOT, c);
  const row = `| ${c.label} | ${path_(b)}: ${b.status}, ${pct(b.gap)} | ${b.wall.toFixed(1)} | ${path_(n)}: ${n.status}, ${pct(n.gap)} | ${n.wall.toFixed(1)} | ${(n.wall / b.wall).toFixed(2)} | ${(n.objective - b.objective).toFixed(1)} | ${b.shadows} | ${n.shadows} | ${load} |`;
  console.log(row);
  rows.push(row);
}

const md = [
  `The whole \`${command}\` command (time limit ${values['time-limit']} s, 1 thread, the explained plan's re-solves included${command === 'run' ? ', every output written' : ''}), baseline ${baseRev} against ${headRev}, pair by pair, one run each.`,
  `Machine: ${machineLine()}.`,
  '',
  '| scenario | baseline: path, status, gap | baseline (s) | now: path, status, gap | now (s) | now / baseline | objective now − baseline | worth of one more conversion; of 100,000 元 more: baseline | now | load average |',
  '| --- | --- | ---: | --- | ---: | ---: | ---: | --- | --- | ---: |',
  ...rows,
  '',
  'Path: "city" is src/optimize/citySolve.ts, "auto recipe" src/locate/solvers/steps/auto.ts. A status of time-limit means the solver stopped at its limit (its plan then depends on the machine\'s speed). The gap is certified by the solver\'s bound, of the objective with the weight existing facilities cover. The worth of a relaxed limit is the explained plan\'s (plan.json): a proven value, a bracket low–high (the relaxed solve\'s plan and bound), or – when not measured (a plan not proven optimal is not re-solved).',
  '',
];
writeFileAtomic(path.join(ROOT, outFile), md.join('\n'));
console.log(`wrote ${outFile}`);
