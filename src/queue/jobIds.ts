/**
 * Job ids and Redis keys of a queued batch. A job id is `<batch name>@<spec hash>@<run id>`: the hash
 * covers everything that decides a run's outputs (the resolved runs, catalogues, trips format, tables' format and selection), so the
 * same batch enqueued twice maps onto the same jobs (BullMQ ignores a job id it holds), and two
 * different batches never share a job, even under one name.
 */
import { createHash } from 'node:crypto';
import type { BatchSpec } from '../batch/spec.ts';
import type { TripsFormat } from '../simulate/output.ts';
import type { RunOutputChoice } from '../batch/task.ts';
import { PREFIX } from './connection.ts';

/** 12 hex digits of the SHA-256 of the resolved spec. */
export function specHash(spec: Pick<BatchSpec, 'name' | 'catalogues' | 'runs'>, trips: TripsFormat, output?: RunOutputChoice): string {
  const canonical = JSON.stringify({ name: spec.name, catalogues: spec.catalogues, runs: spec.runs, trips, ...(output ? { output } : {}) });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}

export function jobId(batchName: string, hash: string, runId: string): string {
  return `${batchName}@${hash}@${runId}`;
}

/** The Redis key of a run's uploaded archive (workers that do not see the batch's --out folder). */
export function archiveKey(id: string): string {
  return `${PREFIX}:archive:${id}`;
}
