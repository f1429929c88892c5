// Bootstrap of every quarterhour worker thread: registers tsx's TypeScript loader in this thread (a
// loader passed through execArgv does not reach worker threads on Node 20), then loads the worker's
// TypeScript entry named in workerData and exports its handler for piscina.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const entry = await import(workerData.entry);
export default entry.default;
