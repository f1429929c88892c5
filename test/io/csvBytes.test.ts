import { describe, expect, it } from 'vitest';
import { csvColumns, csvLine, CsvFields, csvTextChunks } from '../../src/io/csv.ts';
import { chunksText, CSV_PIECE_BYTES, CsvBytes } from '../../src/io/csvBytes.ts';
import { fixed, rounded } from '../../src/io/numbers.ts';

const COLUMNS = csvColumns(['name', 'n', 'x'], ['name']);

/** One value written alone, as text. */
const one = new CsvBytes(new CsvFields(COLUMNS), 64);
function written(write: (b: CsvBytes) => void): string {
  const b = one;
  write(b);
  return Buffer.from(b.take()).toString('utf8');
}

/** A deterministic spread of numbers: ties, near-ties, big, tiny, negative, integers. */
function numbers(): number[] {
  const xs = [0, -0, 0.5, 1.005, 2.675, 1.45, 0.125, 0.375, 12.5, 99.995, 9999999.5, 1e7, 1e21, 1.5e-7, -0.001, -3.25, 4294967295, 4294967296, -4294967295, 2 ** 53, 123456.789, 0.1 + 0.2];
  let s = 12345;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < 5000; i++) {
    const r = rand();
    xs.push(r * 100, Math.fround(r * 60), r * 1e6, -r * 10, Math.round(r * 1000) / 1000, Math.round(r * 200) / 8, (Math.round(r * 1e5) + 0.5) / 1e5);
  }
  return xs;
}

describe('CsvBytes', () => {
  it('writes numbers with exactly the text of String, fixed and rounded (src/io/numbers.ts)', () => {
    const xs = numbers();
    const got: string[] = [];
    const want: string[] = [];
    const check = (what: string, write: (b: CsvBytes) => void, text: string) => {
      got.push(`${what} ${written(write)}`);
      want.push(`${what} ${text}`);
    };
    for (const x of xs) {
      for (let d = 0; d <= 6; d++) {
        check(`fixed(${x}, ${d})`, (b) => b.fixed(x, d), fixed(x, d));
        check(`rounded(${x}, ${d})`, (b) => b.rounded(x, d), rounded(x, d));
        // and numbers.ts itself is exactly toFixed
        check(`toFixed(${x}, ${d})`, (b) => b.fixed(x, d), x.toFixed(d));
        check(`+toFixed(${x}, ${d})`, (b) => b.rounded(x, d), String(+x.toFixed(d)));
      }
      check(`int(${Math.round(x)})`, (b) => b.int(Math.round(x)), String(Math.round(x)));
      check(`int(${x})`, (b) => b.int(x), String(x));
    }
    expect(got.filter((g, i) => g !== want[i])).toEqual([]);
    expect(got.length).toBeGreaterThan(100_000);
    for (const n of [0, -0, 7, 10, 99, 100, 65535, 2147483647, 2147483648, 4294967295, -1, -2147483648, NaN, Infinity]) expect(written((b) => b.int(n))).toBe(String(n));
  });

  it('takes every text field from the one CSV writer, spreadsheet-safe, as UTF-8', () => {
    const f = new CsvFields(COLUMNS);
    const b = new CsvBytes(f);
    for (const v of ['plain', '=SUM(A1)', '-3', 'a,b', 'say "hi"', '北京 東城', 'naïve', '@x', '']) {
      expect(Buffer.from(b.field(0, v)).toString('utf8')).toBe(f.field(0, v));
      expect(b.field(0, v)).toBe(b.field(0, v)); // remembered: the same bytes object
    }
    expect(Buffer.from(b.field(1, 42)).toString('utf8')).toBe('42');
    expect(written((w) => w.ascii('Zürich, 北京'))).toBe('Zürich, 北京');
  });

  it('builds lines byte-identical to csvLine, and hands them on in pieces of about pieceBytes', () => {
    const f = new CsvFields(COLUMNS);
    const b = new CsvBytes(f, 4096);
    const pieces: Uint8Array[] = [];
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const row = [i % 3 === 0 ? `=r${i}` : `北${i % 17}`, i * 37 - 900, i / 7];
      lines.push(`\n${csvLine(COLUMNS, [row[0], row[1], fixed(row[2] as number, 2)])}`);
      b.byte(0x0a);
      b.bytes(b.field(0, row[0]));
      b.comma();
      b.int(row[1] as number);
      b.comma();
      b.fixed(row[2] as number, 2);
      if (b.full) {
        expect(b.length).toBeLessThan(4096 + 64);
        pieces.push(b.take());
        expect(b.length).toBe(0);
      }
    }
    pieces.push(b.take());
    expect(pieces.length).toBeGreaterThan(10);
    expect(chunksText(csvTextChunks(COLUMNS, pieces, { finalNewline: false }))).toBe(`name,n,x${lines.join('')}`);
    // each piece keeps its own buffer: taking the next one never overwrites it
    expect(new Set(pieces.map((p) => p.buffer)).size).toBe(pieces.length);
  });

  it('grows past its piece for a line longer than the slack, without losing bytes', () => {
    const b = new CsvBytes(new CsvFields(COLUMNS), 16);
    const long = 'x'.repeat(200_000);
    b.ascii('ab');
    b.ascii(long);
    b.int(5);
    expect(b.full).toBe(true);
    expect(Buffer.from(b.take()).toString('latin1')).toBe(`ab${long}5`);
    expect(CSV_PIECE_BYTES).toBe(1 << 20);
  });
});
