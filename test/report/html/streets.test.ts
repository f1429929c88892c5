/** An OSM scenario's report draws its walking network under the blocks (Monaco, from ../shared/data). */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOsmToFolder } from '../../../src/osm/importScenario.ts';
import { writeReport } from '../../../src/report/html/write.ts';
import { haveData, MONACO_PBF } from '../../fixtures/network/sharedData.ts';
import { REPO, tempDir } from '../../helpers/fixtures.ts';
import { CHROMIUM, launch, NO_CHROMIUM, openReport } from './chromium.ts';
import { runResults } from './resultsFixture.ts';

const ready = CHROMIUM !== undefined && haveData(MONACO_PBF);

describe.skipIf(!ready)(CHROMIUM ? 'streets on the map of an OSM scenario' : `streets on the map of an OSM scenario — ${NO_CHROMIUM}`, () => {
  let browser: Browser;
  let report: string;

  beforeAll(async () => {
    const dir = path.join(tempDir('qh-monaco-'), 'monaco');
    await importOsmToFolder(MONACO_PBF, dir, {});
    report = (await writeReport(await runResults(dir), undefined, { lang: 'en' })).file;
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('draws the street lines on a pane under the blocks, with a scale bar and no console errors', async () => {
    const { page, errors } = await openReport(browser, report);
    expect(errors).toEqual([]);
    expect(await page.$$eval('path.qh-streets', (p) => p.length)).toBe(1);
    const segments = await page.$eval('path.qh-streets', (p) => (p.getAttribute('d') ?? '').split('M').length - 1);
    expect(segments).toBeGreaterThan(500);
    const z = (pane: string) => page.evaluate(`Number(getComputedStyle(document.querySelector('.leaflet-${pane}-pane')).zIndex)`) as Promise<number>;
    expect(await z('streets')).toBeLessThan(await z('overlay'));
    expect(await page.$$eval('.leaflet-overlay-pane path.qh-block', (p) => p.length)).toBeGreaterThan(1000);
    expect(await page.isVisible('.leaflet-control-scale')).toBe(true);
    expect(await page.textContent('#legend')).toMatch(/walking network \([\d.,]+ km\)/);
    await page.screenshot({ path: path.join(REPO, 'test-output', 'report-monaco-streets.png') });
    await page.close();
  });
});
