/** The worker task of a batch: one run (src/jobs/batchRun.ts, in workers/batch.ts). Small JSON in, the runs.csv row out. */
import type { TripsFormat } from '../simulate/output.ts';
import type { CatalogueVariant, RunSpec } from './spec.ts';

export interface BatchTask {
  kind: 'batch-run';
  run: RunSpec;
  catalogues: Record<string, CatalogueVariant>;
  batchFile: string;
  runDir: string;
  trips: TripsFormat;
}

export interface BatchTaskResult {
  row: Record<string, string | number>;
}
