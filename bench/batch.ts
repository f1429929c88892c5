/**
 * Batch throughput: the 24-run sweep of scenarios/batches/default-sweep.json (4 budgets x 2 ageing
 * shifts x 3 seeds on the default scenario) on 1 and on 2 worker threads, in one process.
 * Reports runs/minute and the scaling efficiency (speed-up / threads), and checks that both runs.csv
 * files agree (timing column aside). Run: npx tsx bench/batch.ts [--threads 1,2]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseBatch } from '../src/batch/spec.ts';
import { runBatch } from '../src/jobs/batch.ts';
import { writeFileAtomic } from '../src/io/atomic.ts';
import { machineLine, peakRssMiB } from './machine.ts';

const arg = process.argv.indexOf('--threads');
const threadCounts = arg > 0 ? process.argv[arg + 1].split(',').map(Number) : [1, 2];
const spec = parseBatch(path.resolve('scenarios/batches/default-sweep.json'));
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-bench-batch-'));
const rows: { threads: number; seconds: number; runsPerMin: number; failed: number }[] = [];
const csvs: string[] = [];
for (const threads of threadCounts) {
  const out = path.join(root, `t${threads}`);
  const r = await runBatch(spec, { outDir: out, threads, resume: false, progress: false });
  rows.push({ threads, seconds: r.seconds, runsPerMin: (r.ran / r.seconds) * 60, failed: r.failed });
  csvs.push(
    fs
      .readFileSync(path.join(out, 'runs.csv'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.slice(0, l.lastIndexOf(',')))
      .join('\n'),
  );
  process.stderr.write(`${threads} thread(s): ${r.ran} runs in ${r.seconds.toFixed(1)} s\n`);
}
const base = rows[0];
const lines = [
  `Batch of ${spec.runs.length} runs (scenarios/batches/default-sweep.json). ${machineLine()}. Peak RSS of the main process ${peakRssMiB()} MiB.`,
  '',
  '| threads | wall s | runs/min | speed-up | efficiency | failed |',
  '| ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.threads} | ${r.seconds.toFixed(1)} | ${r.runsPerMin.toFixed(1)} | ${(base.seconds / r.seconds).toFixed(2)} | ${((base.seconds / r.seconds / (r.threads / base.threads)) * 100).toFixed(0)}% | ${r.failed} |`),
  '',
  `runs.csv identical across thread counts (timing column aside): ${csvs.every((c) => c === csvs[0]) ? 'yes' : 'NO'}`,
];
const text = lines.join('\n');
process.stdout.write(`${text}\n`);
writeFileAtomic('bench/results/batch.md', `${text}\n`);
fs.rmSync(root, { recursive: true, force: true });
