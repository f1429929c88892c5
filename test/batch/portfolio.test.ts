import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBatch } from '../../src/batch/spec.ts';
import { runBatch } from '../../src/jobs/batch.ts';
import { batchReportData } from '../../src/report/html/fromBatch.ts';
import { writeReport } from '../../src/report/html/write.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { writePortfolio } from '../../src/scenario/portfolio.ts';
import { readPortfolio } from '../../src/scenario/portfolioManifest.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { CHROMIUM, launch, openReport } from '../report/html/chromium.ts';

/** Every file under a folder with its SHA-256. */
function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else out[r] = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, r))).digest('hex');
    }
  };
  walk('');
  return out;
}

describe('generate --circles (writePortfolio)', () => {
  it('writes N circles of varied size, age mix and gaps, byte-identical per seed, circle i the same whatever N', async () => {
    const a = path.join(tempDir(), 'programme');
    const b = path.join(tempDir(), 'programme');
    const c = path.join(tempDir(), 'pc');
    const m = await writePortfolio(a, { circles: 6, seed: 11, minResidents: 500, maxResidents: 5000 });
    await writePortfolio(b, { circles: 6, seed: 11, minResidents: 500, maxResidents: 5000 });
    await writePortfolio(c, { circles: 3, seed: 11, minResidents: 500, maxResidents: 5000 });
    expect(hashes(a)).toEqual(hashes(b));
    expect(hashes(path.join(c, 'c0002'))).toEqual(hashes(path.join(a, 'c0002')));
    expect(m.circles.map((x) => x.id)).toEqual(['c0001', 'c0002', 'c0003', 'c0004', 'c0005', 'c0006']);
    const residents = m.circles.map((x) => x.residents);
    expect(Math.min(...residents)).toBeGreaterThanOrEqual(500);
    expect(Math.max(...residents)).toBeLessThanOrEqual(5000);
    expect(new Set(residents).size).toBe(6);
    expect(new Set(m.circles.map((x) => x.olderShare)).size).toBe(6);
    expect(readPortfolio(a).distributions.ageMix).toMatch(/uniform\(0, 0\.8\)/);
    // every circle loads, with the budget and the missing services the manifest records
    for (const x of m.circles.slice(0, 2)) {
      const sc = await loadScenario(path.join(a, x.folder));
      expect(sc.budget.maxCost).toBe(x.maxCost);
      const offered = new Set(Array.from(sc.facilities.serviceIndex, (s) => sc.services[s].id));
      expect(x.missing.every((s) => !offered.has(s))).toBe(true);
    }
  });

  it('gives a batch that sweeps the portfolio, and a report ranking its circles by gain per 元', async () => {
    const dir = path.join(tempDir(), 'programme');
    await writePortfolio(dir, { circles: 3, seed: 2, minResidents: 300, maxResidents: 600 });
    const spec = parseBatch(path.join(dir, 'batch.json'));
    expect(spec.portfolio).toBe(dir);
    expect(spec.runs.map((r) => r.id)).toEqual(['c0001', 'c0002', 'c0003']);
    const out = path.join(dir, 'results');
    const r = await runBatch(spec, { outDir: out, threads: 2, resume: false, progress: false });
    expect(r.failed).toBe(0);
    const data = await batchReportData(out);
    const pf = data.portfolio!;
    expect(pf.circles).toBe(3);
    const per = pf.ranking.map((x) => x.gainPer10k ?? -1);
    expect(per).toEqual([...per].sort((x, y) => y - x));
    for (const x of pf.ranking) expect(x.coveragePlan).toBeGreaterThanOrEqual(x.coverageToday);
    expect(pf.distribution.today.reduce((x, y) => x + y, 0)).toBe(3);
    expect(pf.distribution.plan.reduce((x, y) => x + y, 0)).toBe(3);
    if (!CHROMIUM) return;
    const file = (await writeReport(out)).file;
    const browser = await launch();
    try {
      const { page, errors } = await openReport(browser, file);
      expect(errors).toEqual([]);
      expect(await page.$eval('#portfolio', (s) => (s as unknown as { hidden: boolean }).hidden)).toBe(false);
      expect(await page.$$eval('#portfolio-table tr', (rows) => rows.length)).toBe(4);
      await page.close();
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('names a missing portfolio in the batch file', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'b.json'), JSON.stringify({ portfolio: 'nowhere' }));
    expect(() => parseBatch(path.join(dir, 'b.json'))).toThrow(/b\.json field 'portfolio': portfolio '.*nowhere' has no portfolio\.json/);
  });
});
