import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCostCsv } from '../../src/locate/io/costCsv.ts';
import { InputError } from '../../src/core/errors.ts';

function write(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-costs-'));
  const f = path.join(dir, 'costs.csv');
  fs.writeFileSync(f, text);
  return f;
}
const OPTS = { from: 'client', to: 'site', cost: 'd', weight: 'w' };

describe('reading a long-form cost CSV', () => {
  it('builds the client x site matrix with Infinity for missing pairs', async () => {
    const cm = await readCostCsv(write('client,site,d,w\na,s1,1.5,10\na,s2,3,10\nb,s1,2,5\n'), OPTS);
    expect([cm.nClients, cm.nSites]).toEqual([2, 2]);
    expect(Array.from(cm.cost)).toEqual([1.5, 3, 2, Infinity]);
    expect(Array.from(cm.weight)).toEqual([10, 5]);
  });

  it('names the missing column in an InputError', async () => {
    const f = write('client,site,dist\na,s1,1\n');
    await expect(readCostCsv(f, OPTS)).rejects.toThrow(InputError);
    await expect(readCostCsv(f, OPTS)).rejects.toThrow(/no column 'd'/);
  });

  it('names the row and field of a non-numeric cost', async () => {
    const f = write('client,site,d,w\na,s1,1,1\nb,s1,far,1\n');
    await expect(readCostCsv(f, OPTS)).rejects.toThrow(/row 3 field 'd': cost is 'far', expected a number/);
  });

  it('rejects a negative weight with its row', async () => {
    await expect(readCostCsv(write('client,site,d,w\na,s1,1,-3\n'), OPTS)).rejects.toThrow(/row 2 field 'w'/);
  });

  it('reads ids as text without the spreadsheet-safety apostrophe, and a neutralised number as no number', async () => {
    const cm = await readCostCsv(write('client,site,d,w\n"\'=a",\'-s1,1,2\n"\'=a",@s2,2,2\n'), OPTS);
    expect(cm.clientIds).toEqual(['=a']);
    expect(cm.siteIds).toEqual(['-s1', '@s2']);
    expect(Array.from(cm.cost)).toEqual([1, 2]);
    await expect(readCostCsv(write("client,site,d,w\na,s1,'-1,2\n"), OPTS)).rejects.toThrow(/cost is ''-1', expected a number/);
  });
});
