/** `quarterhour worker --queue redis://…`: run queued batch runs (from `batch --queue`) on this machine until stopped. */
import os from 'node:os';
import { InputError } from '../../core/errors.ts';
import { parseQueueUrl } from '../../queue/connection.ts';
import { startQueueWorker } from '../../queue/worker.ts';
import { EXIT_OK, numberOption, progress, type Command } from '../command.ts';

export const command: Command = {
  name: 'worker',
  usage: 'worker --queue redis://host:port[/db] [--threads N] [--concurrency K] [--lock-duration MS]',
  help: {
    queue: 'the Redis of the batch queue (the same URL as `batch --queue`)',
    threads: 'worker threads (default: all cores)',
    concurrency: 'runs at a time (default: the number of threads)',
    'lock-duration': "lock on a job, ms (default 30000): how long a dead worker's run waits before another worker takes it",
  },
  options: { queue: { type: 'string' }, threads: { type: 'string' }, concurrency: { type: 'string' }, 'lock-duration': { type: 'string' } },
  async run(pos, values) {
    if (pos.length !== 0) throw new InputError('command line', `expected no positional arguments, got '${pos[0]}'`);
    if (values.queue === undefined) throw new InputError('command line', '--queue is required: redis://host:port[/db]');
    const url = parseQueueUrl(values.queue as string);
    const threads = numberOption(values, 'threads', os.availableParallelism(), { integer: true, min: 1 });
    const concurrency = numberOption(values, 'concurrency', threads, { integer: true, min: 1 });
    const lockDurationMs = numberOption(values, 'lock-duration', 30_000, { integer: true, min: 200 });
    const w = startQueueWorker({ url, threads, concurrency, lockDurationMs, log: progress });
    progress(`worker ${w.name}: ${threads} threads, ${concurrency} runs at a time, on ${url.shown}; Ctrl-C to stop`);
    const stop = (signal: string) => {
      progress(`worker ${w.name}: ${signal}, finishing the runs in hand`);
      void w.close();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    await w.closed;
    if (values.json) process.stdout.write(`${JSON.stringify({ worker: w.name, stopped: true })}\n`);
    return EXIT_OK;
  },
};
