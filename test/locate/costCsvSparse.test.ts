import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCostCsv } from '../../src/locate/io/costCsv.ts';
import { coverageFromCosts } from '../../src/locate/model/costMatrix.ts';

function write(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qh-costs-'));
  const f = path.join(dir, 'costs.csv');
  fs.writeFileSync(f, text);
  return f;
}
const OPTS = { from: 'client', to: 'site', cost: 'd', weight: 'w' };

describe('reading a long cost CSV into sparse pairs', () => {
  it('reads a plain file and the same file with quotes (the general CSV reader) into the same matrix', async () => {
    const plain = await readCostCsv(write('client,site,d,w\r\na, s2 ,3,10\r\n\r\na,s1,1.5,10\nb,s1,2e0,5\nb,s3,0.25,5\n'), OPTS);
    const quoted = await readCostCsv(write('client,site,d,w\n"a","s2",3,10\na,s1,1.5,10\nb,s1,2e0,5\nb,s3,0.25,5\n'), OPTS);
    for (const cm of [plain, quoted]) {
      expect(cm.siteIds).toEqual(['s2', 's1', 's3']);
      expect(cm.clientIds).toEqual(['a', 'b']);
      expect(Array.from(cm.weight)).toEqual([10, 5]);
      expect(Array.from(cm.sparse!.start)).toEqual([0, 2, 4]);
      expect(Array.from(cm.sparse!.site)).toEqual([0, 1, 1, 2]);
      expect(Array.from(cm.sparse!.cost)).toEqual([3, 1.5, 2, 0.25]);
      expect(Array.from(cm.cost)).toEqual([3, 1.5, Infinity, Infinity, 2, 0.25]);
    }
  });

  it('keeps the last cost of a pair listed twice, as the dense matrix did', async () => {
    const cm = await readCostCsv(write('client,site,d,w\na,s1,5,1\na,s1,7,1\n'), OPTS);
    expect(Array.from(cm.cost)).toEqual([7]);
  });

  it('names the row and field of a bad cell in a plain file', async () => {
    await expect(readCostCsv(write('client,site,d,w\na,s1,1,1\nb,s1,-2,1\n'), OPTS)).rejects.toThrow(/row 3 field 'd': cost is -2, expected >= 0/);
    await expect(readCostCsv(write('client,site,d,w\na,s1,1,x\n'), OPTS)).rejects.toThrow(/row 2 field 'w': weight is 'x', expected a number/);
    await expect(readCostCsv(write('client,site,d,w\n,s1,1,1\n'), OPTS)).rejects.toThrow(/row 2 field 'client': client id is empty/);
  });

  it('builds the coverage instance of 2,000 clients × 200,000 sites without the 3.2 GB dense matrix', async () => {
    const rows = ['client,site,d,w'];
    for (let r = 0; r < 200_000; r++) rows.push(`c${r % 2000},s${r},${r % 7},1`);
    const cm = await readCostCsv(write(`${rows.join('\n')}\n`), OPTS);
    expect([cm.nClients, cm.nSites]).toEqual([2000, 200_000]);
    const inst = coverageFromCosts(cm, 3, { maxOpen: 10 });
    let within = 0;
    for (let r = 0; r < 200_000; r++) if (r % 7 <= 3) within++;
    expect(inst.coverOptions.length).toBe(within);
    expect(inst.nOptions).toBe(200_000);
    expect(process.memoryUsage().rss).toBeLessThan(2 ** 31);
  }, 60_000);
});
