/**
 * The one worker entry of the pool (src/parallel/pool.ts): routes each task to its handler by the
 * task's `kind`. Handlers are loaded on first use, so a worker that only simulates never loads HiGHS.
 * Every handler is a thin adapter: decode the task, call src/, answer with a WorkerReply.
 */
import { workerData } from 'node:worker_threads';
import { reply, type WorkerReply } from '../src/parallel/reply.ts';

type Handler = (task: never) => Promise<unknown>;

const HANDLERS: Record<string, () => Promise<Handler>> = {
  ping: async () => async () => reply(() => 'pong'),
  'network-matrix': async () => (await import('./network.ts')).default as Handler,
  'simulate-pass': async () => (await import('./simulate.ts')).default as Handler,
  'simulate-rechoice': async () => (await import('./simulate.ts')).rechoiceWorker as Handler,
  'trips-groups': async () => (await import('./tripsGroups.ts')).default as Handler,
  highs: async () => (await import('./highs.ts')).default as Handler,
  'highs-probe': async () => (await import('./highs.ts')).default as Handler,
  'city-highs': async () => (await import('./cityHighs.ts')).default as Handler,
  localsearch: async () => (await import('./localsearch.ts')).default as Handler,
  'tree-nodes': async () => (await import('./tree.ts')).default as Handler,
  'batch-run': async () => (await import('./batch.ts')).default as Handler,
  'coverage-table': async () => (await import('./write.ts')).default as Handler,
};

const loaded = new Map<string, Promise<Handler>>();

/** The handler of a task kind, loaded once; undefined for an unknown kind. */
function handler(kind: string): Promise<Handler> | undefined {
  const load = Object.hasOwn(HANDLERS, kind) ? HANDLERS[kind] : undefined;
  if (!load) return undefined;
  let h = loaded.get(kind);
  if (!h) loaded.set(kind, (h = load()));
  return h;
}

// A pool started ahead of its work (createPool's `warm`) names the kinds to load before the worker
// reports ready (awaited here: a waiting worker blocks its event loop, so a load left running would
// not progress); a failure to load shows when a task of that kind runs. (Running the simulation once
// on a made-up day as well, to have its code optimised ahead, was tried: on two cores it slowed the
// main thread's matrix more than it saved.)
await Promise.all(((workerData as { warm?: string[] } | null)?.warm ?? []).map((kind) => handler(kind)?.catch(() => {})));

export default async function route(task: { kind?: unknown }): Promise<unknown> {
  const h = typeof task?.kind === 'string' ? handler(task.kind) : undefined;
  if (!h) return reply(() => { throw new Error(`worker: unknown task kind '${String(task?.kind)}'`); }) as Promise<WorkerReply<never>>;
  return (await h)(task as never);
}
