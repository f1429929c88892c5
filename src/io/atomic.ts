/**
 * Writing outputs so that a failed run leaves nothing half-written: temp file or folder, then rename.
 *
 * Interrupted runs: once the CLI calls `enableInterruptCleanup()` (src/cli/main.ts), a SIGINT or
 * SIGTERM that arrives while a temporary file or folder exists removes it, prints one line and exits
 * 130 (SIGINT) or 143 (SIGTERM). Temporaries made in worker threads (a batch's runs) are reported to
 * the main thread over a BroadcastChannel, so that they are removed too. The handlers are installed
 * only while temporaries exist: at any other time a signal ends the process as it always did.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BroadcastChannel, isMainThread } from 'node:worker_threads';

let counter = 0;
function tempName(target: string): string {
  return `${target}.tmp-${process.pid}-${counter++}`;
}

// ---------------------------------------------------------------------------------------------
// Temporaries alive now, and their removal on SIGINT/SIGTERM

const CHANNEL = 'quarterhour:atomic-temporaries';
/** Temporaries of this process (the main thread also holds those its workers reported). */
const live = new Set<string>();
let enabled = false;
let channel: BroadcastChannel | null = null;
let handlersOn = false;

interface TempMessage {
  op: 'add' | 'remove';
  path: string;
}

function openChannel(): BroadcastChannel {
  if (!channel) {
    channel = new BroadcastChannel(CHANNEL);
    channel.unref();
  }
  return channel;
}

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/** Remove the folder `p` and all in it, trying again while files still appear in it; whether it is gone. */
function removeTree(p: string, attempts = 20, waitMs = 25): boolean {
  for (let k = 0; ; k++) {
    try {
      fs.rmSync(p, { recursive: true, force: true });
      return true;
    } catch (e) {
      if (k + 1 >= attempts || (e as NodeJS.ErrnoException).code !== 'ENOTEMPTY') return false;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, waitMs);
    }
  }
}

function onSignal(signal: keyof typeof EXIT_CODES): void {
  // a temporary inside another (a run's simulate-today.tmp-… in its results.tmp-…) goes with it: named once
  const removed = [...live].filter((p) => ![...live].some((q) => q !== p && p.startsWith(q + path.sep)));
  // Writes beside the computation may still be creating files in the folder on libuv's threads while
  // it is removed (ENOTEMPTY): it is removed again, listed afresh, after a short wait, a few times
  // (rmSync's own retries only retry the last rmdir, without listing the folder again).
  const left: string[] = [];
  for (const p of removed) if (!removeTree(p)) left.push(p);
  live.clear();
  const outputs = (ps: string[]) => `unfinished output${ps.length > 1 ? 's' : ''} ${ps.map((p) => path.relative(process.cwd(), p) || p).join(', ')}`;
  const done = removed.filter((p) => !left.includes(p));
  const parts: string[] = [];
  if (done.length > 0) parts.push(`removed the ${outputs(done)}`);
  if (left.length > 0) parts.push(`could not remove the ${outputs(left)}: delete ${left.length > 1 ? 'them' : 'it'}`);
  const what = parts.length > 0 ? parts.join('; ') : 'nothing was left half-written';
  process.stderr.write(`quarterhour: interrupted by ${signal}; ${what}
`);
  process.exit(EXIT_CODES[signal]);
}
const onSigint = () => onSignal('SIGINT');
const onSigterm = () => onSignal('SIGTERM');

/**
 * Writes are synchronous, so a signal that arrives during one is delivered only when the event loop
 * next polls, which may be after the temporary was renamed into place. The handlers are therefore
 * removed only after the loop has polled once more (a timer, then an immediate: the poll phase lies
 * between), so that such a signal still ends the process with its exit code and message (the output
 * is then complete) instead of being lost.
 */
let offPending = 0;

function syncHandlers(): void {
  const want = enabled && live.size > 0;
  if (want) offPending++; // cancels a pending removal
  if (want === handlersOn) return;
  if (want) {
    handlersOn = true;
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
    return;
  }
  const ticket = ++offPending;
  setTimeout(() =>
    setImmediate(() => {
      if (ticket !== offPending || !handlersOn || live.size > 0) return;
      handlersOn = false;
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigterm);
    }),
  );
}

function track(p: string): void {
  live.add(p);
  if (isMainThread) syncHandlers();
  else openChannel().postMessage({ op: 'add', path: p } satisfies TempMessage);
}

function untrack(p: string): void {
  live.delete(p);
  if (isMainThread) syncHandlers();
  else openChannel().postMessage({ op: 'remove', path: p } satisfies TempMessage);
}

/**
 * Remove temporary outputs on SIGINT/SIGTERM, with exit code 130/143 and a one-line message (the CLI
 * calls this once; a library user who wants it calls it too). Only in the main thread.
 */
export function enableInterruptCleanup(): void {
  if (!isMainThread || enabled) return;
  enabled = true;
  const ch = openChannel();
  ch.onmessage = (ev) => {
    const m = (ev as unknown as { data: TempMessage }).data;
    if (m.op === 'add') live.add(m.path);
    else live.delete(m.path);
    syncHandlers();
  };
  ch.unref(); // listening must not keep the process alive
  syncHandlers();
}

/** The temporary files and folders alive now (for tests). */
export function liveTemporaries(): string[] {
  return [...live];
}

/** Write one file atomically (the parent folder is created). */
export function writeFileAtomic(file: string, data: string | NodeJS.ArrayBufferView): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = tempName(file);
  track(tmp);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  } finally {
    untrack(tmp);
  }
}

/**
 * Fill a fresh temporary folder with `fill`, then move it to `finalDir`, replacing what was there.
 * If `fill` throws, the temporary folder is removed and `finalDir` is left as it was.
 */
export async function withOutputDir<T>(finalDir: string, fill: (tmpDir: string) => Promise<T> | T): Promise<T> {
  const target = path.resolve(finalDir);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = tempName(target);
  track(tmp);
  try {
    fs.mkdirSync(tmp, { recursive: true });
    let result: T;
    try {
      result = await fill(tmp);
    } catch (e) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
    const old = fs.existsSync(target) ? tempName(target) : null;
    if (old) fs.renameSync(target, old);
    fs.renameSync(tmp, target);
    if (old) fs.rmSync(old, { recursive: true, force: true });
    return result;
  } finally {
    untrack(tmp);
  }
}
