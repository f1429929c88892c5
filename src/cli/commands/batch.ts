/** `quarterhour batch <batch.json>`: run a sweep of scenarios x parameters on the worker pool, resumable, into one tidy runs.csv. */
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../../core/errors.ts';
import { parseBatch } from '../../batch/spec.ts';
import { runBatch } from '../../jobs/batch.ts';
import type { TripsFormat } from '../../simulate/output.ts';
import { EXIT_FAILURE, EXIT_OK, numberOption, progress, type Command } from '../command.ts';

export const command: Command = {
  name: 'batch',
  usage: 'batch <batch.json> [--threads N] [--resume] [--out DIR] [--trips none|csv|bin|auto] [--json]',
  help: {
    threads: 'runs in parallel (default: all cores)',
    resume: 'keep finished runs, redo half-finished ones',
    out: 'output folder (default results/<batch name>)',
    trips: "each run's trips table (default none)",
  },
  options: { threads: { type: 'string' }, resume: { type: 'boolean' }, out: { type: 'string' }, trips: { type: 'string' } },
  async run(pos, values) {
    if (pos.length !== 1) throw new InputError('command line', 'expected exactly one batch file');
    const spec = parseBatch(pos[0]);
    const threads = numberOption(values, 'threads', os.availableParallelism(), { integer: true, min: 1 });
    const trips = (values.trips as string | undefined) ?? 'none';
    if (!['none', 'csv', 'bin', 'auto'].includes(trips)) throw new InputError('command line', `--trips is '${trips}', expected none, csv, bin or auto`);
    const outDir = (values.out as string | undefined) ?? path.join('results', spec.name);
    progress(`batch ${spec.name}: ${spec.runs.length} runs on ${threads} threads -> ${outDir}/`);
    const r = await runBatch(spec, { outDir, threads, resume: Boolean(values.resume), trips: trips as TripsFormat });
    const summary = { batch: spec.name, outDir: r.outDir, runs: r.rows.length, ran: r.ran, skipped: r.skipped, failed: r.failed, seconds: +r.seconds.toFixed(2), runsPerMinute: r.ran > 0 ? +((r.ran / r.seconds) * 60).toFixed(2) : null };
    if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else process.stdout.write(`batch ${spec.name}: ${r.ran} runs done${r.skipped ? `, ${r.skipped} kept from before` : ''}, ${r.failed} failed, ${r.seconds.toFixed(1)} s; wrote ${path.relative(process.cwd(), path.join(r.outDir, 'runs.csv'))}\n`);
    return r.failed > 0 ? EXIT_FAILURE : EXIT_OK;
  },
};
