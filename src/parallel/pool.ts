/**
 * The worker pool: one piscina pool over the single worker entry (workers/index), which routes each
 * task to its handler by the task's `kind`. A job creates one pool and passes it to every stage.
 * Compiled (dist/) code starts compiled workers; code run from its TypeScript sources (tests,
 * scripts through tsx) starts workers through tsx's loader.
 */
import os from 'node:os';
import type { TransferListItem } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { unwrap, type WorkerReply } from './reply.ts';

export type Pool = Piscina;

/** Every task names its handler. */
export interface Task {
  kind: string;
}

const FROM_SOURCE = import.meta.url.endsWith('.ts');
const ENTRY = new URL(`../../workers/index.${FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url).href;
const TSX_BOOTSTRAP = new URL('../../workers/tsx-entry.mjs', import.meta.url).href;

export interface PoolOptions {
  /**
   * Start every worker at once (not on demand) and have each load the handlers of these task kinds
   * as soon as it starts (workers/index.ts), so that a job can start its pool before it reads its
   * input and find the workers ready when the work comes.
   */
  warm?: readonly string[];
  /** How many workers start at once with `warm` (default all); the others start when work waits for them. */
  warmThreads?: number;
}

/** A pool of at most `threads` worker threads (default: the available cores). */
export function createPool(threads?: number, opts: PoolOptions = {}): Pool {
  const n = Math.max(1, threads ?? os.availableParallelism());
  return new Piscina({
    filename: FROM_SOURCE ? TSX_BOOTSTRAP : ENTRY,
    workerData: { entry: ENTRY, warm: opts.warm ?? [] },
    minThreads: opts.warm ? Math.max(1, Math.min(n, opts.warmThreads ?? n)) : 1,
    maxThreads: n,
    idleTimeout: 10_000,
  });
}

export interface RunTaskOptions {
  /** Aborting it terminates the worker running the task (the pool replaces it). */
  signal?: AbortSignal;
  /** Buffers moved to the worker instead of copied. */
  transfer?: TransferListItem[];
}

/** Run a task and return its result, rethrowing a worker's error in this thread. */
export async function runTask<T>(pool: Pool, task: Task, opts: RunTaskOptions = {}): Promise<T> {
  const r = (await pool.run(task, { signal: opts.signal, transferList: opts.transfer as never })) as WorkerReply<T>;
  return unwrap(r);
}

/** Run `body` on the given pool, or on a pool of `threads` made for it and destroyed after. */
export async function withPool<T>(pool: Pool | undefined, threads: number | undefined, body: (pool: Pool) => Promise<T>): Promise<T> {
  if (pool) return body(pool);
  const own = createPool(threads);
  try {
    return await body(own);
  } finally {
    await own.destroy();
  }
}
