/** The processes of a queued batch, started as a cluster would start them: `quarterhour batch --queue` and `quarterhour worker`. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from '../helpers/fixtures.ts';

const CLI = path.join(REPO, 'bin/quarterhour.js');

export interface Proc {
  p: ChildProcess;
  stderr: () => string;
  exit: Promise<number | null>;
}

const spawned: ChildProcess[] = [];

/** SIGKILL whatever a test left running (a test that failed half-way). */
export function killLeftovers(): void {
  for (const p of spawned) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
}

export function quarterhour(args: string[]): Proc {
  const p = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  spawned.push(p);
  let err = '';
  p.stderr!.on('data', (d) => (err += d));
  const exit = new Promise<number | null>((resolve) => p.on('exit', (code) => resolve(code)));
  return { p, stderr: () => err, exit };
}

/** A worker whose lock runs out 4 s after its process dies (long enough for a loaded machine to renew it in time). */
export function worker(url: string, ...extra: string[]): Proc {
  return quarterhour(['worker', '--queue', url, '--threads', '1', '--lock-duration', '4000', ...extra]);
}

export async function stopAll(...procs: Proc[]): Promise<void> {
  for (const w of procs) if (w.p.exitCode === null && w.p.signalCode === null) w.p.kill('SIGTERM');
  await Promise.all(procs.map((w) => w.exit));
}

export async function until(cond: () => boolean, timeoutMs = 60_000, what = 'condition'): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Run folders finished in `out` (holding a run.json). */
export function finishedRuns(out: string): string[] {
  return fs.existsSync(out) ? fs.readdirSync(out).filter((e) => fs.existsSync(path.join(out, e, 'run.json'))) : [];
}

/** runs.csv without its timing column (the last). */
export function withoutTimings(file: string): string {
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  return lines.map((l) => l.slice(0, l.lastIndexOf(','))).join('\n');
}

/** Every file under a run folder with its bytes, run.json aside (it holds the timing). */
export function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (r !== 'run.json') out[r] = fs.readFileSync(path.join(dir, r)).toString('base64');
    }
  };
  walk('');
  return out;
}
