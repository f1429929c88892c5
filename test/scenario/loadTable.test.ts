/** The scenario's CSV tables: the fast scan of the plain form reads exactly what the general reader reads, and anything else goes to the general reader. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../../src/io/csv.ts';
import { readTextFile } from '../../src/io/readText.ts';
import { readCsvTable, scanPlain } from '../../src/scenario/loadTable.ts';
import { tableFromCsv } from '../../src/scenario/rows.ts';

const REPO = path.resolve(import.meta.dirname, '..', '..');

function csvFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? csvFiles(path.join(dir, e.name)) : e.name.endsWith('.csv') ? [path.join(dir, e.name)] : []));
}

const general = async (text: string) => tableFromCsv(await parseCsvText(text, 'x.csv'));

const PLAIN = [
  'id,name,lon\nB1,"Garden, block 1",120.1\nB2,plain,120.2\n',
  'id,name\r\nB1,a\r\nB2,b',
  'id,name,tag\n\nB1, padded ,\n,,\nB2,"quoted ""twice""",x\n\n',
  'id,name,tag\nB1,short\n',
  'id,name\nB1,\u3000全角空格\u3000\nB2,"\u00a0nbsp\u00a0"\n',
  "id,name\nB1,'=formula\nB2,'-1\n",
  '\uFEFFid,name\nB1,bom\n',
  'id,name\n',
];

const OTHER = [
  'id;name\nB1;a\n',
  'sep=,\nid,name\nB1,a\n',
  'id,name\nB1,"two\nlines"\nB2,after\n',
  'id,name\nB1,a,extra\n',
  'id,id\nB1,a\n',
  'id,\nB1,a\n',
  'id,name\nB1,ab"c\n',
  'id,name\nB1,\u3000\u3000\nB2,x\n',
  "id,name\nB1, '\t\n",
  '',
];

describe('reading a scenario CSV table', () => {
  it('scans the plain form to the same rows as the general reader', async () => {
    for (const text of PLAIN) {
      const fast = scanPlain(text, 'x.csv');
      expect(fast, JSON.stringify(text)).not.toBeNull();
      expect(fast).toEqual(await general(text));
    }
  });

  it('leaves every other form to the general reader', async () => {
    for (const text of OTHER) expect(scanPlain(text, 'x.csv'), JSON.stringify(text)).toBeNull();
  });

  it('reads every CSV of the repository\'s scenarios and fixtures as the general reader does, errors included', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-load-table-'));
    try {
      const files = [...csvFiles(path.join(REPO, 'scenarios')), ...csvFiles(path.join(REPO, 'test', 'fixtures'))];
      PLAIN.concat(OTHER).forEach((text, k) => {
        const f = path.join(dir, `t${k}.csv`);
        fs.writeFileSync(f, text);
        files.push(f);
      });
      expect(files.length).toBeGreaterThan(30);
      for (const f of files) {
        const want = await parseCsvText(readTextFile(f), f).then(tableFromCsv, (e: Error) => e.message);
        const got = await readCsvTable(f).catch((e: Error) => e.message);
        expect(got, f).toEqual(want);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
