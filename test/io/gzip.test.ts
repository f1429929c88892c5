import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib, { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { csvColumns, readCsv } from '../../src/io/csv.ts';
import { CsvBytes } from '../../src/io/csvBytes.ts';
import { scanCsvFile } from '../../src/io/csvScan.ts';
import { gzipChunks, GZIP_BLOCK_BYTES } from '../../src/io/gzip.ts';
import { writeTable, writeTextChunks } from '../../src/io/tableWriter.ts';
import { tempDir } from '../helpers/fixtures.ts';

/** A few megabytes of CSV-like text, deterministic. */
function sampleText(bytes: number): Buffer {
  const lines: string[] = ['id,name,x'];
  let s = 7;
  for (let n = 0; n < bytes; ) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const line = `${s % 100000},北京-${s % 97},${(s / 2147483648).toFixed(4)}`;
    lines.push(line);
    n += line.length + 1;
  }
  return Buffer.from(lines.join('\n'), 'utf8');
}

/** The text cut at deterministic pseudo-random places. */
function cuts(b: Buffer, seed: number): Buffer[] {
  const out: Buffer[] = [];
  let s = seed;
  for (let off = 0; off < b.length; ) {
    s = (s * 69069 + 1) % 4294967296;
    const n = (s % 300_000) + (s % 3 === 0 ? 0 : 1);
    out.push(b.subarray(off, off + n));
    off += n;
  }
  return out;
}

async function gz(chunks: Iterable<Uint8Array>, inFlight: number, blockBytes?: number, inThisThread = false): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  await gzipChunks(chunks, async (b) => void parts.push(Buffer.from(b)), { inFlight, blockBytes, inThisThread });
  return Buffer.concat(parts);
}

describe('parallel gzip', () => {
  const text = sampleText(3_000_000);

  it('gives the same bytes whatever the blocks in flight and however the text is cut', async () => {
    const one = await gz([text], 1, 1 << 16);
    expect(gunzipSync(one).equals(text)).toBe(true);
    for (const [inFlight, seed] of [[4, 1], [2, 2], [8, 3]]) expect((await gz(cuts(text, seed), inFlight, 1 << 16)).equals(one), `${inFlight} in flight`).toBe(true);
  });

  it('gives the same bytes compressed in this thread as on libuv\'s pool', async () => {
    expect((await gz(cuts(text, 4), 1, 1 << 16, true)).equals(await gz([text], 2, 1 << 16))).toBe(true);
  });

  it('writes one gzip member: fixed header, OS byte 255, CRC-32 and length in the trailer, within 0.1% of one stream', async () => {
    const z = await gz([text], 4);
    expect(text.length).toBeGreaterThan(2 * GZIP_BLOCK_BYTES);
    expect([...z.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
    expect(z.readUInt32LE(z.length - 8)).toBe(zlib.crc32(text));
    expect(z.readUInt32LE(z.length - 4)).toBe(text.length);
    // one member: the raw deflate stream between header and trailer ends exactly there
    const inflated = zlib.inflateRawSync(z.subarray(10, z.length - 8));
    expect(inflated.equals(text)).toBe(true);
    const single = zlib.gzipSync(text, { level: 4 });
    expect(z.length / single.length).toBeLessThan(1.001);
  });

  it('writes empty text as a valid empty gzip file', async () => {
    const z = await gz([], 2);
    expect(gunzipSync(z).length).toBe(0);
  });

  it('is read by the project readers (readCsv, the streaming scanner) and by gzip itself', async () => {
    const dir = tempDir();
    const file = path.join(dir, 't.csv.gz');
    await writeTextChunks(file, cuts(text, 9), true, { threads: 3 });
    const table = await readCsv(file);
    const lines = text.toString('utf8').split('\n');
    expect(table.rows).toHaveLength(lines.length - 1);
    expect(table.rows.at(-1)!.cells.join(',')).toBe(lines.at(-1));
    let n = 0;
    await scanCsvFile(file, { header: () => {}, row: () => void n++ });
    expect(n).toBe(lines.length - 1);
    const z = spawnSync('gzip', ['-dc', file], { maxBuffer: 1 << 26 });
    if (z.error) console.warn('gzip not found: skipped the gzip -dc check');
    else {
      expect(z.status).toBe(0);
      expect(Buffer.from(z.stdout).equals(text)).toBe(true);
    }
  });

  it('writes a table with 1 and with 4 threads to the same bytes', async () => {
    const dir = tempDir();
    const columns = csvColumns(['id', 'name', 'x'], ['name']);
    const text = function* (f: ConstructorParameters<typeof CsvBytes>[0]): Generator<Uint8Array> {
      const b = new CsvBytes(f, 1 << 16);
      for (let i = 0; i < 200_000; i++) {
        b.byte(0x0a);
        b.int(i);
        b.comma();
        b.bytes(b.field(1, i % 5 === 0 ? `=n${i % 50}` : `n${i % 50}`));
        b.comma();
        b.fixed(i / 7, 2);
        if (b.full) yield b.take();
      }
      yield b.take();
    };
    const bytes = async (threads: number) => {
      const d = path.join(dir, String(threads));
      fs.mkdirSync(d);
      const name = await writeTable(d, { base: 't', columns, text }, { threads });
      return fs.readFileSync(path.join(d, name));
    };
    const a = await bytes(1);
    const b = await bytes(4);
    expect(a.equals(b)).toBe(true);
    const plain = gunzipSync(a).toString('utf8');
    expect(plain.split('\n')[1]).toBe('0,"\'=n0",0.00');
    expect(plain.split('\n')).toHaveLength(200_002);
  });
});

describe('a failing table', () => {
  it('rejects with the generator\'s error and leaves nothing writing', async () => {
    const file = path.join(tempDir(), 'bad.csv.gz');
    const chunks = function* (): Generator<Uint8Array> {
      yield Buffer.alloc(3 << 20, 0x61);
      throw new Error('rows went wrong');
    };
    await expect(writeTextChunks(file, chunks(), true, { threads: 2 })).rejects.toThrow('rows went wrong');
    await expect(writeTextChunks(path.join(path.dirname(file), 'bad.csv'), chunks(), false)).rejects.toThrow('rows went wrong');
  });
});
