// Bootstrap of a worker thread when quarterhour runs from its TypeScript sources (tests, scripts through
// tsx): registers tsx's loader in this thread (a loader passed through execArgv does not reach worker
// threads on Node 20), then loads the worker entry named in workerData. Compiled code never uses it.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const entry = await import(workerData.entry);
export default entry.default;
