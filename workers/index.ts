/**
 * The one worker entry of the pool (src/parallel/pool.ts): routes each task to its handler by the
 * task's `kind`. Handlers are loaded on first use, so a worker that only simulates never loads HiGHS.
 * Every handler is a thin adapter: decode the task, call src/, answer with a WorkerReply.
 */
import { reply, type WorkerReply } from '../src/parallel/reply.ts';

type Handler = (task: never) => Promise<unknown>;

const HANDLERS: Record<string, () => Promise<Handler>> = {
  ping: async () => async () => reply(() => 'pong'),
  'network-matrix': async () => (await import('./network.ts')).default as Handler,
  'simulate-shard': async () => (await import('./simulate.ts')).default as Handler,
  'simulate-rechoice': async () => (await import('./simulate.ts')).rechoiceWorker as Handler,
  highs: async () => (await import('./highs.ts')).default as Handler,
  'highs-probe': async () => (await import('./highs.ts')).default as Handler,
  'city-highs': async () => (await import('./cityHighs.ts')).default as Handler,
  localsearch: async () => (await import('./localsearch.ts')).default as Handler,
  'tree-nodes': async () => (await import('./tree.ts')).default as Handler,
  'batch-run': async () => (await import('./batch.ts')).default as Handler,
};

export default async function route(task: { kind?: unknown }): Promise<unknown> {
  const load = typeof task?.kind === 'string' ? HANDLERS[task.kind] : undefined;
  if (!load) return reply(() => { throw new Error(`worker: unknown task kind '${String(task?.kind)}'`); }) as Promise<WorkerReply<never>>;
  return (await load())(task as never);
}
