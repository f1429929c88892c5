/** Creating piscina pools over the TypeScript entry points in workers/, and unwrapping their replies. */
import os from 'node:os';
import type { TransferListItem } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { WorkerReply } from '../../workers/protocol.ts';

const BOOTSTRAP = new URL('../../workers/tsx-entry.mjs', import.meta.url).href;

/** A pool over workers/<name>.ts (default export = the task handler) with at most `threads` threads (default: available cores). */
export function createPool(name: string, threads?: number): Piscina {
  const n = Math.max(1, threads ?? os.availableParallelism());
  return new Piscina({
    filename: BOOTSTRAP,
    workerData: { entry: new URL(`../../workers/${name}.ts`, import.meta.url).href },
    minThreads: 1,
    maxThreads: n,
    idleTimeout: 1000,
  });
}

/** Run a task and return its result, rethrowing a worker's error in this thread. */
export async function runTask<T>(pool: Piscina, task: unknown, transferList?: TransferListItem[]): Promise<T> {
  const r = (await pool.run(task, transferList ? { transferList: transferList as never } : undefined)) as WorkerReply<T>;
  if (r.ok) return r.result;
  const err = new Error(r.error.message);
  err.name = r.error.name;
  if (r.error.stack) err.stack = r.error.stack;
  throw err;
}
