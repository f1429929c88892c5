/**
 * `quarterhour batch <batch.json>`: run a sweep of scenarios x parameters on the worker pool, or with
 * --queue on BullMQ workers over Redis (src/queue/), resumable, into one tidy runs.csv. Every input is
 * checked before the first run; Ctrl-C prints the command that resumes the batch.
 */
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../../core/errors.ts';
import { checkBatchInputs } from '../../batch/check.ts';
import { onInterrupt, shellWord } from '../../batch/interrupt.ts';
import { countFinished } from '../../batch/runsFolder.ts';
import { parseBatch } from '../../batch/spec.ts';
import { runBatch, type BatchOutcome } from '../../jobs/batch.ts';
import type { TripsFormat } from '../../simulate/output.ts';
import { EXIT_FAILURE, EXIT_OK, numberOption, progress, type Command } from '../command.ts';
import { RUN_OUTPUTS } from '../../io/outputs.ts';
import { formatOption, OUTPUT_OPTIONS, outputHelp, outputsOption } from '../outputs.ts';

export const command: Command = {
  name: 'batch',
  usage: 'batch <batch.json> [--threads N] [--resume] [--out DIR] [--trips none|csv|bin|auto] [--format parquet|csv.gz|csv] [--outputs coverage,trips,block_metrics,blocks] [--queue redis://host:port[/db] [--attempts N] [--store auto|redis] [--max-archive MB]] [--json]',
  help: {
    threads: 'runs in parallel (default: all cores; not used with --queue)',
    resume: 'keep finished runs, redo half-finished ones (with --queue: also collect what workers finished meanwhile)',
    out: 'output folder (default results/<batch name>)',
    trips: "each run's trips table: none (default), auto (in the --format), csv (plain) or bin (legacy binary)",
    ...outputHelp(RUN_OUTPUTS),
    queue: 'enqueue the runs on Redis for `quarterhour worker` processes, follow them and collect the results',
    attempts: 'with --queue: tries per run before it becomes a failed row (default 2)',
    store: "with --queue: auto (workers that see --out write into it, others upload an archive into Redis) or redis (always upload)",
    'max-archive': "with --queue: largest compressed archive of one run's files, MB (default 5)",
  },
  options: {
    threads: { type: 'string' },
    resume: { type: 'boolean' },
    out: { type: 'string' },
    trips: { type: 'string' },
    queue: { type: 'string' },
    attempts: { type: 'string' },
    store: { type: 'string' },
    'max-archive': { type: 'string' },
    ...OUTPUT_OPTIONS,
  },
  async run(pos, values) {
    if (pos.length !== 1) throw new InputError('command line', 'expected exactly one batch file');
    const spec = parseBatch(pos[0]);
    const threads = numberOption(values, 'threads', os.availableParallelism(), { integer: true, min: 1 });
    const trips = (values.trips as string | undefined) ?? 'none';
    if (!['none', 'csv', 'bin', 'auto'].includes(trips)) throw new InputError('command line', `--trips is '${trips}', expected none, csv, bin or auto`);
    const format = formatOption(values);
    const outputs = outputsOption(values, RUN_OUTPUTS);
    const output = values.format !== undefined || values.outputs !== undefined ? { format, outputs } : undefined;
    const queueRaw = values.queue as string | undefined;
    const attempts = numberOption(values, 'attempts', 2, { integer: true, min: 1 });
    const maxArchiveMb = numberOption(values, 'max-archive', 5, { min: 0.001 });
    const store = (values.store as string | undefined) ?? 'auto';
    if (!['auto', 'redis'].includes(store)) throw new InputError('command line', `--store is '${store}', expected auto or redis`);
    const queueUrl = queueRaw !== undefined ? (await import('../../queue/connection.ts')).parseQueueUrl(queueRaw) : null;
    const outDir = (values.out as string | undefined) ?? path.join('results', spec.name);
    await checkBatchInputs(spec);

    const resumeCmd = ['quarterhour', 'batch', pos[0], '--resume', '--out', outDir, ...(queueUrl ? ['--queue', queueRaw!] : values.threads !== undefined ? ['--threads', String(threads)] : []), ...(trips !== 'none' ? ['--trips', trips] : []), ...(format !== undefined ? ['--format', format] : []), ...(values.outputs !== undefined ? ['--outputs', values.outputs as string] : [])];
    const stopListening = onInterrupt({
      resume: resumeCmd.map(shellWord).join(' '),
      status: () => `${countFinished(spec, path.resolve(outDir))} of ${spec.runs.length} runs finished and kept in ${outDir}`,
      note: queueUrl ? 'The queued jobs stay in Redis and the workers go on with them.' : undefined,
    });
    let r: BatchOutcome;
    try {
      if (queueUrl) {
        progress(`batch ${spec.name}: ${spec.runs.length} runs on the queue ${queueUrl.shown} -> ${outDir}/`);
        const { runQueuedBatch } = await import('../../queue/coordinator.ts');
        r = await runQueuedBatch(spec, { url: queueUrl, outDir, resume: Boolean(values.resume), trips: trips as TripsFormat, output, attempts, store: store as 'auto' | 'redis', maxArchive: Math.round(maxArchiveMb * 1e6) });
      } else {
        progress(`batch ${spec.name}: ${spec.runs.length} runs on ${threads} threads -> ${outDir}/`);
        r = await runBatch(spec, { outDir, threads, resume: Boolean(values.resume), trips: trips as TripsFormat, output });
      }
    } finally {
      stopListening();
    }
    const summary = { batch: spec.name, outDir: r.outDir, runs: r.rows.length, ran: r.ran, skipped: r.skipped, failed: r.failed, seconds: +r.seconds.toFixed(2), runsPerMinute: r.ran > 0 ? +((r.ran / r.seconds) * 60).toFixed(2) : null };
    if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else process.stdout.write(`batch ${spec.name}: ${r.ran} runs done${r.skipped ? `, ${r.skipped} kept from before` : ''}, ${r.failed} failed, ${r.seconds.toFixed(1)} s; wrote ${path.relative(process.cwd(), path.join(r.outDir, 'runs.csv'))}\n`);
    return r.failed > 0 ? EXIT_FAILURE : EXIT_OK;
  },
};
