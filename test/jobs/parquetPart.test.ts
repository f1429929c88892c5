import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS } from '../../src/core/ageBands.ts';
import { encodeRowGroups, PARQUET_ROW_GROUP, readParquetFile, writeParquetFile } from '../../src/io/parquet.ts';
import { parquetPartTask } from '../../src/jobs/parquetPart.ts';
import { createPool, runTask } from '../../src/parallel/pool.ts';
import { allocTrips } from '../../src/simulate/columns.ts';
import { tripsParquet, type TripKeys } from '../../src/simulate/output.ts';
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

describe('encoding a Parquet table in parts', () => {
  const n = 3 * PARQUET_ROW_GROUP + 1234;
  const trips = madeUpTrips(n);
  const source = tripsParquet(trips, keys(Math.ceil(n / 40)));

  it('encodes a part from its task to the bytes of the same rows encoded from the whole table', () => {
    const whole = encodeRowGroups(source, PARQUET_ROW_GROUP, 2 * PARQUET_ROW_GROUP);
    const part = parquetPartTask(source.part!(PARQUET_ROW_GROUP, 2 * PARQUET_ROW_GROUP));
    expect(part.rows).toBe(PARQUET_ROW_GROUP);
    expect(Buffer.from(part.bytes).equals(Buffer.from(whole.bytes))).toBe(true);
    expect(part.rowGroups).toEqual(whole.rowGroups);
  });

  it("writes the same file whether the row groups are encoded in this thread or on a pool's workers, and it reads back", async () => {
    const dir = tempDir();
    const here = path.join(dir, 'here.parquet');
    const there = path.join(dir, 'there.parquet');
    const ticks: number[] = [];
    await writeParquetFile(here, source, { tick: (done) => ticks.push(done) });
    const pool = createPool(2);
    try {
      await writeParquetFile(there, source, { encode: (task) => runTask(pool, task), inFlight: 2 });
    } finally {
      await pool.destroy();
    }
    expect(ticks).toEqual([1, 2, 3, 4].map((g) => Math.min(n, g * PARQUET_ROW_GROUP)));
    expect(fs.readFileSync(there).equals(fs.readFileSync(here))).toBe(true);
    const back = await readParquetFile(there);
    expect(back.count).toBe(n);
    const col = (name: string) => back.columns[back.names.indexOf(name)];
    for (const i of [0, 1, PARQUET_ROW_GROUP - 1, PARQUET_ROW_GROUP, 2 * PARQUET_ROW_GROUP + 5, n - 1]) {
      expect(col('resident')[i], `row ${i}`).toBe(trips.resident[i]);
      expect(col('origin_block')[i], `row ${i}`).toBe(`B${String(trips.originBlock[i]).padStart(5, '0')}`);
      expect(col('facility')[i], `row ${i}`).toBe(trips.site[i] < 0 ? null : `S${trips.site[i]}`);
      expect(col('service')[i], `row ${i}`).toBe(keys(0).services[trips.service[i]]);
      expect(col('departure_min')[i], `row ${i}`).toBe(trips.departureMin[i]);
    }
  }, 60_000);

  it('does not wait on a pool that is busy with something else: the group is encoded here too, to the same bytes', async () => {
    const dir = tempDir();
    const here = path.join(dir, 'here.parquet');
    const stuck = path.join(dir, 'stuck.parquet');
    await writeParquetFile(here, source);
    let asked = 0;
    const never = () => ((asked++), new Promise<never>(() => {})); // a pool whose only worker never gets to these tasks
    await writeParquetFile(stuck, source, { encode: never, inFlight: 1 });
    expect(asked).toBe(1);
    expect(fs.readFileSync(stuck).equals(fs.readFileSync(here))).toBe(true);
  });

  it('names an unknown table in a worker task', () => {
    expect(() => parquetPartTask({ kind: 'parquet-part', table: 'nope', data: {} })).toThrow(/unknown table 'nope'/);
  });
});
