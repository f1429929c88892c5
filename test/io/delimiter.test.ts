import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvNumber, detectDelimiter, parseCsvText } from '../../src/io/csv.ts';
import { setReadNotices } from '../../src/io/readText.ts';
import { FieldReader, Problems, tableFromCsv } from '../../src/scenario/rows.ts';

let notices: string[] = [];
let previous: (m: string) => void;
beforeEach(() => {
  notices = [];
  previous = setReadNotices((m) => notices.push(m));
});
afterEach(() => setReadNotices(previous));

const SEMI = 'id;name;lon;lat;population;services\nB1;Nord, Haus 1;120,15;30,25;100;"grocery;repair"\nB2;Süd;120,2;30,3;90;grocery\n';

describe('the CSV reader', () => {
  it("reads a ';'-separated file (European Excel) and says so in one line", async () => {
    const t = await parseCsvText(SEMI, 'blocks.csv');
    expect(t.delimiter).toBe(';');
    expect(t.header).toEqual(['id', 'name', 'lon', 'lat', 'population', 'services']);
    expect(t.rows[0].values).toMatchObject({ name: 'Nord, Haus 1', lon: '120,15', services: 'grocery;repair' });
    expect(notices).toEqual(["blocks.csv: separated by ';', read as such (decimal commas such as 1,5 are read as numbers)"]);
  });

  it('reads decimal commas of a ;-separated file as numbers, and only there', async () => {
    const t = tableFromCsv(await parseCsvText(SEMI, 'blocks.csv'));
    const problems = new Problems();
    const f = new FieldReader(t, problems);
    expect(f.num(t.rows[0], 'lon')).toBe(120.15);
    expect(problems.list).toEqual([]);
    expect(csvNumber('120,15')).toBeNaN();
    expect(csvNumber('120,15', true)).toBe(120.15);
    expect(csvNumber('1,234,5', true)).toBeNaN();
  });

  it('reads a tab-separated file', async () => {
    const t = await parseCsvText('id\tname\nB1\t新华\n', 'blocks.tsv');
    expect(t.rows[0].values).toEqual({ id: 'B1', name: '新华' });
    expect(notices).toEqual(["blocks.tsv: separated by 'tab', read as such"]);
  });

  it("honours Excel's sep= line and keeps row numbers as in the file", async () => {
    const t = await parseCsvText('sep=;\nid;name\nB1;x\n', 'a.csv');
    expect(t.header).toEqual(['id', 'name']);
    expect(t.rows[0].line).toBe(3);
  });

  it('keeps commas when the header uses them, with no notice', async () => {
    const t = await parseCsvText('id,name\nB1,"a;b"\n', 'a.csv');
    expect(t.delimiter).toBe(',');
    expect(t.rows[0].values.name).toBe('a;b');
    expect(notices).toEqual([]);
  });

  it('detects the separator from the header line, outside quotes', () => {
    expect(detectDelimiter('"a,b";c;d\n').delimiter).toBe(';');
    expect(detectDelimiter('\n\nid;name\n').delimiter).toBe(';');
    expect(detectDelimiter('id\n1\n').delimiter).toBe(',');
  });
});

describe("a ';'-separated cost table for locate", () => {
  it('is read with its decimal commas', async () => {
    const { default: fs } = await import('node:fs');
    const { default: path } = await import('node:path');
    const { tempDir } = await import('../helpers/fixtures.ts');
    const { readCostCsv } = await import('../../src/locate/io/costCsv.ts');
    const file = path.join(tempDir(), 'costs.csv');
    fs.writeFileSync(file, 'client;site;metres;weight\nc1;s1;120,5;2\nc1;s2;80;2\nc2;s1;300,25;1,5\n');
    const m = await readCostCsv(file, { from: 'client', to: 'site', cost: 'metres', weight: 'weight' });
    expect(Array.from(m.cost)).toEqual([120.5, 80, 300.25, Infinity]);
    expect(Array.from(m.weight)).toEqual([2, 1.5]);
    expect(notices).toEqual([`${file}: separated by ';', read as such (decimal commas such as 1,5 are read as numbers)`]);
  });
});
