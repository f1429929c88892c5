/** The Chinese report (--lang zh) in headless chromium: no console errors, Chinese service names, headings and legends, and a screenshot. */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../../src/report/html/write.ts';
import { REPO } from '../../helpers/fixtures.ts';
import { CHROMIUM, launch, NO_CHROMIUM, openReport } from './chromium.ts';
import { runResults } from './resultsFixture.ts';

const SCREENSHOT = path.join(REPO, 'test-output', 'report-zh.png');

describe.skipIf(!CHROMIUM)(CHROMIUM ? 'the Chinese report' : `the Chinese report — ${NO_CHROMIUM}`, () => {
  let browser: Browser;
  let report: string;

  beforeAll(async () => {
    const planner = JSON.parse(fs.readFileSync(path.join(REPO, 'test/compare/fixtures/default-planner.json'), 'utf8'));
    report = (await writeReport(await runResults(path.join(REPO, 'scenarios/default'), planner), undefined, { lang: 'zh' })).file;
    browser = await launch();
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('names services, age bands and headings in Chinese, without console errors, and keeps a screenshot', async () => {
    const { page, errors } = await openReport(browser, report);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.$$eval('h2', (h) => h.filter((x) => !x.closest('[hidden]')).map((x) => x.textContent))).toEqual(['地图', '覆盖率', '规划方案', '方案说明', '情景推演']);
    const services = await page.$$eval('#select-service option', (o) => o.map((x) => x.textContent ?? ''));
    for (const name of ['菜市场（生鲜）', '早餐店', '老年食堂（助餐点）', '社区卫生服务站']) expect(services.some((s) => s.startsWith(name))).toBe(true);
    expect(await page.$$eval('#select-band option', (o) => o.map((x) => x.textContent))).toContain('75岁及以上');
    const plan = await page.textContent('#plan-table-1');
    expect(plan).toContain('老年食堂（助餐点）');
    expect(plan).toContain('费用（元）');
    expect(await page.textContent('#whatif-coverage')).toContain('全部服务');
    expect(await page.textContent('#legend')).toContain('街区圆点大小：居民数');
    await page.hover('path.qh-block >> nth=40', { force: true });
    await page.waitForSelector('.leaflet-tooltip');
    expect(await page.textContent('.leaflet-tooltip')).toMatch(/位居民/);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
