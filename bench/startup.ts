/**
 * Start-up and thread scaling of the compiled package, whole processes as a user runs them (dist/ is
 * built first when stale):
 *   1. `node bin/quarterhour.js --help` against a bare `node -e 0` (median of N, ratio; target <= 3x);
 *   2. a cold 2-thread pool: from createPool(2) to the answers of two trivial tasks sent at once, in a
 *      fresh process each time (median of N; target < 0.3 s);
 *   3. `quarterhour simulate` on `generate --residents 1000000 --seed 11`, whole command, 2 threads
 *      against 1 (runs alternate; medians and the pair-by-pair ratio; target <= 0.7x).
 *
 *   npx tsx bench/startup.ts [--runs N] [--sim-runs N] [--residents N]
 *
 * Prints a markdown table and writes bench/results/startup.md.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machineLine } from './machine.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin/quarterhour.js');
const { values } = parseArgs({ options: { runs: { type: 'string' }, 'sim-runs': { type: 'string' }, residents: { type: 'string' } } });
const RUNS = Number(values.runs ?? 15);
const SIM_RUNS = Number(values['sim-runs'] ?? 3);
const RESIDENTS = Number(values.residents ?? 1_000_000);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Wall seconds of one whole process; throws when it fails. */
function timed(args: string[], cwd = ROOT): { seconds: number; stdout: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { seconds, stdout: r.stdout };
}

const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
if (build.status !== 0) throw new Error('build failed');

// 1. --help against a bare node
const bare: number[] = [];
const help: number[] = [];
timed(['-e', '0']);
timed([BIN, '--help']);
for (let k = 0; k < RUNS; k++) {
  bare.push(timed(['-e', '0']).seconds);
  help.push(timed([BIN, '--help']).seconds);
}

// 2. a cold 2-thread pool
const POOL_SCRIPT = `
import { createPool, runTask } from ${JSON.stringify(path.join(ROOT, 'dist/src/parallel/pool.js'))};
const t = performance.now();
const pool = createPool(2);
await Promise.all([runTask(pool, { kind: 'ping' }), runTask(pool, { kind: 'ping' })]);
const s = (performance.now() - t) / 1000;
await pool.destroy();
process.stdout.write(String(s));
`;
const poolTimes: number[] = [];
for (let k = 0; k < RUNS; k++) poolTimes.push(Number(timed(['--input-type=module', '-e', POOL_SCRIPT]).stdout));

// 3. simulate, 1 thread against 2
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-bench-startup-'));
const city = path.join(tmp, 'city');
timed([BIN, 'generate', '--residents', String(RESIDENTS), '--seed', '11', '--name', 'city', '--out', city]);
const one: number[] = [];
const two: number[] = [];
const ratios: number[] = [];
timed([BIN, 'simulate', city, '--threads', '1', '--out', path.join(tmp, 'warm')]);
for (let k = 0; k < SIM_RUNS; k++) {
  const a = timed([BIN, 'simulate', city, '--threads', '1', '--trips', 'bin', '--out', path.join(tmp, `t1-${k}`)]).seconds;
  const b = timed([BIN, 'simulate', city, '--threads', '2', '--trips', 'bin', '--out', path.join(tmp, `t2-${k}`)]).seconds;
  one.push(a);
  two.push(b);
  ratios.push(b / a);
}
const same = fs.readFileSync(path.join(tmp, 't1-0/trips.bin')).equals(fs.readFileSync(path.join(tmp, 't2-0/trips.bin')));
fs.rmSync(tmp, { recursive: true, force: true });

const f = (s: number): string => s.toFixed(3);
const lines = [
  '# Start-up and thread scaling (compiled package, whole processes)',
  '',
  `${machineLine()}; load average at the end ${os.loadavg()[0].toFixed(1)}; ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| measure | median s | min s | max s | ratio (median) | target |',
  '| --- | ---: | ---: | ---: | ---: | --- |',
  `| \`node -e 0\`, ${RUNS} runs | ${f(median(bare))} | ${f(Math.min(...bare))} | ${f(Math.max(...bare))} | 1.00 | |`,
  `| \`quarterhour --help\`, ${RUNS} runs | ${f(median(help))} | ${f(Math.min(...help))} | ${f(Math.max(...help))} | ${(median(help) / median(bare)).toFixed(2)} x bare node | <= 3x |`,
  `| cold 2-thread pool, two trivial tasks answered, ${RUNS} fresh processes | ${f(median(poolTimes))} | ${f(Math.min(...poolTimes))} | ${f(Math.max(...poolTimes))} | | < 0.3 s |`,
  `| \`simulate\` ${RESIDENTS.toLocaleString('en-US')} residents (seed 11), 1 thread, ${SIM_RUNS} runs | ${f(median(one))} | ${f(Math.min(...one))} | ${f(Math.max(...one))} | 1.00 | |`,
  `| the same, 2 threads, ${SIM_RUNS} runs (alternating with 1 thread) | ${f(median(two))} | ${f(Math.min(...two))} | ${f(Math.max(...two))} | ${median(ratios).toFixed(2)} x 1 thread (pairs: ${ratios.map((r) => r.toFixed(2)).join(', ')}) | <= 0.7x |`,
  '',
  `1-thread and 2-thread trips.bin identical: ${same ? 'yes' : 'NO'}.`,
];
const text = lines.join('\n');
process.stdout.write(`${text}\n`);
fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench/results/startup.md'), `${text}\n`);
