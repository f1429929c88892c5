/**
 * Bench: one simulated day of a generated 1,000,000-resident city (generateCity({residents: 1e6,
 * seed: 7})), with 1 and 2 threads, against a floor measured in the same run: the same number of
 * seeded random draws (one Alea stream per block, as the model seeds them) and the same number of
 * typed-array writes, with no model logic. Target: the day in under 5 s on 2 cores.
 *
 *   npx tsx bench/simulate.ts [--residents N]
 *
 * Prints a markdown table and writes bench/results/simulate.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCity } from '../src/scenario/generate.ts';
import { computeDistanceMatrix } from '../src/travel/travelMatrix.ts';
import { createPool } from '../src/parallel/pool.ts';
import { simulate } from '../src/simulate/simulate.ts';
import { reachM } from '../src/travel/reach.ts';
import { writeSimulationOutputs } from '../src/simulate/output.ts';
import { blockRng } from '../src/simulate/rng.ts';
import type { Scenario } from '../src/scenario/types.ts';
import type { SimulateOptions, SimulationResult } from '../src/simulate/types.ts';

const arg = process.argv.indexOf('--residents');
const RESIDENTS = arg > 0 ? Number(process.argv[arg + 1]) : 1_000_000;
const SEED = 7;

const peakMiB = (): number => process.resourceUsage().maxRSS / 1024;

/** Same draws (per block, seeded per block) and the same number of typed-array writes, no model. */
function floor(sc: Scenario, draws: number, trips: number): number {
  const total = sc.blocks.population.reduce((a, b) => a + b, 0);
  const resCols = [new Int32Array(total), new Uint8Array(total), new Uint8Array(total), new Float32Array(total), new Int32Array(total), new Int32Array(total)];
  const tripCols = [new Int32Array(trips), new Uint8Array(trips), new Uint16Array(trips), new Int32Array(trips), new Int32Array(trips), new Uint16Array(trips), new Float32Array(trips), new Uint8Array(trips), new Uint8Array(trips)];
  const t0 = performance.now();
  let r = 0;
  let t = 0;
  let drawn = 0;
  let cum = 0;
  let sink = 0;
  for (let b = 0; b < sc.blocks.count; b++) {
    const pop = sc.blocks.population[b];
    const rng = blockRng(SEED, sc.blocks.ids[b]);
    cum += pop;
    // this block's share of the model's draws and trips
    const drawTarget = Math.round((cum * draws) / total);
    const tripTarget = Math.round((cum * trips) / total);
    for (let k = 0; k < pop; k++, r++) {
      const u = rng();
      for (const c of resCols) c[r] = u * 100;
    }
    drawn += pop;
    for (; t < tripTarget; t++) {
      const u = rng();
      for (const c of tripCols) c[t] = u * 100;
      drawn++;
    }
    for (; drawn < drawTarget; drawn++) sink += rng();
  }
  const ms = performance.now() - t0;
  if (sink < 0) console.log(sink);
  return ms;
}

interface Row {
  label: string;
  seconds: number;
  residents: number;
  trips: number;
  peak: number;
  note: string;
}

const REPEATS = 3;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Run `repeats` times; report the median seconds (the machine is shared, single runs are noisy). */
async function timed(label: string, run: () => Promise<SimulationResult>, note = '', repeats = REPEATS): Promise<{ row: Row; result: SimulationResult }> {
  const times: number[] = [];
  let result: SimulationResult | null = null;
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    result = await run();
    times.push((performance.now() - t0) / 1000);
  }
  const r = result!;
  const spread = repeats > 1 ? `median of ${repeats} (min ${Math.min(...times).toFixed(3)} s, max ${Math.max(...times).toFixed(3)} s)` : '1 run';
  return { row: { label, seconds: median(times), residents: r.metrics.residents, trips: r.trips.count, peak: peakMiB(), note: note ? `${note}; ${spread}` : spread }, result: r };
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg()[0];
  process.stderr.write(`generating a ${RESIDENTS.toLocaleString('en')}-resident city (seed ${SEED})...\n`);
  const sc = await generateCity({ residents: RESIDENTS, seed: SEED });
  const reach = reachM(sc);
  const tm = performance.now();
  const matrix = await computeDistanceMatrix(sc, reach);
  const matrixS = (performance.now() - tm) / 1000;
  process.stderr.write(`${sc.blocks.count} blocks, ${sc.facilities.count} facilities, ${sc.candidates.count} candidates; matrix ${matrix.index.length} pairs within ${Math.round(reach)} m in ${matrixS.toFixed(2)} s\n`);
  const base: SimulateOptions = { capacity: false };
  const rows: Row[] = [];
  // warm-up (JIT) on the same city, not reported
  await simulate(sc, matrix, { ...base, keepResidents: false });
  const one = await timed('model, 1 thread (inline)', () => simulate(sc, matrix, { ...base, threads: 1 }));
  rows.push(one.row);
  const cold = await timed('model, 2 threads, cold pool', () => simulate(sc, matrix, { ...base, threads: 2 }), 'includes starting its one worker with the tsx loader (this thread simulates beside it)');
  rows.push(cold.row);
  const pool = createPool(2);
  await simulate(sc, matrix, { ...base, threads: 2, pool });
  const warm = await timed('model, 2 threads, warm pool', () => simulate(sc, matrix, { ...base, threads: 2, pool }));
  rows.push(warm.row);
  const cap = await timed('model + capacities, 2 threads, warm pool', () => simulate(sc, matrix, { threads: 2, pool }), '', 1);
  cap.row.note = `capacity loop: ${cap.result.capacity.iterations} passes (${cap.result.capacity.stopped}; the first a whole pass, the others re-choices), ${cap.result.capacity.blocksResimulated} blocks simulated again; 1 run`;
  rows.push(cap.row);
  const logit = await timed('logit choice, 2 threads, warm pool', () => simulate(sc, matrix, { ...base, threads: 2, pool, choice: 'logit' }));
  rows.push(logit.row);
  await pool.destroy();
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-bench-sim-'));
  const tw = performance.now();
  await writeSimulationOutputs(one.result, sc, path.join(outDir, 'out'), 'bin');
  const writeS = (performance.now() - tw) / 1000;
  const binBytes = fs.statSync(path.join(outDir, 'out', 'trips.bin')).size;
  fs.rmSync(outDir, { recursive: true });
  const same = Buffer.compare(Buffer.from(one.result.trips.walkMin.buffer, one.result.trips.walkMin.byteOffset, one.result.trips.walkMin.byteLength), Buffer.from(warm.result.trips.walkMin.buffer, warm.result.trips.walkMin.byteOffset, warm.result.trips.walkMin.byteLength)) === 0 && one.result.trips.count === warm.result.trips.count;
  floor(sc, one.result.draws, one.result.trips.count); // warm-up
  const floorS = median(Array.from({ length: REPEATS }, () => floor(sc, one.result.draws, one.result.trips.count))) / 1000;

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const header = [
    `# Simulation bench`,
    '',
    `${RESIDENTS.toLocaleString('en')}-resident city (generateCity seed ${SEED}): ${sc.blocks.count} blocks, ${sc.facilities.count} facilities, ${one.result.trips.count.toLocaleString('en')} trips, ${one.result.draws.toLocaleString('en')} random draws.`,
    `Machine: ${cpu}, ${os.availableParallelism()} cores available, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
    `Distance matrix (not included below): ${matrix.index.length.toLocaleString('en')} block-site pairs within ${Math.round(reach)} m, ${matrixS.toFixed(2)} s.`,
    `Floor: the same ${one.result.draws.toLocaleString('en')} seeded draws (one Alea stream per block) and the same typed-array writes (6 per resident, 9 per trip), no model logic, 1 thread: ${floorS.toFixed(3)} s (median of ${REPEATS}).`,
    `1-thread and 2-thread trips identical: ${same ? 'yes' : 'NO'}. Peak RSS is the process's running maximum after each row. Load average at the start: ${loadAtStart.toFixed(1)} (the machine is shared).`,
    '',
    '| run | seconds | residents/s | trips/s | x floor | peak RSS MiB | note |',
    '|---|---:|---:|---:|---:|---:|---|',
  ];
  const fmt = (x: number): string => Math.round(x).toLocaleString('en');
  const lines = rows.map((r) => `| ${r.label} | ${r.seconds.toFixed(3)} | ${fmt(r.residents / r.seconds)} | ${fmt(r.trips / r.seconds)} | ${(r.seconds / floorS).toFixed(1)} | ${fmt(r.peak)} | ${r.note} |`);
  lines.push(`| floor (draws + writes only), 1 thread | ${floorS.toFixed(3)} | ${fmt(RESIDENTS / floorS)} | ${fmt(one.result.trips.count / floorS)} | 1.0 | ${fmt(peakMiB())} | |`);
  lines.push(`| writing trips.bin + metrics.json + block_metrics.csv | ${writeS.toFixed(3)} | | ${fmt(one.result.trips.count / writeS)} | | ${fmt(peakMiB())} | trips.bin ${(binBytes / 2 ** 20).toFixed(1)} MiB; 1 run |`);
  const best2 = warm.row.seconds;
  const verdict = `Target (a million-resident day in < 5 s on 2 cores): ${best2 < 5 && cold.row.seconds < 5 ? 'met' : 'NOT met'} (${cold.row.seconds.toFixed(2)} s cold, ${best2.toFixed(2)} s warm).`;
  const md = [...header, ...lines, '', verdict, ''].join('\n');
  process.stdout.write(md);
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'simulate.md'), md);
}

await main();
