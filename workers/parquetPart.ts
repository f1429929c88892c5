/** Worker handler: encodes a part of a Parquet table for the thread writing the file (src/jobs/parquetPart.ts). */
import type { ParquetPartTask } from '../src/io/parquet.ts';
import { parquetPartTask } from '../src/jobs/parquetPart.ts';
import { reply } from '../src/parallel/reply.ts';

export default async function parquetPartWorker(task: ParquetPartTask) {
  return reply(() => parquetPartTask(task));
}
