/**
 * A queue worker's handling of one job: the same batch task the local batch runs (src/batch/task.ts,
 * on the same worker pool, workers/batch.ts -> src/jobs/batchRun.ts), so the results are the same.
 * Where the worker sees the batch's --out folder, the run's folder is written there atomically (by
 * run id: a run done twice replaces itself with identical files). Elsewhere it runs into a local
 * mirror of the batch's paths (so that relative paths recorded in the outputs are unchanged), packs
 * the folder and uploads it into Redis; the coordinator unpacks it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import { batchTask, type BatchTaskResult } from '../batch/task.ts';
import { runTask, type Pool } from '../parallel/pool.ts';
import { packDir } from './archive.ts';
import type { QueueJobData, QueueJobResult } from './job.ts';
import { archiveKey } from './jobIds.ts';
import { seesOutDir } from './outToken.ts';

export const WORKER_NAME = `${os.hostname()}:${process.pid}`;

export async function processRun(pool: Pool, redis: Redis, id: string, data: QueueJobData): Promise<QueueJobResult> {
  const { run } = data;
  if (!fs.existsSync(run.scenario)) throw new Error(`scenario ${run.scenario} is not readable on worker ${WORKER_NAME}; workers must see the batch's scenarios at the same path`);
  const spec = { catalogues: data.catalogues, file: data.batchFile };
  if (data.store === 'auto' && seesOutDir(data.outDir, data.outToken)) {
    const runDir = path.join(data.outDir, run.id);
    const r = await runTask<BatchTaskResult>(pool, batchTask(spec, run, runDir, data.trips, undefined, data.output));
    return { row: r.row, runJson: fs.readFileSync(path.join(runDir, 'run.json'), 'utf8'), files: { kind: 'shared' }, worker: WORKER_NAME };
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-queue-run-'));
  try {
    // the mirror: <root>/<outDir>/<run id> for the outputs, <root>/<scenario> a link to the scenario
    const runDir = path.join(root, data.outDir, run.id);
    const location = path.join(root, run.scenario);
    fs.mkdirSync(path.dirname(location), { recursive: true });
    fs.symlinkSync(run.scenario, location);
    const r = await runTask<BatchTaskResult>(pool, batchTask(spec, run, runDir, data.trips, location, data.output)).catch((e: Error) => {
      // name the scenario as the batch does, not by its mirror
      e.message = e.message.split(root).join('');
      throw e;
    });
    const archive = packDir(runDir);
    if (archive.length > data.maxArchive) {
      throw new UnrecoverableError(`the files of run ${run.id} are ${(archive.length / 1e6).toFixed(1)} MB compressed, over --max-archive ${(data.maxArchive / 1e6).toFixed(1)} MB; give workers a shared --out folder, or use --trips none`);
    }
    const key = archiveKey(id);
    await redis.set(key, archive);
    return { row: r.row, runJson: fs.readFileSync(path.join(runDir, 'run.json'), 'utf8'), files: { kind: 'archive', key, bytes: archive.length }, worker: WORKER_NAME };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
