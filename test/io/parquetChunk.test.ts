import fs from 'node:fs';
import path from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { readParquetFile, writeParquetFile, type ParquetColumn, type ParquetSource } from '../../src/io/parquet.ts';
import { plainValues, type ParquetCodes } from '../../src/io/parquetChunk.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { hyparquetWriterFile } from '../helpers/parquetWriter.ts';

type Column = Int32Array | Float64Array | ParquetCodes | unknown[];

function sliceColumn(c: Column, a: number, b: number): Column {
  if (c instanceof Int32Array || c instanceof Float64Array) return c.slice(a, b);
  if (Array.isArray(c)) return c.slice(a, b);
  return { codes: c.codes.slice(a, b), keys: c.keys };
}

function sourceOf(columns: ParquetColumn[], data: Column[], count: number): ParquetSource {
  return { columns, count, slice: (a, b) => data.map((c) => sliceColumn(c, a, b) as never) };
}

/** Random columns of every kind the tables use, some of them degenerate. */
function randomTable(seed: number, count: number): { columns: ParquetColumn[]; data: Column[] } {
  const rng = seedrandom(String(seed));
  const int = (n: number) => Math.floor(rng() * n);
  const pick = <T,>(xs: T[]) => xs[int(xs.length)];
  const nulls = pick([0, 0.01, 0.3, 1]);
  const distinct = pick([1, 2, 7, 300, 3000, 1e6]);
  const keys = Array.from({ length: pick([1, 3, 40, 20_000]) }, (_, k) => pick(['B', '街道', 'F', '=X']) + k);
  if (rng() < 0.3) keys.push(keys[0]); // an id twice in a catalogue: one dictionary entry
  const runs = rng() < 0.5; // long runs (rows in block order) or not
  const runner = () => {
    let run = 0;
    let last = 0;
    return (f: () => number) => (runs && run-- > 0 ? last : ((run = int(40)), (last = f())));
  };
  const columns: ParquetColumn[] = [
    { name: 'seed', type: 'int' },
    { name: 'resident', type: 'int', delta: true },
    { name: 'minute', type: 'int' },
    { name: 'wide', type: 'int' },
    { name: 'share', type: 'double' },
    { name: 'walk', type: 'double', nullable: true },
    { name: 'block', type: 'text', dictionary: true },
    { name: 'site', type: 'text', nullable: true, dictionary: true },
    { name: 'label', type: 'text', nullable: true },
  ];
  const data: Column[] = [
    new Int32Array(count).fill(seed),
    Int32Array.from({ length: count }, (_, i) => i + int(3)),
    Int32Array.from({ length: count }, ((draw) => () => draw(() => int(distinct)))(runner())),
    Int32Array.from({ length: count }, () => int(2 ** 31) - 2 ** 30),
    Float64Array.from({ length: count }, ((draw) => () => draw(() => pick([0, -0, Math.round(rng() * distinct) / 100, rng()])))(runner())),
    Float64Array.from({ length: count }, ((draw) => () => (rng() < nulls ? NaN : draw(() => Math.round(rng() * distinct) / 100)))(runner())),
    { codes: Int32Array.from({ length: count }, ((draw) => () => draw(() => int(keys.length)))(runner())), keys },
    { codes: Int32Array.from({ length: count }, ((draw) => () => (rng() < nulls ? -1 : draw(() => int(keys.length))))(runner())), keys },
    Array.from({ length: count }, () => (rng() < nulls ? null : pick(['a', '菜市场', '=SUM(A1)']))),
  ];
  return { columns, data };
}

describe('parquet column chunks from typed columns', () => {
  it('are byte for byte what hyparquet-writer writes for the same values, on random tables of every kind', async () => {
    const dir = tempDir();
    for (let seed = 1; seed <= 24; seed++) {
      const count = [1, 2, 9, 1000, 70_000][seed % 5];
      const { columns, data } = randomTable(seed, count);
      const file = path.join(dir, `t${seed}.parquet`);
      await writeParquetFile(file, sourceOf(columns, data, count));
      expect(Buffer.compare(fs.readFileSync(file), Buffer.from(hyparquetWriterFile(sourceOf(columns, data, count)))), `seed ${seed}, ${count} rows`).toBe(0);
    }
  });

  it('read back to the values given: ids for codes, nulls for NaN and -1', async () => {
    const { columns, data } = randomTable(5, 3000);
    const file = path.join(tempDir(), 't.parquet');
    await writeParquetFile(file, sourceOf(columns, data, 3000));
    const t = await readParquetFile(file);
    for (let j = 0; j < columns.length; j++) {
      const want = Array.from(plainValues(data[j], 3000) as ArrayLike<unknown>);
      expect(Array.from(t.columns[j]).map((v) => (typeof v === 'number' && Object.is(v, -0) ? 0 : v)), columns[j].name).toEqual(want.map((v) => (typeof v === 'number' && Object.is(v, -0) ? 0 : v)));
    }
  });

  it('refuse a code that names no id', async () => {
    const source: ParquetSource = { columns: [{ name: 'block', type: 'text', dictionary: true }], count: 2, slice: () => [{ codes: Int32Array.of(0, 2), keys: ['B1', 'B2'] }] };
    await expect(writeParquetFile(path.join(tempDir(), 't.parquet'), source)).rejects.toThrow(/block: code 2 names no id \(2 ids\)/);
  });

  it('refuse a null in a required column', async () => {
    const source: ParquetSource = { columns: [{ name: 'share', type: 'double' }], count: 3, slice: () => [Float64Array.of(1, NaN, 2)] };
    await expect(writeParquetFile(path.join(tempDir(), 't.parquet'), source)).rejects.toThrow(/share: a null in a required column/);
  });
});
