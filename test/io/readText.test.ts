import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.ts';
import { readCsv } from '../../src/io/csv.ts';
import { readJsonFile } from '../../src/io/json.ts';
import { decodeText, parseEncoding, readEncoding, readTextFile, setReadEncoding, setReadNotices } from '../../src/io/readText.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { encodeGb18030 } from './gb18030.ts';

const CSV = 'id,name,population\nB1,新华新村1幢,120\nB2,朝晖小区,80\n';

let notices: string[] = [];
let previous: (m: string) => void;
beforeEach(() => {
  notices = [];
  previous = setReadNotices((m) => notices.push(m));
  setReadEncoding(undefined);
});
afterEach(() => {
  setReadNotices(previous);
  setReadEncoding(undefined);
});

function write(name: string, bytes: Uint8Array | string): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, bytes);
  return file;
}

function errorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

describe('the test encoder', () => {
  it('writes the known GB18030 bytes of 新华 (D0 C2 BB AA)', () => {
    expect([...encodeGb18030('新华')]).toEqual([0xd0, 0xc2, 0xbb, 0xaa]);
  });
});

describe('readTextFile', () => {
  it('reads UTF-8 without a notice', () => {
    expect(readTextFile(write('a.csv', CSV))).toBe(CSV);
    expect(notices).toEqual([]);
  });

  it('drops a UTF-8 byte-order mark', () => {
    expect(readTextFile(write('a.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)])))).toBe(CSV);
  });

  it('reads GB18030 bytes as GB18030 and says so in one line', () => {
    const file = write('blocks.csv', encodeGb18030(CSV));
    expect(readTextFile(file)).toBe(CSV);
    expect(notices).toEqual([`${file}: not UTF-8, read as GB18030 (use --encoding to choose)`]);
  });

  it('says it once per file', () => {
    const file = write('blocks.csv', encodeGb18030(CSV));
    readTextFile(file);
    readTextFile(file);
    expect(notices).toHaveLength(1);
  });

  it('reads UTF-16 with a byte-order mark (Excel "Unicode text")', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')]);
    expect(readTextFile(write('u.csv', le))).toBe(CSV);
  });

  it('honours an explicit encoding: utf8 refuses GB18030 bytes, naming the file and row', () => {
    const file = write('blocks.csv', encodeGb18030(CSV));
    const e = errorOf(() => readTextFile(file, 'utf8'));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toMatch(/blocks\.csv row 2: is not valid UTF-8 text .*--encoding gb18030/);
  });

  it('honours the process-wide encoding (what --encoding sets)', () => {
    const file = write('blocks.csv', encodeGb18030(CSV));
    setReadEncoding('utf8');
    expect(readEncoding()).toBe('utf8');
    expect(() => readTextFile(file)).toThrow(/not valid UTF-8/);
    setReadEncoding('gb18030');
    expect(readTextFile(file)).toBe(CSV);
    expect(notices).toEqual([]);
  });

  it('never returns replacement characters: a file with U+FFFD is an InputError naming file and row', () => {
    const file = write('blocks.csv', 'id,name\nB1,ok\nB2,\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD1\uFFFD\uFFFD\n');
    const e = errorOf(() => readTextFile(file));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toMatch(/blocks\.csv row 3: holds the replacement character/);
  });

  it('refuses bytes that are neither UTF-8 nor GB18030, naming the row', () => {
    const bytes = Buffer.concat([Buffer.from('id,name\nB1,ok\nB2,'), Buffer.from([0xff, 0xff, 0x0a])]);
    const e = errorOf(() => decodeText(bytes, 'x.csv'));
    expect(e.message).toMatch(/^x\.csv row 3: is neither UTF-8 nor GB18030/);
  });

  it('parses encoding names and refuses others', () => {
    expect(parseEncoding('UTF-8')).toBe('utf8');
    expect(parseEncoding('gbk')).toBe('gb18030');
    expect(() => parseEncoding('latin1')).toThrow(/--encoding is 'latin1', expected one of: auto, utf8, gb18030/);
  });
});

describe('readCsv and readJsonFile decode the same way', () => {
  it('reads a GB18030 CSV with its Chinese names intact', async () => {
    const t = await readCsv(write('blocks.csv', encodeGb18030(CSV)));
    expect(t.rows.map((r) => r.values.name)).toEqual(['新华新村1幢', '朝晖小区']);
  });

  it('reads a GB18030 JSON file', () => {
    expect(readJsonFile(write('plan.json', encodeGb18030('{"name":"新华方案"}')))).toEqual({ name: '新华方案' });
  });
});
