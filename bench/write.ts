/**
 * Bench (issue 13, "Outputs that scale"): writing the trips table of a 1,000,000-resident simulated
 * day, in-process, the way before (a string per row concatenated into ~1 MB pieces, Buffer.from, one
 * serial gzip stream) against now (src/io/csvBytes.ts bytes, src/io/gzip.ts parallel blocks) with 1,
 * 2 and 4 blocks in flight, interleaved and repeated; the uncompressed text of every variant is checked
 * byte for byte against the old one. Then gzip levels 1, 4 and 6 on the same text (size, seconds).
 *
 *   npx tsx bench/write.ts [--scenario DIR | --residents 1000000] [--seed 11] [--repeat 3]
 *
 * Prints a markdown table (wall and CPU seconds, min over the repeats, and ratios to the old path).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createGzip, gunzipSync } from 'node:zlib';
import { AGE_BANDS } from '../src/core/ageBands.ts';
import { csvColumns, CsvFields, csvTextChunks, CSV_PIECE_CHARS } from '../src/io/csv.ts';
import { gzipChunks, GZIP_LEVEL } from '../src/io/gzip.ts';
import { fixed } from '../src/io/numbers.ts';
import { loadScenario } from '../src/scenario/load.ts';
import { generateCity } from '../src/scenario/generate.ts';
import type { Scenario } from '../src/scenario/types.ts';
import type { TripColumns } from '../src/simulate/columns.ts';
import { TRIPS_CSV_HEADER, tripKeys, writeTripsTable } from '../src/simulate/output.ts';
import { simulate } from '../src/simulate/simulate.ts';
import { computeDistanceMatrix } from '../src/travel/travelMatrix.ts';
import { machineLine } from './machine.ts';

const { values } = parseArgs({ options: { scenario: { type: 'string' }, residents: { type: 'string', default: '1000000' }, seed: { type: 'string', default: '11' }, repeat: { type: 'string', default: '3' } } });
const REPEAT = Number(values.repeat);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-bench-write-'));
const COLUMNS = csvColumns(TRIPS_CSV_HEADER, ['age_band', 'service', 'origin_block', 'facility']);

// ---- the old path, as it was before issue 13 (for comparison only) ----------------------------
function* oldTripText(trips: TripColumns, scenario: Scenario, siteIds: string[], seed: number, f: CsvFields): Generator<string> {
  const fmtMin = (x: number): string => (Number.isNaN(x) ? '' : fixed(x, 2));
  const seedField = `\n${f.field(0, seed)},`;
  const bands = AGE_BANDS.map((b) => `,${f.field(2, b)},`);
  const services = scenario.services.map((svc) => `${f.field(3, svc.id)},`);
  const blocks = scenario.blocks.ids.map((id) => `${f.field(4, id)},`);
  const sites = siteIds.map((id) => `${f.field(5, id)},`);
  let piece = '';
  for (let i = 0; i < trips.count; i++) {
    const site = trips.site[i];
    piece += seedField + trips.resident[i] + bands[trips.ageBand[i]] + services[trips.service[i]] + blocks[trips.originBlock[i]] + (site >= 0 ? sites[site] : ',') + trips.departureMin[i] + ',' + fmtMin(trips.walkMin[i]) + ',' + trips.within[i] + ',' + trips.tourLeg[i];
    if (piece.length >= CSV_PIECE_CHARS) {
      yield piece;
      piece = '';
    }
  }
  yield piece;
}

async function oldWrite(file: string, trips: TripColumns, sc: Scenario, siteIds: string[], seed: number): Promise<void> {
  const chunks = csvTextChunks(COLUMNS, oldTripText(trips, sc, siteIds, seed, new CsvFields(COLUMNS)), { finalNewline: false });
  const source = Readable.from((function* () { for (const c of chunks) if (c.length > 0) yield Buffer.from(c, 'utf8'); })(), { objectMode: false, highWaterMark: 1 << 20 });
  let seen = 0;
  const fix = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (seen <= 9 && seen + chunk.length > 9) chunk[9 - seen] = 255;
      seen += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(source, createGzip({ level: GZIP_LEVEL }), fix, fs.createWriteStream(file, { highWaterMark: 1 << 20 }));
}

// ---- measuring ------------------------------------------------------------------------------
async function timed(fn: () => Promise<void>): Promise<{ wall: number; cpu: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const c = process.cpuUsage();
  const t = performance.now();
  await fn();
  const u = process.cpuUsage(c);
  return { wall: (performance.now() - t) / 1000, cpu: (u.user + u.system) / 1e6 };
}

const sc = values.scenario ? await loadScenario(values.scenario) : await generateCity({ residents: Number(values.residents), seed: Number(values.seed), name: 'write' });
const seed = Number(values.seed);
process.stderr.write(`simulating ${sc.blocks.count} blocks…\n`);
const result = await simulate(sc, await computeDistanceMatrix(sc), { seed, keepResidents: false, threads: 1 });
const { trips } = result;
process.stderr.write(`${trips.count} trips\n`);

const variants: { name: string; run: (dir: string) => Promise<void> }[] = [
  { name: 'before: strings, one gzip stream', run: (dir) => oldWrite(path.join(dir, 'trips.csv.gz'), trips, sc, result.sites.ids, seed) },
  ...[1, 2, 4].map((threads) => ({ name: `now: bytes, gzip blocks, ${threads} in flight`, run: async (dir: string) => void (await writeTripsTable(dir, trips, tripKeys(sc, result.sites.ids, seed), { threads })) })),
  { name: 'now: bytes, plain csv', run: async (dir: string) => void (await writeTripsTable(dir, trips, tripKeys(sc, result.sites.ids, seed), { format: 'csv' })) },
];
const best = variants.map(() => ({ wall: Infinity, cpu: Infinity, bytes: 0 }));
const loads: string[] = [];
let reference: Buffer | null = null;
for (let r = 0; r < REPEAT; r++) {
  loads.push(os.loadavg()[0].toFixed(1));
  for (let v = 0; v < variants.length; v++) {
    const dir = path.join(tmp, `${r}-${v}`);
    fs.mkdirSync(dir);
    const t = await timed(() => variants[v].run(dir));
    best[v].wall = Math.min(best[v].wall, t.wall);
    best[v].cpu = Math.min(best[v].cpu, t.cpu);
    const file = fs.readdirSync(dir)[0];
    const raw = fs.readFileSync(path.join(dir, file));
    best[v].bytes = raw.length;
    if (r === 0) {
      const text = file.endsWith('.gz') ? gunzipSync(raw) : raw;
      if (reference === null) reference = text;
      else if (!text.equals(reference)) throw new Error(`${variants[v].name}: the text differs from the old path's`);
    }
    fs.rmSync(dir, { recursive: true });
    process.stderr.write(`${variants[v].name}: ${t.wall.toFixed(2)} s\n`);
  }
}

const lines = [
  `Trips table of ${trips.count.toLocaleString('en')} trips (${(reference!.length / 1e6).toFixed(1)} MB of CSV), ${machineLine()}; 1-minute load at each round: ${loads.join(', ')}; best of ${REPEAT}. Text byte-identical in every variant.`,
  '',
  '| variant | wall (s) | CPU (s) | file (MB) | wall / before |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...variants.map((v, k) => `| ${v.name} | ${best[k].wall.toFixed(2)} | ${best[k].cpu.toFixed(2)} | ${(best[k].bytes / 1e6).toFixed(2)} | ${(best[k].wall / best[0].wall).toFixed(2)} |`),
  '',
  '| gzip level (2 in flight) | wall (s) | CPU (s) | size (MB) |',
  '| ---: | ---: | ---: | ---: |',
];
for (const level of [1, 2, 3, 4, 6]) {
  let size = 0;
  const t = await timed(() => gzipChunks([reference!], async (b) => void (size += b.length), { level, inFlight: 2 }));
  lines.push(`| ${level} | ${t.wall.toFixed(2)} | ${t.cpu.toFixed(2)} | ${(size / 1e6).toFixed(2)} |`);
}
fs.rmSync(tmp, { recursive: true, force: true });
console.log(lines.join('\n'));
