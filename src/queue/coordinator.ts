/**
 * `quarterhour batch --queue`: the coordinator. It enqueues every run of the batch as one BullMQ job
 * (id: batch name, spec hash, run id), follows the jobs, and writes runs.csv in batch order as results
 * arrive, exactly as the local batch does (src/jobs/batch.ts). It holds no state of its own: what is
 * finished is on disk (run folders with their run.json) or in Redis (completed jobs and their
 * archives), so a coordinator killed and restarted with --resume collects what finished meanwhile.
 *
 * For each run not finished on disk, the job already in Redis decides:
 * - none: enqueue it;
 * - waiting, delayed or active: leave it (enqueuing the same batch twice is harmless);
 * - completed: collect it (unpack its archive, or find its folder on the shared path); where its files
 *   are gone (a fresh batch removed them, or the archive was collected by an earlier coordinator and
 *   the folder deleted), run it again;
 * - failed: run it again, as the local batch redoes failed runs on --resume.
 */
import path from 'node:path';
import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { ProgressBar } from '../batch/progress.ts';
import { failedRow, type RunRow } from '../batch/row.ts';
import { cleanHalfFinished, openRunsFolder, readFinished, runsCsvWriter } from '../batch/runsFolder.ts';
import type { BatchSpec, RunSpec } from '../batch/spec.ts';
import { withOutputDir } from '../io/atomic.ts';
import type { TripsFormat } from '../simulate/output.ts';
import type { RunOutputChoice } from '../batch/task.ts';
import type { BatchOutcome } from '../jobs/batch.ts';
import { unpackInto } from './archive.ts';
import { PREFIX, QUEUE_NAME, redisOptions, type QueueUrl } from './connection.ts';
import type { QueueJobData, QueueJobResult, StoreMode } from './job.ts';
import { jobId, specHash } from './jobIds.ts';
import { outToken } from './outToken.ts';

export const DEFAULT_MAX_ARCHIVE = 5_000_000;
export const DEFAULT_ATTEMPTS = 2;

export interface QueuedBatchOptions {
  url: QueueUrl;
  outDir: string;
  resume: boolean;
  trips?: TripsFormat;
  /** The runs' table format and tables (--format, --outputs). */
  output?: RunOutputChoice;
  /** Tries per run before it becomes a 'failed' row (default 2). */
  attempts?: number;
  store?: StoreMode;
  /** Largest archive per run, bytes (default 5 MB). */
  maxArchive?: number;
  progress?: boolean;
  /** How often the coordinator looks for finished jobs, ms (default 250). */
  pollMs?: number;
  log?: (msg: string) => void;
}

const CHUNK = 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function inChunks<T, R>(items: T[], f: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await f(items.slice(i, i + CHUNK))));
  return out;
}

export async function runQueuedBatch(spec: BatchSpec, opts: QueuedBatchOptions): Promise<BatchOutcome> {
  const t0 = performance.now();
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const outDir = path.resolve(opts.outDir);
  const { rows, pending, skipped } = openRunsFolder(spec, outDir, opts.resume, opts.progress !== false ? log : null, 'to collect or run');
  const trips = opts.trips ?? 'none';
  const hash = specHash(spec, trips, opts.output);
  const token = outToken(outDir);
  const data = (run: RunSpec): QueueJobData => ({
    batch: spec.name,
    batchFile: spec.file,
    run,
    catalogues: spec.catalogues,
    trips,
    ...(opts.output ? { output: opts.output } : {}),
    outDir,
    outToken: token,
    store: opts.store ?? 'auto',
    maxArchive: opts.maxArchive ?? DEFAULT_MAX_ARCHIVE,
  });
  const jobOpts = { attempts: opts.attempts ?? DEFAULT_ATTEMPTS, backoff: { type: 'fixed', delay: 500 } };
  const idOf = (run: RunSpec) => jobId(spec.name, hash, run.id);

  const queue = new Queue<QueueJobData, QueueJobResult>(QUEUE_NAME, { connection: redisOptions(opts.url), prefix: PREFIX });
  const redis = new Redis(redisOptions(opts.url));
  let redisDown = false;
  const onError = (e: Error) => {
    if (!redisDown) log(`Redis at ${opts.url.shown}: ${e.message}; waiting for it`);
    redisDown = true;
  };
  queue.on('error', onError);
  redis.on('error', onError);
  redis.on('ready', () => (redisDown = false));
  let failed = 0;
  const csv = runsCsvWriter(outDir, spec, rows);
  try {
    const enqueue = async (runs: RunSpec[]) => {
      await inChunks(runs, (chunk) => queue.addBulk(chunk.map((run) => ({ name: 'run', data: data(run), opts: { ...jobOpts, jobId: idOf(run) } }))));
    };
    // what Redis already holds of this batch
    const states = await inChunks(pending, (chunk) => Promise.all(chunk.map((r) => queue.getJobState(idOf(r)))));
    const toAdd: RunSpec[] = [];
    let held = 0;
    for (let i = 0; i < pending.length; i++) {
      if (states[i] === 'unknown') toAdd.push(pending[i]);
      else if (states[i] === 'failed') {
        await queue.remove(idOf(pending[i]));
        toAdd.push(pending[i]);
      } else held++;
    }
    await enqueue(toAdd);
    if (opts.progress !== false) log(`queue ${opts.url.shown}: ${toAdd.length} jobs enqueued, ${held} already there (batch ${spec.name}, spec ${hash}); start workers with: quarterhour worker --queue ${opts.url.shown}`);

    const bar = opts.progress === false || pending.length === 0 ? null : new ProgressBar(pending.length, `batch ${spec.name}`);
    const completedKey = queue.toKey('completed');
    const failedKey = queue.toKey('failed');
    let open = pending.slice();
    const pollMs = opts.pollMs ?? 250;
    // a scan asks Redis about every open job; it runs when the finished sets changed size, and at least every 5 s
    let lastCards = '';
    let lastScan = 0;
    while (open.length > 0) {
      type Done = { run: RunSpec; done: 'completed' | 'failed' };
      let finished: Done[] = [];
      try {
        const cards = ((await redis.pipeline().zcard(completedKey).zcard(failedKey).exec()) ?? []).map((r) => String(r[1])).join(',');
        if (cards === lastCards && performance.now() - lastScan < 5000) {
          await sleep(pollMs);
          continue;
        }
        lastCards = cards;
        lastScan = performance.now();
        const scores = await inChunks(open, async (chunk) => {
          const p = redis.pipeline();
          for (const r of chunk) p.zscore(completedKey, idOf(r)).zscore(failedKey, idOf(r));
          const res = (await p.exec()) ?? [];
          return chunk.map((_, i) => [res[2 * i]?.[1], res[2 * i + 1]?.[1]] as const);
        });
        finished = open.flatMap((run, i): Done[] => (scores[i][0] != null ? [{ run, done: 'completed' }] : scores[i][1] != null ? [{ run, done: 'failed' }] : []));
      } catch (e) {
        onError(e as Error);
        await sleep(pollMs * 4);
        continue;
      }
      const closed = new Set<string>();
      for (const { run, done } of finished) {
        try {
          const job = (await queue.getJob(idOf(run))) as Job<QueueJobData, QueueJobResult> | undefined;
          if (!job) continue;
          if (done === 'failed') {
            failed++;
            rows.set(run.id, failedRow(run, job.failedReason ?? 'failed', ((job.finishedOn ?? 0) - (job.processedOn ?? job.finishedOn ?? 0)) / 1000));
          } else {
            const row = await collect(job, run, outDir, redis);
            if (!row) {
              // its files are gone: run it again
              await job.remove();
              await enqueue([run]);
              continue;
            }
            rows.set(run.id, row);
          }
          closed.add(run.id);
          csv.touch();
          bar?.tick(done === 'completed', run.id);
        } catch (e) {
          onError(e as Error);
        }
      }
      if (closed.size > 0) open = open.filter((r) => !closed.has(r.id));
      if (open.length > 0 && closed.size === 0) await sleep(pollMs);
    }
  } finally {
    await queue.close().catch(() => {});
    redis.disconnect();
  }
  csv.flush();
  // temporary folders of workers that died mid-run: every run is finished now
  cleanHalfFinished(outDir);
  return { outDir, rows: spec.runs.map((r) => rows.get(r.id)!), skipped, ran: pending.length, failed, seconds: (performance.now() - t0) / 1000 };
}

/** A completed job's row, once its files are in <outDir>/<run id>; null when its files are lost. */
async function collect(job: Job<QueueJobData, QueueJobResult>, run: RunSpec, outDir: string, redis: Redis): Promise<RunRow | null> {
  const result = job.returnvalue;
  const runDir = path.join(outDir, run.id);
  if (!result?.row) return null;
  if (result.files.kind === 'archive') {
    const archive = await redis.getBuffer(result.files.key);
    if (archive) {
      // idempotent: the run id names the folder, written to a temporary folder and renamed into place
      await withOutputDir(runDir, (tmp) => void unpackInto(archive, tmp));
      await redis.del(result.files.key);
    }
  }
  return readFinished(runDir) ? result.row : null;
}
