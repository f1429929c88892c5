/** What a queued job carries and what it answers (both JSON, stored by BullMQ in Redis). */
import type { RunRow } from '../batch/row.ts';
import type { CatalogueVariant, RunSpec } from '../batch/spec.ts';
import type { TripsFormat } from '../simulate/output.ts';
import type { RunOutputChoice } from '../batch/task.ts';

export type StoreMode = 'auto' | 'redis';

export interface QueueJobData {
  batch: string;
  batchFile: string;
  run: RunSpec;
  catalogues: Record<string, CatalogueVariant>;
  trips: TripsFormat;
  /** The runs' table format and tables (batch --format, --outputs); absent: the defaults. */
  output?: RunOutputChoice;
  /** The batch's --out folder, absolute, as the coordinator sees it. */
  outDir: string;
  /** Content of <outDir>/.quarterhour-queue: a worker that reads the same token sees the folder. */
  outToken: string;
  /** auto: write into outDir when the worker sees it, else upload an archive; redis: always upload. */
  store: StoreMode;
  /** Largest archive a worker may upload, bytes. */
  maxArchive: number;
}

export interface QueueJobResult {
  row: RunRow;
  /** The run's run.json, as written into its folder. */
  runJson: string;
  /** Where the worker put the run's files: 'shared' (already in outDir) or an archive in Redis. */
  files: { kind: 'shared' } | { kind: 'archive'; key: string; bytes: number };
  worker: string;
}
