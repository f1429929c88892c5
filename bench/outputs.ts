/**
 * Outputs that scale: on a generated scenario of 20,000+ blocks, the whole `quarterhour run` command
 * (a fresh process, the compiled dist/: run `node scripts/build.mjs` first) in the default format
 * (csv.gz) and with --format csv: bytes per file and in all, the write step's seconds against the
 * run's (the stages' timings that `run --json` reports, and the process's wall time), and the
 * process's CPU seconds. Prints a markdown table and writes it to bench/results/outputs.md.
 *
 * Run: node scripts/build.mjs && npx tsx bench/outputs.ts [--blocks 21000] [--residents 500000] [--seed 11] [--time-limit 10] [--formats csv.gz,csv]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machineLine } from './machine.ts';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const BLOCKS = Number(arg('blocks', '21000'));
const RESIDENTS = Number(arg('residents', '500000'));
const SEED = Number(arg('seed', '11'));
const TIME_LIMIT = arg('time-limit', '10');
const FORMATS = arg('formats', 'csv.gz,csv').split(',');
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(', ');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-bench-outputs-'));

/** The command in a fresh process (retried while a concurrent build leaves dist/ half-written). */
function cli(args: string[]): { stdout: string; stderr: string; seconds: number; cpu: number } {
  for (let attempt = 0; ; attempt++) {
    const t = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', process.execPath, path.join(ROOT, 'bin/quarterhour.js'), ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const seconds = (performance.now() - t) / 1000;
    if (r.status === 0) {
      const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
      return { stdout: r.stdout, stderr: r.stderr, seconds, cpu: m ? Number(m[1]) + Number(m[2]) : NaN };
    }
    if (attempt >= 10 || !r.stderr.includes('ERR_MODULE_NOT_FOUND')) throw new Error(`quarterhour ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
    spawnSync('sleep', ['10']);
  }
}

function sizes(dir: string, rel = ''): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, sizes(dir, r));
    else out[r] = fs.statSync(path.join(dir, r)).size;
  }
  return out;
}

const MB = (b: number) => (b / 1e6).toFixed(2);
const scenario = path.join(tmp, 'city');
cli(['generate', '--residents', String(RESIDENTS), '--blocks', String(BLOCKS), '--seed', String(SEED), '--name', 'city', '--out', scenario]);

interface Measured {
  format: string;
  files: Record<string, number>;
  timings: Record<string, number>;
  cpuTimings: Record<string, number>;
  seconds: number;
  cpu: number;
  load: string;
  progress: number;
}
const runs: Measured[] = [];
for (const format of FORMATS) {
  const out = path.join(tmp, `run-${format}`);
  const before = load();
  const r = cli(['run', scenario, '--out', out, '--format', format, '--time-limit', TIME_LIMIT, '--json']);
  const doc = JSON.parse(r.stdout) as { timings: Record<string, number>; cpuTimings: Record<string, number> };
  runs.push({ format, files: sizes(out), timings: doc.timings, cpuTimings: doc.cpuTimings, seconds: r.seconds, cpu: r.cpu, load: before, progress: r.stderr.split('\n').filter((l) => /^ *(writing|\S+ \d+%)/.test(l.trim())).length });
  process.stderr.write(`${format}: ${r.seconds.toFixed(1)} s, write ${doc.timings.write} s\n`);
}

const base = (f: string) => f.replace(/\.gz$/, '');
const names = [...new Set(runs.flatMap((r) => Object.keys(r.files).map(base)))].sort();
const lines: string[] = [];
lines.push(`Outputs of \`run\` on a generated scenario: ${BLOCKS.toLocaleString('en')} blocks, ${RESIDENTS.toLocaleString('en')} residents (seed ${SEED}), --time-limit ${TIME_LIMIT}, 1 thread.`);
lines.push(`Machine: ${machineLine()}; load average before each run: ${runs.map((r) => `${r.format} ${r.load}`).join('; ')}.`);
lines.push('');
lines.push(`| file | ${runs.map((r) => `${r.format} (MB)`).join(' | ')} |`);
lines.push(`| --- | ${runs.map(() => '---:').join(' | ')} |`);
for (const n of names) lines.push(`| ${n} | ${runs.map((r) => (r.files[n] ?? r.files[`${n}.gz`]) !== undefined ? MB(r.files[n] ?? r.files[`${n}.gz`]) : '-').join(' | ')} |`);
lines.push(`| **total** | ${runs.map((r) => `**${MB(Object.values(r.files).reduce((a, b) => a + b, 0))}**`).join(' | ')} |`);
lines.push('');
lines.push('| format | write, wall (s) | stages, wall (s) | write share (wall) | write, CPU (s) | stages, CPU (s) | write share (CPU) | process wall / CPU (s) | progress lines |');
lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
for (const r of runs) {
  const stages = sum(r.timings);
  const cpu = sum(r.cpuTimings);
  lines.push(`| ${r.format} | ${r.timings.write.toFixed(2)} | ${stages.toFixed(2)} | ${((r.timings.write / stages) * 100).toFixed(1)}% | ${r.cpuTimings.write.toFixed(2)} | ${cpu.toFixed(2)} | ${((r.cpuTimings.write / cpu) * 100).toFixed(1)}% | ${r.seconds.toFixed(1)} / ${r.cpu.toFixed(1)} | ${r.progress} |`);
}
lines.push('');
lines.push('CPU seconds count every thread of the process (zlib compresses on libuv threads while JavaScript formats the next rows), so they do not depend on the load of a shared machine; the wall-clock share does.');
lines.push('');
lines.push(`Stage timings, wall / CPU (s): ${runs.map((r) => `${r.format}: ${Object.entries(r.timings).map(([k, v]) => `${k} ${v} / ${r.cpuTimings[k]}`).join(', ')}`).join('; ')}.`);
process.stdout.write(`${lines.join('\n')}\n`);
fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'outputs.md'), `${lines.join('\n')}\n`);
fs.rmSync(tmp, { recursive: true, force: true });
