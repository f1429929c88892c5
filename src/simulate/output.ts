/**
 * Writing a simulation's outputs into a folder, atomically (a temporary folder renamed into place):
 * - the trips table, trips.parquet (src/io/parquet.ts; the default format of this big table),
 *   trips.csv.gz or trips.csv (src/io/tableWriter.ts: the one CSV writer, streamed), or with
 *   `--trips bin` the legacy trips.bin (typed-array columns);
 * - metrics.json (records the seed and the options, and names the other files), always;
 * - block_metrics.csv.gz, .csv or .parquet (one row per block);
 * - site_loads.csv.gz, .csv or .parquet (one row per site offering a service: its day's load against
 *   its capacity, and the capacity loop's shadow price).
 *
 * trips.bin layout: the 8 bytes 'QHTRIPS1', a uint32 (little-endian) header length H, H bytes of
 * UTF-8 JSON header (padded with spaces so that the columns start on a multiple of 8), then each
 * column's raw little-endian values, each column starting on a multiple of 8. The header lists
 * {format, version, scenario, seed, count, ageBands, services, blocks, sites, columns: [{name, type,
 * byteOffset, length}]} with byteOffset counted from the start of the file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AGE_BANDS } from '../core/ageBands.ts';
import { withOutputDir } from '../io/atomic.ts';
import { csvColumns, type CsvFields } from '../io/csv.ts';
import { roundedValue } from '../io/numbers.ts';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { encodeClaimedParts, rowGroupCount, type ParquetHelp, type ParquetSource } from '../io/parquet.ts';
import { claimCounter } from '../parallel/claims.ts';
import { runTask, type Pool } from '../parallel/pool.ts';
import { CsvBytes } from '../io/csvBytes.ts';
import { tableFileName, tableFormat, wantsOutput, writeTable, type OutputOptions, type TableFormat } from '../io/tableWriter.ts';
import type { Scenario } from '../scenario/types.ts';
import type { TripColumns } from './columns.ts';
import { allocTrips, sharedTrips, TRIP_COLUMN_NAMES } from './columns.ts';
import { blockMetrics } from './metrics.ts';
import type { SimulationResult, SiteLoad } from './types.ts';

export const TRIPS_BIN_MAGIC = 'QHTRIPS1';
/**
 * The trips table's form: auto (the default: the table in the output format, compact unless --format
 * csv), csv (plain trips.csv whatever the format, as before), bin (the legacy trips.bin) or none.
 */
export type TripsFormat = 'csv' | 'bin' | 'auto' | 'none';

export const TRIPS_CSV_HEADER = ['seed', 'resident', 'age_band', 'service', 'origin_block', 'facility', 'departure_min', 'walking_min', 'within', 'tour_leg'];
const TRIPS_CSV_COLUMNS = csvColumns(TRIPS_CSV_HEADER, ['age_band', 'service', 'origin_block', 'facility']);

/**
 * The trips table's text after its header (trips.csv's columns; no line break after the last row, as
 * always), in pieces of about a megabyte of UTF-8 bytes (src/io/csvBytes.ts), built from the CSV
 * writer's fields (src/io/csv.ts CsvFields): each band, service, block and site id is encoded once,
 * and a row's numbers are written as digits straight into the piece.
 */
function* tripText(trips: TripColumns, keys: TripKeys, f: CsvFields, tick: (done: number) => void): Generator<Uint8Array> {
  const b = new CsvBytes(f);
  const seedField = b.join('\n', b.field(0, keys.seed), ',');
  const bands = AGE_BANDS.map((band) => b.join(',', b.field(2, band), ','));
  const services = keys.services.map((id) => b.join(b.field(3, id), ','));
  const blocks = keys.blocks.map((id) => b.join(b.field(4, id), ','));
  const sites = keys.sites.map((id) => b.join(b.field(5, id), ','));
  const noSite = b.join(',');
  const { resident, ageBand, service, originBlock, site, departureMin, walkMin, within, tourLeg } = trips;
  for (let i = 0; i < trips.count; i++) {
    const s = site[i];
    b.bytes(seedField);
    b.int(resident[i]);
    b.bytes(bands[ageBand[i]]);
    b.bytes(services[service[i]]);
    b.bytes(blocks[originBlock[i]]);
    b.bytes(s >= 0 ? sites[s] : noSite);
    b.int(departureMin[i]);
    b.comma();
    const w = walkMin[i];
    if (!Number.isNaN(w)) b.fixed(w, 2); // unserved: an empty cell
    b.comma();
    b.int(within[i]);
    b.comma();
    b.int(tourLeg[i]);
    if (b.full) {
      yield b.take();
      tick(i + 1);
    }
  }
  yield b.take();
}

/** What the trips table's cells name besides the trips: the service, block and site ids, and the seed. */
export interface TripKeys {
  services: readonly string[];
  blocks: readonly string[];
  sites: readonly string[];
  seed: number;
}

export function tripKeys(scenario: Scenario, siteIds: readonly string[], seed: number): TripKeys {
  return { services: scenario.services.map((s) => s.id), blocks: scenario.blocks.ids, sites: siteIds, seed };
}

/**
 * The trips table as typed columns (src/io/parquet.ts): the same values as trips.csv's cells, ids as
 * text, the walking minutes rounded to 2 decimals as the CSV writes them, null where the CSV cell is
 * empty (no site within reach); ids as codes into the keys' catalogues (src/io/parquetChunk.ts).
 */
export function tripsParquet(trips: TripColumns, keys: TripKeys): ParquetSource {
  const { services, blocks, sites, seed } = keys;
  return {
    columns: [
      { name: 'seed', type: 'int' },
      { name: 'resident', type: 'int', delta: true },
      { name: 'age_band', type: 'text', dictionary: true },
      { name: 'service', type: 'text', dictionary: true },
      { name: 'origin_block', type: 'text', dictionary: true },
      { name: 'facility', type: 'text', nullable: true, dictionary: true },
      { name: 'departure_min', type: 'int' },
      { name: 'walking_min', type: 'double', nullable: true },
      { name: 'within', type: 'int' },
      { name: 'tour_leg', type: 'int' },
    ],
    count: trips.count,
    slice(start, end, want) {
      const n = end - start;
      const wanted = (j: number): boolean => !want || want[j];
      let walking: Float64Array | never[] = [];
      if (wanted(7)) {
        walking = new Float64Array(n);
        for (let k = 0, i = start; i < end; k++, i++) {
          const w = trips.walkMin[i];
          walking[k] = Number.isNaN(w) ? NaN : roundedValue(w, 2); // NaN: a null (unserved)
        }
      }
      return [
        wanted(0) ? new Int32Array(n).fill(seed) : [],
        wanted(1) ? trips.resident.slice(start, end) : [],
        wanted(2) ? { codes: new Int32Array(trips.ageBand.subarray(start, end)), keys: AGE_BANDS } : [],
        wanted(3) ? { codes: new Int32Array(trips.service.subarray(start, end)), keys: services } : [],
        wanted(4) ? { codes: trips.originBlock.slice(start, end), keys: blocks } : [],
        wanted(5) ? { codes: trips.site.slice(start, end), keys: sites } : [],
        wanted(6) ? new Int32Array(trips.departureMin.subarray(start, end)) : [],
        walking,
        wanted(8) ? new Int32Array(trips.within.subarray(start, end)) : [],
        wanted(9) ? new Int32Array(trips.tourLeg.subarray(start, end)) : [],
      ];
    },
  };
}

/** The worker task kind that encodes row groups of trips.parquet alongside the writing thread (workers/tripsGroups.ts). */
export const TRIPS_GROUPS_KIND = 'trips-groups';

/** A TRIPS_GROUPS_KIND task. */
export interface TripsGroupsTask {
  kind: typeof TRIPS_GROUPS_KIND;
  /** The trips, every column in shared memory (read there, not copied). */
  trips: TripColumns;
  keys: TripKeys;
  /** The file's row-group claims (src/io/parquet.ts ParquetHelp). */
  claims: Int32Array;
  /** Where each encoded part goes (its bytes moved, not copied). */
  port: MessagePort;
  /** The columns it encodes of each group it claims (ParquetHelp.columns). */
  columns: number[];
}

/** The worker's side: encode the row groups it claims, posting each; returns how many. */
export function tripsGroupsTask(task: TripsGroupsTask): number {
  try {
    return encodeClaimedParts(tripsParquet(task.trips, task.keys), task.claims, (e) => task.port.postMessage(e, [e.bytes.buffer as ArrayBuffer]), task.columns);
  } finally {
    task.port.close();
  }
}

/**
 * Row groups of trips.parquet from which a worker helps encode them (bench/capacity.ts: from 250,000
 * residents up, about 4 groups, the write is no slower with help, faster with more).
 */
export const HELP_MIN_GROUPS = 4;

/**
 * The columns of trips.parquet a helper encodes, the writing thread the others: the two threads share
 * each row group's work about evenly (bench/capacity.ts), and each optimises the code of its own columns
 * only. (Helpers encoding whole groups, claimed alongside the writing thread, made the write slower on
 * 2 cores at 1,000,000 residents and gained less above: each thread's first groups, encoded before its
 * code is optimised, cost several times a later one.)
 */
const TRIPS_HELPER_COLUMNS = ['departure_min', 'walking_min', 'tour_leg'];

/** Where the writer of a day's outputs finds help: a pool, and how many of its workers to ask (the simulate job: threads - 1). */
export interface WriteHelpers {
  pool: Pool;
  workers: number;
  /** Help only a trips table of at least this many row groups (default HELP_MIN_GROUPS). */
  minGroups?: number;
}

/** Helpers for trips.parquet's row groups: a task per worker, each with its own port, encoding TRIPS_HELPER_COLUMNS (none for a table of fewer than minGroups). */
function tripsHelp(helpers: WriteHelpers | undefined, trips: TripColumns, keys: TripKeys): ParquetHelp | null {
  if (!helpers || helpers.workers < 1 || rowGroupCount(trips.count) < Math.max(2, helpers.minGroups ?? HELP_MIN_GROUPS)) return null;
  const claims = claimCounter();
  const shared = sharedTrips(trips);
  const names = tripsParquet(trips, keys).columns.map((c) => c.name);
  const columns = TRIPS_HELPER_COLUMNS.map((name) => names.indexOf(name));
  const ports: MessagePort[] = [];
  const tasks = Array.from({ length: helpers.workers }, () => {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1);
    const task: TripsGroupsTask = { kind: TRIPS_GROUPS_KIND, trips: shared, keys, claims, port: port2, columns };
    return runTask<number>(helpers.pool, task, { transfer: [port2] });
  });
  return { claims, ports, claimed: Promise.all(tasks), columns };
}

/**
 * Stream the trips table into `dir` as trips.parquet, trips.csv.gz or trips.csv (out.format); returns
 * the file name. With `helpers`, workers encode some of trips.parquet's row groups (the same bytes).
 */
export function writeTripsTable(dir: string, trips: TripColumns, keys: TripKeys, out: OutputOptions = {}, helpers?: WriteHelpers): Promise<string> {
  return writeTable(dir, { base: 'trips', columns: TRIPS_CSV_COLUMNS, text: (f, tick) => tripText(trips, keys, f, tick), parquet: () => tripsParquet(trips, keys), parquetHelp: () => tripsHelp(helpers, trips, keys), count: trips.count, finalNewline: false, big: true }, out);
}

const TYPE_NAMES = new Map<string, string>([
  ['Int32Array', 'int32'],
  ['Uint8Array', 'uint8'],
  ['Uint16Array', 'uint16'],
  ['Float32Array', 'float32'],
]);
const CTORS: Record<string, { new (b: ArrayBuffer, o: number, l: number): ArrayLike<number>; BYTES_PER_ELEMENT: number }> = {
  int32: Int32Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  float32: Float32Array,
};

export interface TripsBinHeader {
  format: 'quarterhour-trips';
  version: 1;
  scenario: string;
  seed: number;
  count: number;
  ageBands: string[];
  services: string[];
  blocks: string[];
  sites: string[];
  columns: { name: string; type: string; byteOffset: number; length: number }[];
}

/** Write the trips as typed-array columns with a JSON header (see the file comment). */
export async function writeTripsBinary(file: string, trips: TripColumns, scenario: Scenario, siteIds: string[], seed: number): Promise<void> {
  if (os.endianness() !== 'LE') throw new Error('trips.bin is written little-endian; this machine is big-endian');
  const columns = TRIP_COLUMN_NAMES.map((name) => {
    const a = trips[name] as unknown as ArrayBufferView & { length: number; constructor: { name: string } };
    return { name, type: TYPE_NAMES.get(a.constructor.name)!, view: a };
  });
  const headerFor = (start: number): TripsBinHeader => {
    let off = start;
    return {
      format: 'quarterhour-trips',
      version: 1,
      scenario: scenario.name,
      seed,
      count: trips.count,
      ageBands: [...AGE_BANDS],
      services: scenario.services.map((s) => s.id),
      blocks: scenario.blocks.ids,
      sites: siteIds,
      columns: columns.map((c) => {
        const col = { name: c.name, type: c.type, byteOffset: off, length: trips.count };
        off += Math.ceil((trips.count * CTORS[c.type].BYTES_PER_ELEMENT) / 8) * 8;
        return col;
      }),
    };
  };
  // The header's length depends on the offsets it lists: settle it by iterating (converges at once in practice).
  let start = 0;
  let text = '';
  for (let k = 0; k < 5; k++) {
    text = JSON.stringify(headerFor(start));
    const next = Math.ceil((12 + Buffer.byteLength(text)) / 8) * 8;
    if (next === start) break;
    start = next;
  }
  const headerBytes = Buffer.alloc(start - 12, 0x20);
  headerBytes.write(text, 0, 'utf8');
  const pre = Buffer.alloc(12);
  pre.write(TRIPS_BIN_MAGIC, 0, 'latin1');
  pre.writeUInt32LE(headerBytes.length, 8);
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, pre);
    fs.writeSync(fd, headerBytes);
    for (const c of columns) {
      const bytes = Buffer.from(c.view.buffer, c.view.byteOffset, c.view.length * CTORS[c.type].BYTES_PER_ELEMENT);
      fs.writeSync(fd, bytes);
      const pad = (8 - (bytes.length % 8)) % 8;
      if (pad) fs.writeSync(fd, Buffer.alloc(pad));
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Read trips.bin back into columns. */
export function readTripsBinary(file: string): { header: TripsBinHeader; trips: TripColumns } {
  const buf = fs.readFileSync(file);
  if (buf.length < 12 || buf.toString('latin1', 0, 8) !== TRIPS_BIN_MAGIC) throw new Error(`${file}: not a quarterhour trips.bin file`);
  const h = buf.readUInt32LE(8);
  const header = JSON.parse(buf.toString('utf8', 12, 12 + h)) as TripsBinHeader;
  const trips = allocTrips(header.count, false);
  for (const c of header.columns) {
    const Ctor = CTORS[c.type];
    const copy = new Uint8Array(c.length * Ctor.BYTES_PER_ELEMENT);
    copy.set(buf.subarray(c.byteOffset, c.byteOffset + copy.length));
    (trips[c.name as keyof TripColumns] as unknown as Uint8Array) = new Ctor(copy.buffer, 0, c.length) as Uint8Array;
  }
  return { header, trips };
}

export const BLOCK_METRICS_HEADER = ['seed', 'block', 'name', 'tag', 'population', 'trips', 'within_share', 'unserved_trips', 'f15_share', 'mean_walking_min'];
const BLOCK_METRICS_COLUMNS = csvColumns(BLOCK_METRICS_HEADER, ['block', 'name', 'tag']);

/**
 * block_metrics' text after its header, one row per block (no line break after the last row), as UTF-8
 * bytes (src/io/csvBytes.ts): ids, names and tags through the CSV writer's fields, counts as String
 * writes them, shares to 6 decimals and minutes to 3 exactly as toFixed writes them; an empty cell
 * where there is nothing to divide by.
 */
function* blockMetricsText(result: SimulationResult, scenario: Scenario, f: CsvFields, tick: (done: number) => void): Generator<Uint8Array> {
  const m = blockMetrics(
    { nBlocks: scenario.blocks.count, demand: result.demand, within: result.within, unserved: result.unserved, minutesSum: result.minutesSum, residentsByBlockBand: result.residentsByBlockBand, f15ByBlockBand: result.f15ByBlockBand },
    scenario.services.length,
  );
  const blocks = scenario.blocks;
  const b = new CsvBytes(f);
  const seed = b.join('\n', b.field(0, result.seed), ',');
  for (let i = 0; i < blocks.count; i++) {
    b.bytes(seed);
    b.bytes(b.field(1, blocks.ids[i]));
    b.comma();
    b.bytes(b.field(2, blocks.names[i]));
    b.comma();
    b.bytes(b.field(3, blocks.tags[i]));
    b.comma();
    b.int(m.population[i]);
    b.comma();
    b.int(m.trips[i]);
    b.comma();
    if (m.trips[i] > 0) b.fixed(m.within[i] / m.trips[i], 6);
    b.comma();
    b.int(m.unserved[i]);
    b.comma();
    if (m.population[i] > 0) b.fixed(m.f15[i] / m.population[i], 6);
    b.comma();
    if (m.served[i] > 0) b.fixed(m.minutesSum[i] / m.served[i], 3);
    if (b.full) {
      yield b.take();
      tick(i + 1);
    }
  }
  yield b.take();
}

/** block_metrics as typed columns (src/io/parquet.ts): the CSV's values, null where its cell is empty. */
function blockMetricsParquet(result: SimulationResult, scenario: Scenario): ParquetSource {
  const m = blockMetrics(
    { nBlocks: scenario.blocks.count, demand: result.demand, within: result.within, unserved: result.unserved, minutesSum: result.minutesSum, residentsByBlockBand: result.residentsByBlockBand, f15ByBlockBand: result.f15ByBlockBand },
    scenario.services.length,
  );
  const blocks = scenario.blocks;
  const ratio = (num: Float64Array, den: Float64Array, d: number, start: number, end: number) => Array.from(num.subarray(start, end), (x, k) => (den[start + k] > 0 ? roundedValue(x / den[start + k], d) : null));
  return {
    columns: [
      { name: 'seed', type: 'int' },
      { name: 'block', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'tag', type: 'text' },
      { name: 'population', type: 'int' },
      { name: 'trips', type: 'int' },
      { name: 'within_share', type: 'double', nullable: true },
      { name: 'unserved_trips', type: 'int' },
      { name: 'f15_share', type: 'double', nullable: true },
      { name: 'mean_walking_min', type: 'double', nullable: true },
    ],
    count: blocks.count,
    slice: (start, end) => [
      new Int32Array(end - start).fill(result.seed),
      blocks.ids.slice(start, end),
      blocks.names.slice(start, end),
      blocks.tags.slice(start, end),
      Int32Array.from(m.population.subarray(start, end)),
      Int32Array.from(m.trips.subarray(start, end)),
      ratio(m.within, m.trips, 6, start, end),
      Int32Array.from(m.unserved.subarray(start, end)),
      ratio(m.f15, m.population, 6, start, end),
      ratio(m.minutesSum, m.served, 3, start, end),
    ],
  };
}

/** Write block_metrics.parquet, .csv.gz or .csv into `dir`; returns the file name. */
export function writeBlockMetricsTable(dir: string, result: SimulationResult, scenario: Scenario, out: OutputOptions = {}): Promise<string> {
  return writeTable(dir, { base: 'block_metrics', columns: BLOCK_METRICS_COLUMNS, text: (f, tick) => blockMetricsText(result, scenario, f, tick), parquet: () => blockMetricsParquet(result, scenario), count: scenario.blocks.count, finalNewline: false }, out);
}

export const SITE_LOADS_HEADER = ['seed', 'site', 'kind', 'load', 'capacity', 'utilization', 'price_min'];
const SITE_LOADS_COLUMNS = csvColumns(SITE_LOADS_HEADER, ['site', 'kind']);

/**
 * Write site_loads.csv.gz, .csv or .parquet into `dir` (a row per site, as the metrics list them: an
 * empty cell where a site has no capacity or the loop set no price); returns the file name.
 */
export function writeSiteLoadsTable(dir: string, loads: readonly SiteLoad[], seed: number, out: OutputOptions = {}): Promise<string> {
  const rows = loads.map((l) => [seed, l.id, l.kind, l.load, l.capacity ?? '', l.utilization ?? '', l.priceMin ?? '']);
  return writeTable(dir, { base: 'site_loads', columns: SITE_LOADS_COLUMNS, rows, count: rows.length }, out);
}

export interface WrittenOutputs {
  dir: string;
  files: string[];
  tripsFormat: TableFormat | 'bin' | 'none';
}

/** What writeSimulationOutputs writes: the trips table's form, the tables asked for, their format. */
export function tripsForm(trips: TripsFormat, out: OutputOptions): TableFormat | 'bin' | 'none' {
  if (trips === 'none' || !wantsOutput(out, 'trips')) return 'none';
  if (trips === 'bin') return 'bin';
  return trips === 'csv' ? 'csv' : tableFormat(out, true);
}

/**
 * Write the trips (see TripsFormat), metrics.json, block_metrics and site_loads into `dir`, atomically.
 * `out` gives the tables' format and which of trips, block_metrics and site_loads to write (default all).
 */
export async function writeSimulationOutputs(result: SimulationResult, scenario: Scenario, dir: string, trips: TripsFormat = 'auto', out: OutputOptions = {}, helpers?: WriteHelpers): Promise<WrittenOutputs> {
  const tripsFormat = tripsForm(trips, out);
  const files: string[] = [];
  // progress names the folder too: a run writes simulate-today/trips.csv.gz and simulate-plan/trips.csv.gz
  const progress = out.progress;
  if (progress) out = { ...out, progress: { start: (file, count) => progress.start(`${path.basename(dir)}/${file}`, count) } };
  await withOutputDir(dir, async (tmp) => {
    if (tripsFormat === 'bin') {
      await writeTripsBinary(path.join(tmp, 'trips.bin'), result.trips, scenario, result.sites.ids, result.seed);
      files.push('trips.bin');
    } else if (tripsFormat !== 'none') files.push(await writeTripsTable(tmp, result.trips, tripKeys(scenario, result.sites.ids, result.seed), { ...out, format: tripsFormat }, helpers));
    // metrics.json names the other files; the site loads are a table of their own (one row per site)
    const { siteLoads, ...metrics } = result.metrics;
    const siteLoadsFile = wantsOutput(out, 'site_loads') ? tableFileName('site_loads', tableFormat(out)) : null;
    fs.writeFileSync(path.join(tmp, 'metrics.json'), `${JSON.stringify({ ...metrics, tripsFile: files[0] ?? null, siteLoadsFile }, null, 2)}\n`);
    files.push('metrics.json');
    if (wantsOutput(out, 'block_metrics')) files.push(await writeBlockMetricsTable(tmp, result, scenario, out));
    if (siteLoadsFile) files.push(await writeSiteLoadsTable(tmp, siteLoads, result.seed, out));
  });
  return { dir, files, tripsFormat };
}
