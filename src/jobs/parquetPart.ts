/**
 * Encoding a part of a Parquet table on a worker of the job's pool (src/io/parquet.ts
 * writeParquetFile): the task carries the part's rows as plain data; this rebuilds the table's own
 * source on them and encodes its row groups. The same source function encodes a table in the main
 * thread, so the bytes are the same wherever they were encoded.
 */
import { encodeRowGroups, type EncodedRowGroups, type ParquetPartTask, type ParquetSource } from '../io/parquet.ts';
import { tripsParquet, type TripsPart } from '../simulate/output.ts';

/** The tables that can be cut into parts, by ParquetPartTask.table. */
const SOURCES: Record<string, (data: never) => ParquetSource> = {
  trips: (data: TripsPart) => tripsParquet(data.trips, data.keys),
};

/** The worker's side: the part's row groups, encoded. */
export function parquetPartTask(task: ParquetPartTask): EncodedRowGroups {
  const source = Object.hasOwn(SOURCES, task.table) ? SOURCES[task.table] : undefined;
  if (!source) throw new Error(`parquet part: unknown table '${task.table}'`);
  return encodeRowGroups(source(task.data as never));
}
