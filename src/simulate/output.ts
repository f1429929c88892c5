/**
 * Writing a simulation's outputs into a folder, atomically (a temporary folder renamed into place):
 * - trips.csv (src/io/csv.ts, streamed) or trips.bin (typed-array columns, for large runs);
 * - metrics.json (records the seed and the options);
 * - block_metrics.csv (one row per block).
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
import { csvColumns, writeCsvRows, type CsvCell } from '../io/csv.ts';
import type { Scenario } from '../scenario/types.ts';
import type { TripColumns } from './columns.ts';
import { allocTrips, TRIP_COLUMN_NAMES } from './columns.ts';
import { blockMetrics } from './metrics.ts';
import type { SimulationResult } from './types.ts';

export const TRIPS_BIN_MAGIC = 'QHTRIPS1';
/** Above this many trips, 'auto' writes trips.bin instead of trips.csv. */
export const AUTO_BINARY_TRIPS = 500_000;

export type TripsFormat = 'csv' | 'bin' | 'auto' | 'none';

const fmtMin = (x: number): string => (Number.isNaN(x) ? '' : x.toFixed(2));
const fmtShare = (a: number, b: number): string => (b > 0 ? (a / b).toFixed(6) : '');

export const TRIPS_CSV_HEADER = ['seed', 'resident', 'age_band', 'service', 'origin_block', 'facility', 'departure_min', 'walking_min', 'within', 'tour_leg'];
const TRIPS_CSV_COLUMNS = csvColumns(TRIPS_CSV_HEADER, ['age_band', 'service', 'origin_block', 'facility']);

/** Stream the trips table to CSV (src/io/csv.ts: text columns spreadsheet-safe; no line break after the last row, as always). */
export async function writeTripsCsv(file: string, trips: TripColumns, scenario: Scenario, siteIds: string[], seed: number): Promise<void> {
  const sids = scenario.services.map((s) => s.id);
  const bids = scenario.blocks.ids;
  function* rows(): Generator<CsvCell[]> {
    for (let i = 0; i < trips.count; i++) {
      const site = trips.site[i];
      yield [
        seed,
        trips.resident[i],
        AGE_BANDS[trips.ageBand[i]],
        sids[trips.service[i]],
        bids[trips.originBlock[i]],
        site >= 0 ? siteIds[site] : '',
        trips.departureMin[i],
        fmtMin(trips.walkMin[i]),
        trips.within[i],
        trips.tourLeg[i],
      ];
    }
  }
  writeCsvRows(file, TRIPS_CSV_COLUMNS, rows(), { finalNewline: false });
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

export async function writeBlockMetricsCsv(file: string, result: SimulationResult, scenario: Scenario): Promise<void> {
  const m = blockMetrics(
    { nBlocks: scenario.blocks.count, demand: result.demand, within: result.within, unserved: result.unserved, minutesSum: result.minutesSum, residentsByBlockBand: result.residentsByBlockBand, f15ByBlockBand: result.f15ByBlockBand },
    scenario.services.length,
  );
  const b = scenario.blocks;
  const rows = Array.from({ length: b.count }, (_, i): CsvCell[] => [result.seed, b.ids[i], b.names[i], b.tags[i], m.population[i], m.trips[i], fmtShare(m.within[i], m.trips[i]), m.unserved[i], fmtShare(m.f15[i], m.population[i]), m.served[i] > 0 ? (m.minutesSum[i] / m.served[i]).toFixed(3) : '']);
  writeCsvRows(file, BLOCK_METRICS_COLUMNS, rows, { finalNewline: false });
}

export interface WrittenOutputs {
  dir: string;
  files: string[];
  tripsFormat: 'csv' | 'bin' | 'none';
}

/** Write trips (csv/bin/none), metrics.json and block_metrics.csv into `dir`, atomically. */
export async function writeSimulationOutputs(result: SimulationResult, scenario: Scenario, dir: string, trips: TripsFormat = 'auto'): Promise<WrittenOutputs> {
  const tripsFormat = trips === 'auto' ? (result.trips.count > AUTO_BINARY_TRIPS ? 'bin' : 'csv') : trips;
  const files: string[] = [];
  await withOutputDir(dir, async (tmp) => {
    if (tripsFormat === 'csv') {
      await writeTripsCsv(path.join(tmp, 'trips.csv'), result.trips, scenario, result.sites.ids, result.seed);
      files.push('trips.csv');
    } else if (tripsFormat === 'bin') {
      await writeTripsBinary(path.join(tmp, 'trips.bin'), result.trips, scenario, result.sites.ids, result.seed);
      files.push('trips.bin');
    }
    fs.writeFileSync(path.join(tmp, 'metrics.json'), `${JSON.stringify({ ...result.metrics, tripsFile: files[0] ?? null }, null, 2)}\n`);
    files.push('metrics.json');
    await writeBlockMetricsCsv(path.join(tmp, 'block_metrics.csv'), result, scenario);
    files.push('block_metrics.csv');
  });
  return { dir, files, tripsFormat };
}
