import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS } from '../../src/core/ageBands.ts';
import { PARQUET_ROW_GROUP, readParquetFile, writeParquetFile } from '../../src/io/parquet.ts';
import { allocTrips } from '../../src/simulate/columns.ts';
import { tripsParquet, writeTripsTable, type TripKeys } from '../../src/simulate/output.ts';
import { createPool, runTask } from '../../src/parallel/pool.ts';
import { tempDir } from '../helpers/fixtures.ts';

/** A made-up trips table of `n` rows, 3 row groups and a bit, every column varied. */
function madeUpTrips(n: number) {
  const t = allocTrips(n, false);
  for (let i = 0; i < n; i++) {
    t.resident[i] = i >> 1;
    t.ageBand[i] = i % AGE_BANDS.length;
    t.service[i] = (i * 7) % 5;
    t.originBlock[i] = Math.floor(i / 40);
    t.site[i] = i % 11 === 0 ? -1 : (i * 13) % 900;
    t.departureMin[i] = 360 + ((i * 37) % 900);
    t.walkMin[i] = t.site[i] < 0 ? NaN : ((i * 17) % 3000) / 97;
    t.within[i] = t.walkMin[i] <= 15 ? 1 : 0;
    t.tourLeg[i] = i % 3;
  }
  return t;
}

const keys = (blocks: number): TripKeys => ({
  services: ['grocery', 'clinic', 'barber', 'parcel', '理发'],
  blocks: Array.from({ length: blocks }, (_, b) => `B${String(b).padStart(5, '0')}`),
  sites: Array.from({ length: 900 }, (_, s) => `S${s}`),
  seed: 7,
});

describe('the trips table as Parquet', () => {
  const n = 3 * PARQUET_ROW_GROUP + 1234;
  const trips = madeUpTrips(n);
  const source = tripsParquet(trips, keys(Math.ceil(n / 40)));

  it('is written in row groups that read back to the trips: ids for their indices, nulls where no site is in reach', async () => {
    const file = path.join(tempDir(), 'trips.parquet');
    const ticks: number[] = [];
    await writeParquetFile(file, source, { tick: (done) => ticks.push(done) });
    expect(ticks).toEqual([1, 2, 3, 4].map((g) => Math.min(n, g * PARQUET_ROW_GROUP)));
    const back = await readParquetFile(file);
    expect(back.count).toBe(n);
    const col = (name: string) => back.columns[back.names.indexOf(name)];
    for (const i of [0, 1, 11, PARQUET_ROW_GROUP - 1, PARQUET_ROW_GROUP, 2 * PARQUET_ROW_GROUP + 5, n - 1]) {
      expect(col('seed')[i], `row ${i}`).toBe(7);
      expect(col('resident')[i], `row ${i}`).toBe(trips.resident[i]);
      expect(col('age_band')[i], `row ${i}`).toBe(AGE_BANDS[trips.ageBand[i]]);
      expect(col('origin_block')[i], `row ${i}`).toBe(`B${String(trips.originBlock[i]).padStart(5, '0')}`);
      expect(col('facility')[i], `row ${i}`).toBe(trips.site[i] < 0 ? null : `S${trips.site[i]}`);
      expect(col('walking_min')[i], `row ${i}`).toBe(trips.site[i] < 0 ? null : Math.round(trips.walkMin[i] * 100) / 100);
      expect(col('service')[i], `row ${i}`).toBe(keys(0).services[trips.service[i]]);
      expect(col('departure_min')[i], `row ${i}`).toBe(trips.departureMin[i]);
      expect(col('tour_leg')[i], `row ${i}`).toBe(trips.tourLeg[i]);
    }
  }, 60_000);

  it('is the same file when a worker of the pool encodes some of its row groups', async () => {
    const dir = tempDir();
    const k = keys(Math.ceil(n / 40));
    fs.mkdirSync(path.join(dir, 'alone'));
    await writeTripsTable(path.join(dir, 'alone'), trips, k);
    const pool = createPool(1, { warm: ['trips-groups'] });
    try {
      await runTask(pool, { kind: 'ping' }); // ready, its handler loaded: it claims groups from the start
      fs.mkdirSync(path.join(dir, 'helped'));
      await writeTripsTable(path.join(dir, 'helped'), trips, k, {}, { pool, workers: 1, minGroups: 2 });
    } finally {
      await pool.destroy();
    }
    expect(fs.readFileSync(path.join(dir, 'helped', 'trips.parquet')).equals(fs.readFileSync(path.join(dir, 'alone', 'trips.parquet')))).toBe(true);
  }, 60_000);
});
