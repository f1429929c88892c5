/** Worker handler: encodes the row groups of trips.parquet it claims, alongside the writing thread (src/simulate/output.ts). */
import { reply, type WorkerReply } from '../src/parallel/reply.ts';
import { tripsGroupsTask, type TripsGroupsTask } from '../src/simulate/output.ts';

export default async function tripsGroupsWorker(task: TripsGroupsTask): Promise<WorkerReply<number>> {
  return reply(() => tripsGroupsTask(task));
}
