/** The worker task of a batch: one run (src/jobs/batchRun.ts, in workers/batch.ts). Small JSON in, the runs.csv row out. */
import type { TableFormat } from '../io/tableWriter.ts';
import type { TripsFormat } from '../simulate/output.ts';
import type { BatchSpec, CatalogueVariant, RunSpec } from './spec.ts';

export interface BatchTask {
  kind: 'batch-run';
  run: RunSpec;
  catalogues: Record<string, CatalogueVariant>;
  batchFile: string;
  runDir: string;
  trips: TripsFormat;
  /**
   * Where this machine reads the scenario, when not at run.scenario (a queue worker writing into a
   * mirror of the batch's paths, src/queue/processRun.ts). Outputs record paths relative to runDir,
   * so the mirror keeps them byte-identical.
   */
  location?: string;
  /** The tables' format and which tables (batch --format, --outputs); absent: csv.gz, every table. */
  output?: RunOutputChoice;
}

/** What a batch's runs write: the format of their tables and which tables (null: all). */
export interface RunOutputChoice {
  format?: TableFormat;
  outputs?: string[] | null;
}

export interface BatchTaskResult {
  row: Record<string, string | number>;
}

/** The task of one run of a batch, into runDir: the local batch and the queue worker both build it here. */
export function batchTask(spec: Pick<BatchSpec, 'catalogues' | 'file'>, run: RunSpec, runDir: string, trips: TripsFormat, location?: string, output?: RunOutputChoice): BatchTask {
  return { kind: 'batch-run', run, catalogues: spec.catalogues, batchFile: spec.file, runDir, trips, ...(location ? { location } : {}), ...(output ? { output } : {}) };
}
