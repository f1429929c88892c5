/**
 * The queue's entry points for the public API (src/index.ts), loaded on first use: BullMQ and ioredis
 * are only loaded by programs that use the queue, so `import 'quarterhour'` stays quick.
 */
import type { BatchSpec } from '../batch/spec.ts';
import type { BatchOutcome } from '../jobs/batch.ts';
import type { QueueUrl } from './connection.ts';
import type { QueuedBatchOptions } from './coordinator.ts';
import type { QueueWorker, QueueWorkerOptions } from './worker.ts';

export type { QueuedBatchOptions, QueueWorker, QueueWorkerOptions, QueueUrl };

/** A batch on BullMQ workers over Redis (src/queue/coordinator.ts). */
export async function runQueuedBatch(spec: BatchSpec, opts: QueuedBatchOptions): Promise<BatchOutcome> {
  return (await import('./coordinator.ts')).runQueuedBatch(spec, opts);
}

/** A queue worker in this process (src/queue/worker.ts). */
export async function startQueueWorker(opts: QueueWorkerOptions): Promise<QueueWorker> {
  return (await import('./worker.ts')).startQueueWorker(opts);
}
