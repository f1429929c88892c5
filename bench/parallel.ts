/**
 * How much a second busy thread gains on this machine: the ceiling of what `--threads 2` can give.
 * Three kinds of work, each timed in one worker thread alone and then in two worker threads at the
 * same time (the main thread only waits): deflate (zlib level 4, the tables' gzip: C code on one
 * buffer), building CSV text in JavaScript strings (allocation-heavy, like the simulation and the text
 * builders), and random reads and writes over a 160 MB typed array (memory-bound). "speed-up" is the
 * work of two threads over the time of the slower one, against one thread alone (2.0 is perfect).
 * The same again in a process run with V8's --single-threaded-gc (each thread collects its own
 * garbage, no helper threads): what a thread alone gets from the other core through the collector.
 *
 *   npx tsx bench/parallel.ts [--rounds 3]
 *
 * Prints a markdown table and writes bench/results/parallel.md.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { machineLine } from './machine.ts';

const KINDS = ['deflate', 'strings', 'memory'] as const;

/** The worker (plain JavaScript, run with eval): warms up, says it is ready, then times one unit of work per message. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const zlib = require('node:zlib');
function csvText(rows) {
  const lines = [];
  for (let i = 0; i < rows; i++) lines.push('11,' + i + ',18-34,grocery,B' + String(i % 21000).padStart(5, '0') + ',F' + (i % 1400) + ',' + ((i * 37) % 1440) + ',' + ((i * 0.37) % 40).toFixed(2) + ',1,0');
  return lines.join('\\n');
}
const text = Buffer.from(csvText(400000));
function work(kind) {
  const t = performance.now();
  if (kind === 'deflate') for (let r = 0; r < 4; r++) zlib.deflateRawSync(text, { level: 4 });
  else if (kind === 'strings') for (let r = 0; r < 3; r++) csvText(400000);
  else {
    const a = new Float64Array(20000000);
    for (let r = 0; r < 4; r++) for (let i = 0; i < a.length; i++) a[i] = a[(i * 7919) % a.length] + 1;
  }
  return performance.now() - t;
}
work(workerData);
parentPort.on('message', () => parentPort.postMessage(work(workerData)));
parentPort.postMessage('ready');
`;

const { values } = parseArgs({ options: { rounds: { type: 'string' }, 'rows-only': { type: 'boolean' } } });
const ROUNDS = Number(values.rounds ?? 3);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const reply = (w: Worker) => new Promise<number>((resolve) => w.once('message', resolve));

const gc = process.execArgv.includes('--single-threaded-gc') ? 'single-threaded' : 'default';
const rows: string[] = [];
for (const kind of KINDS) {
  const a = new Worker(WORKER, { eval: true, workerData: kind });
  const b = new Worker(WORKER, { eval: true, workerData: kind });
  await Promise.all([reply(a), reply(b)]); // both warmed up
  const alone: number[] = [];
  const both: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const one = reply(a);
    a.postMessage('go');
    alone.push(await one);
    const two = [reply(a), reply(b)];
    a.postMessage('go');
    b.postMessage('go');
    both.push(Math.max(...(await Promise.all(two))));
  }
  await Promise.all([a.terminate(), b.terminate()]);
  const t1 = median(alone);
  const t2 = median(both);
  rows.push(`| ${kind} | ${gc} | ${t1.toFixed(0)} | ${t2.toFixed(0)} | ${((2 * t1) / t2).toFixed(2)} |`);
}
if (values['rows-only']) console.log(rows.join('\n'));
else {
  const child = spawnSync(process.execPath, ['--single-threaded-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--rounds', String(ROUNDS), '--rows-only'], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`bench/parallel.ts --single-threaded-gc exited ${child.status}: ${child.stderr}`);
  const table = [
    `Two busy threads against one (\`bench/parallel.ts\`, medians of ${ROUNDS}). ${machineLine()}.`,
    '',
    '| work | garbage collector | one thread alone (ms) | two threads at once, the slower (ms) | speed-up (2.0 = perfect) |',
    '| --- | --- | ---: | ---: | ---: |',
    ...rows,
    ...child.stdout.trim().split('\n'),
    '',
  ].join('\n');
  console.log(table);
  fs.writeFileSync(fileURLToPath(new URL('results/parallel.md', import.meta.url)), table);
}
