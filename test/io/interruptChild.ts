/**
 * A child process for test/io/interrupt.test.ts: starts writing an output folder through
 * withOutputDir (in this thread, or in a worker thread with `worker`), prints `ready <parent>` once
 * the temporary folder holds a file, and then waits to be signalled.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import { enableInterruptCleanup, withOutputDir } from '../../src/io/atomic.ts';

async function hold(out: string, announce: () => void): Promise<void> {
  await withOutputDir(out, async (tmp) => {
    fs.writeFileSync(path.join(tmp, 'big.csv'), 'x'.repeat(1 << 20));
    announce();
    await new Promise(() => setInterval(() => {}, 1000));
  });
}

if (isMainThread) {
  const [mode, out] = process.argv.slice(2);
  enableInterruptCleanup();
  if (mode === 'worker') {
    const w = new Worker(new URL('../../workers/tsx-entry.mjs', import.meta.url), { workerData: { out, entry: import.meta.url } });
    w.on('message', (m) => process.stdout.write(`${m}\n`));
  } else {
    await hold(out, () => process.stdout.write('ready\n'));
  }
} else {
  const { out } = workerData as { out: string };
  const { parentPort } = await import('node:worker_threads');
  await hold(out, () => setTimeout(() => parentPort!.postMessage('ready'), 50));
}
