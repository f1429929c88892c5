import fs from 'node:fs';
import path from 'node:path';
import { writeToString } from 'fast-csv';
import { describe, expect, it } from 'vitest';
import { csvColumns, csvLine, csvString, FORMULA_START, neutraliseText, parseCsvText, restoreText, writeCsvRows, type CsvColumn } from '../../src/io/csv.ts';
import { FieldReader, Problems, tableFromCsv, tableFromJson } from '../../src/scenario/rows.ts';
import { tempDir } from '../helpers/fixtures.ts';

const COLS: CsvColumn[] = csvColumns(['name', 'value'], ['name']);
const NAMES: Record<string, string> = { '=': '=HYPERLINK("http://x","click")', '+': '+1+2', '-': '-2+3+cmd|\' /C calc\'!A0', '@': '@SUM(A1:A9)', '\t': '\tTabbed', '\r': '\rReturned' };

/** The data line of a one-row table. */
const line = (name: string | number, value: string | number = 1) => csvLine(COLS, [name, value]);

describe('spreadsheet-safe CSV writing', () => {
  it('gives every text cell beginning with one of the six characters a leading apostrophe and quotes it', () => {
    expect(FORMULA_START).toEqual(['=', '+', '-', '@', '\t', '\r']);
    expect(line(NAMES['='])).toBe('"\'=HYPERLINK(""http://x"",""click"")",1');
    expect(line(NAMES['+'])).toBe('"\'+1+2",1');
    expect(line(NAMES['-'])).toBe('"\'-2+3+cmd|\' /C calc\'!A0",1');
    expect(line(NAMES['@'])).toBe('"\'@SUM(A1:A9)",1');
    expect(line(NAMES['\t'])).toBe('"\'\tTabbed",1');
    expect(line(NAMES['\r'])).toBe('"\'\rReturned",1');
  });

  it('treats a name such as -5 as text and neutralises it, also when it arrives as a JS number', () => {
    expect(line('-5')).toBe('"\'-5",1');
    expect(line(-5)).toBe('"\'-5",1');
  });

  it('never touches number columns: negative numbers, numerals as toFixed writes them, and empty cells stay as they are', () => {
    expect(line('x', -5)).toBe('x,-5');
    expect(line('x', -0.000001)).toBe('x,-0.000001');
    expect(line('x', -1e-7)).toBe('x,-1e-7');
    expect(line('x', (-2.5).toFixed(3))).toBe('x,-2.500');
    expect(line('x', '')).toBe('x,');
  });

  it('writes text found in a number column as text, so that a wrong column kind cannot let a formula through', () => {
    expect(line('x', '=1+2')).toBe('x,"\'=1+2"');
    expect(line('x', '-1+cmd')).toBe('x,"\'-1+cmd"');
  });

  it('leaves other text alone, with characters in the middle or after a space, and an apostrophe already there', () => {
    expect(line('a=b')).toBe('a=b,1');
    expect(line('a-b@c')).toBe('a-b@c,1');
    expect(line(' =x')).toBe(' =x,1');
    expect(line("'quoted")).toBe("'quoted,1");
    expect(line('')).toBe(',1');
  });

  it('writes ordinary tables byte for byte as fast-csv did, so that outputs without such names do not change', async () => {
    const header = ['id', 'name', 'tag', 'x', 'y'];
    const rows: (string | number)[][] = [
      ['A', 'West', 'old estate', 0, 0.0053959],
      ['B', 'Grocery, "east"', 'a|b', 1e21, 12.5],
      ['C', 'two\nlines', 'cr\rhere', -0, 3],
      ['D', '北京 胡同', '', 7, ''],
      ['E', 'nul\0byte', 'x', 1e-7, Number.NaN],
    ];
    const cols = csvColumns(header, ['id', 'name', 'tag']);
    const expected = await writeToString([header, ...rows], { headers: false, includeEndRowDelimiter: true });
    expect(csvString(cols, rows)).toBe(expected);
  });

  it('streams the same text as csvString, with or without a line break after the last row, and always writes the header', () => {
    const dir = tempDir();
    const rows = [
      ['=a', 1],
      ['b', -2],
    ];
    writeCsvRows(path.join(dir, 'a.csv'), COLS, rows);
    writeCsvRows(path.join(dir, 'b.csv'), COLS, rows, { finalNewline: false });
    writeCsvRows(path.join(dir, 'c.csv'), COLS, [], { finalNewline: false });
    expect(fs.readFileSync(path.join(dir, 'a.csv'), 'utf8')).toBe(csvString(COLS, rows));
    expect(fs.readFileSync(path.join(dir, 'b.csv'), 'utf8')).toBe('name,value\n"\'=a",1\nb,-2');
    expect(fs.readFileSync(path.join(dir, 'c.csv'), 'utf8')).toBe('name,value');
  });

  it('rejects a text column the header does not have, and a row of the wrong width', () => {
    expect(() => csvColumns(['a', 'b'], ['c'])).toThrow(/text column\(s\) c not in the header/);
    expect(() => csvLine(COLS, ['x'])).toThrow(/a row of 1 cells for 2 columns/);
  });
});

describe('reading back', () => {
  it('removes a leading apostrophe directly before one of the six characters, and nothing else', () => {
    for (const [c, name] of Object.entries(NAMES)) {
      expect(restoreText(neutraliseText(name)), c).toBe(name);
      expect(restoreText(`'${c}`)).toBe(c);
    }
    expect(restoreText("'quoted")).toBe("'quoted");
    expect(restoreText("''=x")).toBe("''=x");
    expect(restoreText(" '=x")).toBe(" '=x");
    expect(restoreText('=x')).toBe('=x');
    expect(restoreText("a'=x")).toBe("a'=x");
  });

  it('keeps the visible text of every name through a write and a read with our reader', async () => {
    const names = [...Object.values(NAMES), '-5', '\t', '\r', 'plain', "'quoted", 'a,b "c"'];
    const text = csvString(COLS, names.map((n, i) => [n, -1 - i]));
    const t = await parseCsvText(text, 'names.csv');
    expect(t.header).toEqual(['name', 'value']);
    const visible = (s: string) => s.trim();
    expect(t.rows.map((r) => visible(restoreText(r.values.name)))).toEqual(names.map(visible));
    // the number column reads back as numbers, minus signs and all
    expect(t.rows.map((r) => Number(r.values.value))).toEqual(names.map((_, i) => -1 - i));
  });

  it('restores text fields of a CSV table in the scenario reader, but never a number field, nor a JSON table', async () => {
    const t = tableFromCsv(await parseCsvText('id,name,population\n"\'=A","\'\tWest",10\nB,\'@x,"\'-5"\n', 'blocks.csv'));
    const problems = new Problems();
    const f = new FieldReader(t, problems);
    expect(f.str(t.rows[0], 'id')).toBe('=A');
    expect(f.str(t.rows[0], 'name')).toBe('\tWest');
    expect(f.str(t.rows[1], 'name')).toBe('@x');
    expect(f.num(t.rows[0], 'population')).toBe(10);
    expect(f.num(t.rows[1], 'population')).toBeNaN();
    expect(problems.list.map((e) => e.message)).toEqual(["blocks.csv row 3 field 'population': is ''-5', expected a number"]);
    const j = tableFromJson('blocks.json', 'blocks', [{ id: "'=A" }]);
    expect(new FieldReader(j, new Problems()).str(j.rows[0], 'id')).toBe("'=A");
  });
});
