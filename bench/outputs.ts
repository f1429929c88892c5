/**
 * Outputs that scale: on a generated scenario of 20,000+ blocks, the whole `quarterhour run` command
 * (a fresh process, the compiled dist/: run `node scripts/build.mjs` first) with its default formats
 * (Parquet for the big tables, trips and coverage; gzip CSV for the others), and with --format csv.gz,
 * csv and parquet: bytes per file and in all, the write step's seconds against the
 * run's (the stages' timings that `run --json` reports, and the process's wall time), and the
 * process's CPU seconds, and against a run that writes no table (--outputs none): what writing adds to
 * the whole command. Prints a markdown table and writes it to bench/results/<name>.md (default outputs.md).
 *
 * Run: node scripts/build.mjs && npx tsx bench/outputs.ts [--blocks 21000] [--residents 500000] [--seed 11] [--time-limit 10] [--formats default,csv.gz,csv,parquet] [--runs 3] [--threads 1] [--name outputs]
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
const FORMATS = arg('formats', 'default,csv.gz,csv,parquet').split(',');
const NAME = arg('name', 'outputs');
const THREADS = arg('threads', '1');
const RUNS = Number(arg('runs', '3'));
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
  /** medians over the runs: the write step (what was left to write after the last stage), files written beside the stages, process wall and CPU */
  write: number;
  beside: number;
  seconds: number;
  cpu: number;
  load: string;
  progress: number;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// the variants run in turn (a b c a b c ...), so that each sees the same load; "none" writes no table
const variants = [...FORMATS, 'none'];
const samples = new Map<string, { write: number[]; beside: number[]; seconds: number[]; cpu: number[]; load: string[]; files: Record<string, number>; progress: number }>();
for (let k = 0; k < RUNS; k++) {
  for (const v of variants) {
    const out = path.join(tmp, `run-${v}`);
    const before = load();
    const r = cli(['run', scenario, '--out', out, ...(v === 'none' ? ['--outputs', 'none'] : v === 'default' ? [] : ['--format', v]), '--time-limit', TIME_LIMIT, '--threads', THREADS, '--json']);
    const doc = JSON.parse(r.stdout) as { timings: Record<string, number>; writeBeside?: number };
    const m = samples.get(v) ?? { write: [], beside: [], seconds: [], cpu: [], load: [], files: sizes(out), progress: r.stderr.split('\n').filter((l) => /^ *(writing|\S+ \d+%)/.test(l.trim())).length };
    m.write.push(doc.timings.write);
    m.beside.push(doc.writeBeside ?? 0);
    m.seconds.push(r.seconds);
    m.cpu.push(r.cpu);
    m.load.push(before.split(',')[0]);
    samples.set(v, m);
    fs.rmSync(out, { recursive: true, force: true });
    process.stderr.write(`${v}: ${r.seconds.toFixed(1)} s, write ${doc.timings.write} s, beside ${doc.writeBeside ?? 0} s\n`);
  }
}
const measured = (v: string): Measured => {
  const m = samples.get(v)!;
  return { format: v, files: m.files, write: median(m.write), beside: median(m.beside), seconds: median(m.seconds), cpu: median(m.cpu), load: m.load.join(', '), progress: m.progress };
};
const runs = FORMATS.map(measured);
const none = measured('none');

/** A file's table or layer, whatever the format: coverage.csv.gz, coverage.csv and coverage.parquet are `coverage`. */
const base = (f: string) => f.replace(/\.gz$/, '').replace(/\.(csv|parquet)$/, '');
const names = [...new Set(runs.flatMap((r) => Object.keys(r.files).map(base)))].sort();
const lines: string[] = [];
lines.push(`Outputs of \`run\` on a generated scenario: ${BLOCKS.toLocaleString('en')} blocks, ${RESIDENTS.toLocaleString('en')} residents (seed ${SEED}), --time-limit ${TIME_LIMIT}, ${THREADS} thread${THREADS === '1' ? '' : 's'}; medians of ${RUNS} runs of each variant, run in turn.`);
lines.push(`Machine: ${machineLine()}; load average before each run: ${[...samples].map(([v, m]) => `${v} ${m.load.join(', ')}`).join('; ')}.`);
lines.push('');
lines.push(`| file | ${runs.map((r) => `${r.format} (MB)`).join(' | ')} |`);
lines.push(`| --- | ${runs.map(() => '---:').join(' | ')} |`);
const sizeOf = (r: Measured, n: string) => Object.entries(r.files).find(([f]) => base(f) === n)?.[1];
for (const n of names) lines.push(`| ${n} | ${runs.map((r) => (sizeOf(r, n) !== undefined ? MB(sizeOf(r, n)!) : '-')).join(' | ')} |`);
lines.push(`| **total** | ${runs.map((r) => `**${MB(Object.values(r.files).reduce((a, b) => a + b, 0))}**`).join(' | ')} |`);
lines.push('');
lines.push('| format | write step (s) | share of the run | written beside the stages (s) | process wall / CPU (s) | wall added by writing (s) | CPU added by writing (s) | CPU share of writing | progress lines |');
lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of [...runs, none]) {
  const added = r === none ? '–' : (r.seconds - none.seconds).toFixed(2);
  const addedCpu = r === none ? '–' : (r.cpu - none.cpu).toFixed(2);
  const cpuShare = r === none ? '–' : `${(((r.cpu - none.cpu) / r.cpu) * 100).toFixed(1)}%`;
  lines.push(`| ${r.format === 'none' ? 'none (--outputs none)' : r.format} | ${r.write.toFixed(2)} | ${((r.write / r.seconds) * 100).toFixed(1)}% | ${r.beside.toFixed(2)} | ${r.seconds.toFixed(1)} / ${r.cpu.toFixed(1)} | ${added} | ${addedCpu} | ${cpuShare} | ${r.progress} |`);
}
lines.push('');
lines.push('`default` is the run without --format: Parquet for the big tables (trips, coverage), gzip CSV for the others. The run writes each file as soon as its content is final, beside the stages still computing (today\'s simulation while the optimizer works, coverage and blocks while the plan is simulated): the write step is what was left to write after the last stage, the time a user waits on writing. The added columns compare the whole process with a run that writes no table (`--outputs none`: summary and plan files only): what writing costs in all, wherever it ran. CPU seconds count every thread (zlib compresses on libuv threads), so they depend little on the load of a shared machine; wall seconds do.');
process.stdout.write(`${lines.join('\n')}\n`);
fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench', 'results', `${NAME}.md`), `${lines.join('\n')}\n`);
fs.rmSync(tmp, { recursive: true, force: true });
