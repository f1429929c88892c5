/**
 * The context of one job on one scenario: the scenario, its travel matrix (computed once, out to
 * reachM), today's nearest distances (computed once, for today's coverage and the siting model), and
 * one worker pool for every stage of the job.
 *
 * The pool is made on first use, at most `threads` workers (or started by the job before it read its
 * scenario, startJobPool, and handed over as JobOptions.pool): by the stages that spread over threads
 * when the job has more than one (parallelPool: the network matrix, the simulation), and by those that
 * always need a worker (HiGHS runs in one, so that a WebAssembly abort cannot take the process down).
 * withJob destroys it when the job ends, whether it succeeded or threw. Nothing a job computes depends
 * on the number of threads.
 */
import { nearestOpen } from '../coverage/static.ts';
import { createPool, type Pool } from '../parallel/pool.ts';
import type { Scenario } from '../scenario/types.ts';
import { reachM } from '../travel/reach.ts';
import { computeTravelMatrix, type TravelMatrix } from '../travel/travelMatrix.ts';

export interface JobOptions {
  /** Worker threads for the whole job (default 1); results do not depend on it. */
  threads?: number;
  /**
   * A pool started before the job had its scenario (startJobPool: its workers start while the input is
   * read); the context takes it as its own pool and destroys it when the job ends.
   */
  pool?: Pool;
}

/**
 * A pool for a job on `threads` threads (none on one thread), `threads` - 1 of its workers started now,
 * each loading the handlers of the `warm` task kinds: this thread is the other one (the simulation
 * claims its shards alongside the workers); the last worker starts when a stage sends more work than
 * they take (the optimizer's solves). Pass it to withJob as `pool`, or destroy it if the job does not start.
 */
export function startJobPool(threads: number | undefined, warm: readonly string[]): Pool | undefined {
  const n = Math.max(1, Math.floor(threads ?? 1));
  return n > 1 ? createPool(n, { warm, warmThreads: n - 1 }) : undefined;
}

export class JobContext {
  readonly threads: number;
  /** How far the travel matrix reaches, metres (reachM). */
  readonly reachM: number;
  #pool: Pool | undefined;
  #ended = false;
  #travel: Promise<TravelMatrix> | undefined;
  #today: Promise<Float64Array> | undefined;

  constructor(
    readonly scenario: Scenario,
    opts: JobOptions = {},
  ) {
    this.threads = Math.max(1, Math.floor(opts.threads ?? 1));
    this.reachM = reachM(scenario);
    this.#pool = opts.pool;
  }

  /** The job's worker pool, made on the first call. */
  pool(): Pool {
    if (this.#ended) throw new Error('the job has ended: its worker pool is gone');
    this.#pool ??= createPool(this.threads);
    return this.#pool;
  }

  /** The pool for stages that run in this thread when the job has one thread: undefined then. */
  parallelPool(): Pool | undefined {
    return this.threads > 1 ? this.pool() : undefined;
  }

  /** Whether a stage has asked for the pool (it is made on first use). */
  get hasPool(): boolean {
    return this.#pool !== undefined;
  }

  /** The block x site walking distances out to reachM, computed on the first call. */
  travelMatrix(): Promise<TravelMatrix> {
    this.#travel ??= computeTravelMatrix(this.scenario, this.reachM, { threads: this.threads, pool: this.parallelPool() });
    return this.#travel;
  }

  /** Metres from each block to today's nearest site offering each service, computed on the first call. */
  todayNearest(): Promise<Float64Array> {
    this.#today ??= this.travelMatrix().then(({ matrix }) => nearestOpen(this.scenario, matrix));
    return this.#today;
  }

  /** Destroy the pool, if one was made; the context takes no more work. */
  async end(): Promise<void> {
    this.#ended = true;
    const pool = this.#pool;
    this.#pool = undefined;
    if (pool) await pool.destroy();
  }
}

/** Run `body` with a fresh context on `scenario`, and end the context (destroying its pool) however `body` ends. */
export async function withJob<T>(scenario: Scenario, opts: JobOptions, body: (ctx: JobContext) => Promise<T>): Promise<T> {
  let ctx: JobContext;
  try {
    ctx = new JobContext(scenario, opts);
  } catch (e) {
    await opts.pool?.destroy();
    throw e;
  }
  try {
    return await body(ctx);
  } finally {
    await ctx.end();
  }
}
