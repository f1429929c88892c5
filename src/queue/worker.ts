/**
 * `quarterhour worker`: a BullMQ worker on the batch queue, with a pool of worker threads. It takes up
 * to `concurrency` jobs at a time and runs each on the pool (processRun.ts). Its lock on a job is
 * renewed every lockDuration / 2 by this process's main thread (which only waits on the pool); when the
 * process dies, the lock runs out and any other worker's stalled-job check puts the job back in line.
 */
import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { createPool } from '../parallel/pool.ts';
import { PREFIX, QUEUE_NAME, redisOptions, type QueueUrl } from './connection.ts';
import type { QueueJobData, QueueJobResult } from './job.ts';
import { processRun, WORKER_NAME } from './processRun.ts';

export interface QueueWorkerOptions {
  url: QueueUrl;
  threads: number;
  /** Jobs at a time (default: threads). */
  concurrency?: number;
  /** Lock on a job, ms (default 30,000): how long a dead worker's job waits before another takes it. */
  lockDurationMs?: number;
  log?: (msg: string) => void;
}

export interface QueueWorker {
  name: string;
  /** Finish the jobs in hand, then stop. */
  close: () => Promise<void>;
  /** Resolves when the worker has closed. */
  closed: Promise<void>;
}

export function startQueueWorker(opts: QueueWorkerOptions): QueueWorker {
  const log = opts.log ?? (() => {});
  const pool = createPool(opts.threads);
  const redis = new Redis(redisOptions(opts.url));
  redis.on('error', () => {}); // reconnects for ever; BullMQ reports lasting outages
  const lockDuration = opts.lockDurationMs ?? 30_000;
  const worker = new Worker<QueueJobData, QueueJobResult>(
    QUEUE_NAME,
    async (job: Job<QueueJobData, QueueJobResult>) => {
      const t0 = performance.now();
      const r = await processRun(pool, redis, job.id!, job.data);
      log(`${WORKER_NAME}: ${job.data.batch} ${job.data.run.id} done in ${((performance.now() - t0) / 1000).toFixed(1)} s (${r.files.kind === 'shared' ? 'written to the shared folder' : `archive ${(r.files.bytes / 1024).toFixed(0)} KiB in Redis`})`);
      return r;
    },
    {
      connection: redisOptions(opts.url),
      prefix: PREFIX,
      concurrency: opts.concurrency ?? opts.threads,
      lockDuration,
      stalledInterval: Math.max(500, Math.round(lockDuration / 2)),
      maxStalledCount: 3,
    },
  );
  worker.on('failed', (job, err) => {
    if (job) log(`${WORKER_NAME}: ${job.data.batch} ${job.data.run.id} failed (attempt ${job.attemptsMade} of ${job.opts.attempts ?? 1}): ${err.message.split('\n')[0]}`);
  });
  let warned = false;
  worker.on('error', (err) => {
    if (!warned) log(`${WORKER_NAME}: Redis: ${err.message} (retrying)`);
    warned = true;
  });
  worker.on('ready', () => (warned = false));
  let resolveClosed: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      await worker.close();
      await pool.destroy();
      redis.disconnect();
      resolveClosed();
    })());
  return { name: WORKER_NAME, close, closed };
}
