/**
 * The queue against the local pool (issue 15). Everything runs from a private copy of the compiled
 * package (so a rebuild of dist/ meanwhile cannot disturb it), against a real redis-server on a free
 * loopback port with appendonly yes / appendfsync always:
 * 1. a portfolio of small living circles (generate --circles, trips off) through the local pool and
 *    through 1, 2 and 4 queue workers, in runs/min; the 1-worker case has the local pool's threads;
 * 2. the queue's overhead per job on 200 runs of the tiny fixture (local pool vs 1 worker with as many
 *    threads);
 * 3. the largest batch enqueued and drained without loss (tiny runs; every run id once in runs.csv,
 *    every run folder present, no temporary folder left).
 * Writes bench/results/distributed.md (rewritten after each step, so an interrupted bench keeps what it
 * measured). Run: npx tsx bench/distributed.ts [--circles 1000] [--threads 2] [--overhead-jobs 200] [--drain 10000]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../src/io/atomic.ts';
import { machineLine } from './machine.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
/** Thrown to skip the drain step (--drain 0): the report so far is already written. */
class SkipDrain extends Error {}

const CIRCLES = arg('circles', 1000);
const THREADS = arg('threads', 2);
const OVERHEAD_JOBS = arg('overhead-jobs', 200);
const DRAIN = arg('drain', 10000);
const REPO = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-bench-distributed-'));

// a private copy of the compiled package
const pkg = path.join(root, 'pkg');
fs.mkdirSync(pkg);
for (const p of ['dist', 'bin', 'package.json']) fs.cpSync(path.join(REPO, p), path.join(pkg, p), { recursive: true });
fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(pkg, 'node_modules'));
const CLI = path.join(pkg, 'bin/quarterhour.js');

function qh(args: string[], opts: { json?: boolean } = {}): { p: ChildProcess; out: () => string; err: () => string; exit: Promise<number | null> } {
  const p = spawn(process.execPath, [CLI, ...args, ...(opts.json ? ['--json'] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stdout!.on('data', (d) => (out += d));
  p.stderr!.on('data', (d) => (err += d));
  return { p, out: () => out, err: () => err, exit: new Promise((r) => p.on('exit', (c) => r(c))) };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

if (spawnSync('redis-server', ['--version']).status !== 0) {
  process.stderr.write('redis-server is not installed: apt-get install redis-server\n');
  process.exit(2);
}
const port = await freePort();
const redisDir = path.join(root, 'redis');
fs.mkdirSync(redisDir);
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', redisDir], { stdio: 'ignore' });
const url = `redis://127.0.0.1:${port}`;
await new Promise((r) => setTimeout(r, 500));

async function startWorkers(n: number, threads: number) {
  const ws = Array.from({ length: n }, () => qh(['worker', '--queue', url, '--threads', String(threads)]));
  for (const w of ws) while (!/Ctrl-C to stop/.test(w.err())) await new Promise((r) => setTimeout(r, 50));
  return {
    stop: async () => {
      for (const w of ws) w.p.kill('SIGTERM');
      await Promise.all(ws.map((w) => w.exit));
    },
  };
}

interface Measure { label: string; workers: string; threads: number; runs: number; seconds: number; failed: number }
async function batch(file: string, out: string, extra: string[]): Promise<{ seconds: number; failed: number; ran: number }> {
  const b = qh(['batch', file, '--out', out, ...extra], { json: true });
  await b.exit;
  const j = JSON.parse(b.out()) as { seconds: number; failed: number; ran: number };
  return j;
}
const noTimings = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => l.slice(0, l.lastIndexOf(','))).join('\n');

const sections: string[] = [];
const report = () => {
  const text = [`# Distributed batches (bench/distributed.ts)`, '', `${machineLine()}. Redis ${spawnSync('redis-server', ['--version']).stdout.toString().match(/v=(\S+)/)?.[1] ?? '?'} on loopback, appendonly yes, appendfsync always.`, '', ...sections].join('\n');
  writeFileAtomic(path.join(REPO, 'bench/results/distributed.md'), `${text}\n`);
  process.stdout.write(`${text}\n`);
};

try {
  // 1. the portfolio
  const portfolio = path.join(root, 'portfolio');
  const g = qh(['generate', '--circles', String(CIRCLES), '--min-residents', '200', '--max-residents', '600', '--seed', '1', '--out', portfolio]);
  await g.exit;
  const file = path.join(portfolio, 'batch.json');
  const measures: Measure[] = [];
  const localOut = path.join(root, 'local');
  const l = await batch(file, localOut, ['--threads', String(THREADS)]);
  measures.push({ label: 'local pool', workers: '-', threads: THREADS, runs: l.ran, seconds: l.seconds, failed: l.failed });
  process.stderr.write(`local: ${l.ran} runs in ${l.seconds} s\n`);
  const same: string[] = [];
  for (const n of [1, 2, 4]) {
    const threads = Math.max(1, Math.round(THREADS / n));
    const ws = await startWorkers(n, threads);
    const out = path.join(root, `queue-${n}`);
    const q = await batch(file, out, ['--queue', url]);
    await ws.stop();
    measures.push({ label: 'queue', workers: `${n} x ${threads} threads`, threads: n * threads, runs: q.ran, seconds: q.seconds, failed: q.failed });
    same.push(`${n} worker(s): ${noTimings(path.join(out, 'runs.csv')) === noTimings(path.join(localOut, 'runs.csv')) ? 'identical' : 'DIFFERENT'}`);
    process.stderr.write(`queue ${n}: ${q.ran} runs in ${q.seconds} s\n`);
    sections.length = 0;
    sections.push(
      `## A portfolio of ${CIRCLES} small living circles (200-600 residents, trips off)`,
      '',
      '| through | workers | threads in all | runs | wall s | runs/min | against the local pool | failed |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...measures.map((m) => `| ${m.label} | ${m.workers} | ${m.threads} | ${m.runs} | ${m.seconds.toFixed(1)} | ${((m.runs / m.seconds) * 60).toFixed(1)} | ${((l.seconds / m.seconds) * 100).toFixed(0)}% | ${m.failed} |`),
      '',
      `Mean run: ${((l.seconds * THREADS) / l.ran).toFixed(2)} thread-seconds. runs.csv against the local pool's, timing column aside: ${same.join(', ')}.`,
      '',
    );
    report();
  }
  const portfolioSection = sections.slice();

  // 2. overhead per job: tiny runs, local pool against one worker with as many threads
  const tinyBatch = (n: number, name: string) => {
    const f = path.join(root, `${name}.json`);
    fs.writeFileSync(f, JSON.stringify({ name, scenario: path.join(REPO, 'test/fixtures/scenarios/tiny'), sweep: { seed: Array.from({ length: n }, (_, i) => i + 1) } }));
    return f;
  };
  const oFile = tinyBatch(OVERHEAD_JOBS, 'overhead');
  const ol = await batch(oFile, path.join(root, 'overhead-local'), ['--threads', String(THREADS)]);
  const ows = await startWorkers(1, THREADS);
  const oq = await batch(oFile, path.join(root, 'overhead-queue'), ['--queue', url]);
  await ows.stop();
  const perJobMs = ((oq.seconds - ol.seconds) / OVERHEAD_JOBS) * 1000;
  sections.length = 0;
  sections.push(
    ...portfolioSection,
    `## Overhead per job (${OVERHEAD_JOBS} runs of the tiny fixture)`,
    '',
    '| through | threads | wall s | ms per run (wall) |',
    '| --- | ---: | ---: | ---: |',
    `| local pool | ${THREADS} | ${ol.seconds.toFixed(1)} | ${((ol.seconds / OVERHEAD_JOBS) * 1000).toFixed(0)} |`,
    `| queue, 1 worker | ${THREADS} | ${oq.seconds.toFixed(1)} | ${((oq.seconds / OVERHEAD_JOBS) * 1000).toFixed(0)} |`,
    '',
    `The queue's overhead: ${perJobMs.toFixed(1)} ms of wall time per job (${(perJobMs * THREADS).toFixed(1)} thread-ms), enqueue, hand-out, lock, return value and collection included.`,
    '',
  );
  report();

  // 3. the largest batch drained without loss (--drain 0 skips it)
  if (DRAIN <= 0) throw new SkipDrain();
  const dFile = tinyBatch(DRAIN, 'drain');
  const dws = await startWorkers(2, Math.max(1, Math.round(THREADS / 2)));
  const dOut = path.join(root, 'drain');
  const dq = await batch(dFile, dOut, ['--queue', url]);
  await dws.stop();
  const rows = fs.readFileSync(path.join(dOut, 'runs.csv'), 'utf8').trim().split('\n').slice(1);
  const ids = new Set(rows.map((r) => r.split(',')[0]));
  const folders = fs.readdirSync(dOut).filter((e) => fs.existsSync(path.join(dOut, e, 'run.json'))).length;
  const tmp = fs.readdirSync(dOut).filter((e) => e.includes('.tmp-')).length;
  const ok = rows.filter((r) => r.includes(',ok,')).length;
  sections.push(
    `## The largest batch drained: ${DRAIN} runs`,
    '',
    `Enqueued and drained by 2 workers in ${dq.seconds.toFixed(0)} s (${((DRAIN / dq.seconds) * 60).toFixed(0)} runs/min): ${rows.length} rows, ${ids.size} distinct run ids, ${ok} ok, ${folders} run folders, ${tmp} temporary folders left. ${rows.length === DRAIN && ids.size === DRAIN && folders === DRAIN && tmp === 0 ? 'Nothing lost or doubled.' : 'LOSS OR DOUBLES: see above.'}`,
    '',
  );
  report();
} catch (e) {
  if (!(e instanceof SkipDrain)) throw e;
} finally {
  redis.kill('SIGTERM');
  fs.rmSync(root, { recursive: true, force: true });
}
