/** The block tooltip in headless chromium: one line per fact, never one word per line, and always inside the map. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../../src/report/html/write.ts';
import { copyScenario, editFile } from '../../helpers/fixtures.ts';
import { CHROMIUM, launch, NO_CHROMIUM, openReport } from './chromium.ts';
import { KIOSK_REPAIR, runResults } from './resultsFixture.ts';

describe.skipIf(!CHROMIUM)(CHROMIUM ? 'the block tooltip' : `the block tooltip — ${NO_CHROMIUM}`, () => {
  let browser: Browser;
  let report: string;

  beforeAll(async () => {
    // block B moved 2.2 km south: the lowest point of the map, drawn near its bottom edge
    const dir = copyScenario('tiny');
    editFile(dir, 'blocks.csv', 'B,Middle,0.0053959,0,', 'B,Middle with a long name for the tooltip,0.0053959,-0.02,');
    report = (await writeReport(await runResults(dir, KIOSK_REPAIR), undefined, { lang: 'en' })).file;
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('keeps each line on one line and the whole tooltip inside the map at its bottom edge', async () => {
    const { page, errors } = await openReport(browser, report);
    const box = (await page.$$('path.qh-block'))[1];
    await box.hover({ force: true });
    await page.waitForSelector('.leaflet-tooltip');
    // the rows each line of the tooltip takes on screen (a Range gives one client rect per wrapped row)
    const lines = (await page.evaluate(`Array.from(document.querySelectorAll('.leaflet-tooltip div > *'))
      .filter((e) => e.textContent !== '')
      .map((e) => { const r = document.createRange(); r.selectNodeContents(e); return { text: e.textContent, rows: new Set(Array.from(r.getClientRects(), (x) => Math.round(x.top))).size }; })`)) as { text: string; rows: number }[];
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const l of lines) expect(l, `'${l.text}' wraps`).toMatchObject({ rows: 1 });
    type Box = { top: number; bottom: number; left: number; right: number };
    const tip = (await page.$eval('.leaflet-tooltip', (t) => t.getBoundingClientRect().toJSON())) as Box;
    const map = (await page.$eval('#map', (m) => m.getBoundingClientRect().toJSON())) as Box;
    expect(tip.bottom).toBeLessThanOrEqual(map.bottom);
    expect(tip.top).toBeGreaterThanOrEqual(map.top);
    expect(tip.left).toBeGreaterThanOrEqual(map.left);
    expect(tip.right).toBeLessThanOrEqual(map.right);
    expect(errors).toEqual([]);
    await page.close();
  });
});
