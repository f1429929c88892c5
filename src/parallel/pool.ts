/** Creating piscina pools over the TypeScript entry points in workers/, and unwrapping their replies. */
import os from 'node:os';
import { Piscina } from 'piscina';
import type { WorkerReply } from '../../workers/protocol.ts';

const TSX_LOADER = import.meta.resolve('tsx');

/** A pool over workers/<name>.ts with at most `threads` threads (default: available cores). */
export function createPool(name: string, threads?: number): Piscina {
  const n = Math.max(1, threads ?? os.availableParallelism());
  return new Piscina({
    filename: new URL(`../../workers/${name}.ts`, import.meta.url).href,
    minThreads: 1,
    maxThreads: n,
    idleTimeout: 1000,
    execArgv: ['--import', TSX_LOADER],
  });
}

/** Run a task and return its result, rethrowing a worker's error in this thread. */
export async function runTask<T>(pool: Piscina, task: unknown, transferList?: Transferable[]): Promise<T> {
  const r = (await pool.run(task, transferList ? { transferList: transferList as never } : undefined)) as WorkerReply<T>;
  if (r.ok) return r.result;
  const err = new Error(r.error.message);
  err.name = r.error.name;
  if (r.error.stack) err.stack = r.error.stack;
  throw err;
}
