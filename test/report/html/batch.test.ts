/** The batch report: curves of a metric against the swept budget, one per other swept parameter, with the seeds' spread. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { batchReportData } from '../../../src/report/html/fromBatch.ts';
import { writeReport } from '../../../src/report/html/write.ts';
import { REPO, tempDir } from '../../helpers/fixtures.ts';
import { CHROMIUM, launch, NO_CHROMIUM, openReport } from './chromium.ts';

/** A hand-made runs.csv: 3 budgets x 2 ageing shifts x 2 seeds, one failed run with a hostile error text. */
function batchFolder(): string {
  const dir = path.join(tempDir(), 'sweep');
  fs.mkdirSync(dir);
  const lines = ['run_id,scenario,seed,max_conversions,ageing_shift,status,error,coverage_plan_every_basic,within_plan,seconds'];
  for (const b of [2, 4, 6])
    for (const a of [0, 0.2])
      for (const s of [1, 2]) {
        const failed = b === 6 && a === 0.2 && s === 2;
        lines.push(`town_b${b}_age${a}_s${s},town,${s},${b},${a},${failed ? 'failed' : 'ok'},${failed ? '"<script>alert(1)</script>"' : ''},${failed ? '' : 0.1 * b - a / 2 + s / 100},${failed ? '' : 0.5 + b / 100},1.0`);
      }
  fs.writeFileSync(path.join(dir, 'runs.csv'), `${lines.join('\n')}\n`);
  return dir;
}

describe('batchReportData', () => {
  it('runs the curves along the swept budget and splits them by the other swept parameter, not by seed', async () => {
    const data = await batchReportData(batchFolder());
    expect(data.x).toBe('max_conversions');
    expect(data.seriesBy).toEqual(['ageing_shift']);
    expect(data.metrics.slice(0, 2)).toEqual(['coverage_plan_every_basic', 'within_plan']);
    expect(data.rows.length).toBe(12);
  });
});

describe.skipIf(!CHROMIUM)(CHROMIUM ? 'the batch report in headless chromium' : `the batch report in headless chromium — ${NO_CHROMIUM}`, () => {
  let browser: Browser;
  let file: string;
  beforeAll(async () => {
    file = (await writeReport(batchFolder())).file;
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('draws a mean curve with a min-max band per series, switches metric, and keeps error texts as text', async () => {
    const { page, errors, dialogs } = await openReport(browser, file);
    expect(errors).toEqual([]);
    type ChartGlobal = { Chart: { getChart(c: unknown): { data: { datasets: { label: string; data: { x: number; y: number }[] }[] } } } };
    const datasets = () => page.$eval('#chart-curve', (c) => (globalThis as unknown as ChartGlobal).Chart.getChart(c).data.datasets.map((d) => ({ label: d.label, data: d.data })));
    const ds = await datasets();
    expect(ds.map((d) => d.label)).toEqual(['ageing_shift=0 (max)', 'ageing_shift=0 (min)', 'ageing_shift=0', 'ageing_shift=0.2 (max)', 'ageing_shift=0.2 (min)', 'ageing_shift=0.2']);
    // budget 2, ageing 0: seeds give 0.21 and 0.22, mean 0.215
    expect(ds[2].data[0].x).toBe(2);
    expect(ds[2].data[0].y).toBeCloseTo(0.215, 9);
    expect(ds[1].data[0].y).toBeCloseTo(0.21, 9);
    expect(ds[0].data[0].y).toBeCloseTo(0.22, 9);
    await page.selectOption('#metric', 'within_plan');
    expect((await datasets())[2].data[0].y).toBeCloseTo(0.52, 9);
    expect(await page.$$eval('#run-table tr', (r) => r.length)).toBe(13);
    expect(dialogs).toEqual([]);
    expect(await page.$$eval('#run-table td', (tds) => tds.some((td) => td.textContent === '<script>alert(1)</script>'))).toBe(true);
    fs.mkdirSync(path.join(REPO, 'test-output'), { recursive: true });
    await page.screenshot({ path: path.join(REPO, 'test-output', 'report-batch.png'), fullPage: true });
    await page.close();
  });
});
