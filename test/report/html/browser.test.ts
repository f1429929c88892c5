/** The HTML report in a real headless browser: loads cleanly, draws what it should, toggles work, names stay text. */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompare } from '../../../src/jobs/compare.ts';
import { writeReport } from '../../../src/report/html/write.ts';
import { REPO, tempDir } from '../../helpers/fixtures.ts';
import { CHROMIUM, launch, NO_CHROMIUM, openReport } from './chromium.ts';
import { hostileTiny, KIOSK_REPAIR, polygonTiny, runResults, SCRIPT_NAME } from './resultsFixture.ts';

const SCREENSHOTS = path.join(REPO, 'test-output');

if (!CHROMIUM) process.stderr.write(`\n${NO_CHROMIUM}\n\n`);

const fills = (page: Page) => page.$$eval('path.qh-block', (ps) => ps.map((p) => p.getAttribute('fill')));
const count = (page: Page, cls: string) => page.$$eval(`path.${cls}`, (ps) => ps.length);
/** The dataset labels of the Chart.js chart drawn on a canvas. */
type ChartGlobal = { Chart: { getChart(c: unknown): { data: { datasets: { label: string }[] } } } };
const chartSeries = (page: Page, id: string) => page.$eval(`#${id}`, (c) => (globalThis as unknown as ChartGlobal).Chart.getChart(c).data.datasets.map((d) => d.label));

describe.skipIf(!CHROMIUM)(CHROMIUM ? 'the HTML report in headless chromium' : `the HTML report in headless chromium — ${NO_CHROMIUM}`, () => {
  let browser: Browser;
  let runReport: string;
  let todayReport: string;
  let compareReport: string;
  let polygonReport: string;

  beforeAll(async () => {
    const scenario = hostileTiny();
    runReport = (await writeReport(await runResults(scenario, KIOSK_REPAIR))).file;
    todayReport = (await writeReport(await runResults(scenario))).file;
    polygonReport = (await writeReport(await runResults(polygonTiny(), KIOSK_REPAIR))).file;
    const plans = tempDir('qh-plans-');
    fs.writeFileSync(path.join(plans, 'kiosk.json'), JSON.stringify(KIOSK_REPAIR));
    fs.writeFileSync(path.join(plans, 'shop.json'), JSON.stringify({ conversions: [{ candidate: 'S1', services: ['grocery'] }] }));
    const cmp = await runCompare(scenario, [path.join(plans, 'kiosk.json'), path.join(plans, 'shop.json')], { out: path.join(tempDir(), 'compare') });
    compareReport = (await writeReport(cmp.outDir)).file;
    browser = await launch();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('loads a run report with a plan without console errors or network requests, and keeps a screenshot', async () => {
    const { page, errors } = await openReport(browser, runReport);
    expect(errors).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-run.png'), fullPage: true });
    await page.close();
  });

  it('draws one feature per block and facility, and the plan with its walking radius', async () => {
    const { page } = await openReport(browser, runReport);
    expect(await count(page, 'qh-block')).toBe(3);
    expect(await count(page, 'qh-facility')).toBe(2);
    expect(await count(page, 'qh-conversion')).toBe(1);
    expect(await count(page, 'qh-isochrone')).toBe(1);
    await page.selectOption('#select-state', '0');
    expect(await count(page, 'qh-conversion')).toBe(0);
    await page.close();
  });

  it('recolours blocks when another service or age band is chosen', async () => {
    const { page } = await openReport(browser, runReport);
    const all = await fills(page);
    await page.selectOption('#select-service', 'grocery');
    const grocery = await fills(page);
    // groceries at A and C: both fully covered (green); B's 60+ are not
    expect(grocery[0]).toBe('hsl(120, 70%, 45%)');
    expect(grocery).not.toEqual(all);
    await page.selectOption('#select-band', '75+');
    const old = await fills(page);
    // only block B has residents aged 75+; A and C turn grey
    expect(old[0]).toBe(old[2]);
    expect(old[1]).toBe('hsl(0, 70%, 45%)');
    expect(old).not.toEqual(grocery);
    await page.close();
  });

  it('shows names with markup as text: no dialog, no injected element', async () => {
    const { page, dialogs } = await openReport(browser, runReport);
    const cells = await page.$$eval('#plan-tables td', (tds) => tds.map((td) => td.textContent));
    expect(cells).toContain(SCRIPT_NAME);
    expect(await page.$$eval('script', (s) => s.length)).toBe(4);
    expect(await page.$$eval('img', (s) => s.length)).toBe(0);
    await page.hover('path.qh-facility >> nth=0', { force: true });
    await page.waitForSelector('.leaflet-tooltip');
    const tip = await page.$eval('.leaflet-tooltip', (t) => t.textContent);
    expect(tip).toContain(SCRIPT_NAME);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it('shows coverage today only when the folder has no plan', async () => {
    const { page, errors } = await openReport(browser, todayReport);
    expect(errors).toEqual([]);
    expect(await count(page, 'qh-conversion')).toBe(0);
    // today, and the what-if plan of the panel (empty until a space is switched on)
    expect(await page.$$eval('#select-state option', (o) => o.map((x) => x.value))).toEqual(['0', '1']);
    expect(await chartSeries(page, 'chart-bands')).toEqual(['today']);
    await page.close();
  });

  it('draws block outlines when the scenario gives polygons', async () => {
    const { page, errors } = await openReport(browser, polygonReport);
    expect(errors).toEqual([]);
    expect(await count(page, 'qh-block')).toBe(3);
    // a closed square: move, three lines and close, in Leaflet's SVG path syntax
    const d = await page.$eval('path.qh-block', (p) => p.getAttribute('d') ?? '');
    expect(d).toMatch(/^M[\d.-]+ [\d.-]+(L[\d.-]+ [\d.-]+){3}z$/);
    await page.close();
  });

  it('shows compared plans side by side with their differences', async () => {
    const { page, errors, dialogs } = await openReport(browser, compareReport);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(await page.$$eval('#select-state option', (o) => o.map((x) => x.textContent))).toEqual(['today', 'kiosk (plan)', 'shop (plan)']);
    expect(await chartSeries(page, 'chart-services')).toEqual(['today', 'kiosk', 'shop']);
    expect(await chartSeries(page, 'chart-bands')).toEqual(['today', 'kiosk', 'shop']);
    expect(await count(page, 'qh-conversion')).toBe(1);
    await page.selectOption('#select-state', '2');
    expect(await count(page, 'qh-conversion')).toBe(1);
    const diff = await page.$eval('#difference-tables', (d) => d.textContent ?? '');
    expect(diff).toContain('shop vs kiosk');
    expect(diff).toContain(SCRIPT_NAME);
    expect(await page.isVisible('#differences')).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-compare.png'), fullPage: true });
    await page.close();
  });
});
