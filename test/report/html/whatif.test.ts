/**
 * The what-if panel in headless chromium: switching conversions on and off updates the coverage at once,
 * and the all-services share shown is what `compare` computes for the downloaded plan.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompare } from '../../../src/jobs/compare.ts';
import { writeReport } from '../../../src/report/html/write.ts';
import { REPO, tempDir } from '../../helpers/fixtures.ts';
import { CHROMIUM, launch, NO_CHROMIUM, openReport } from './chromium.ts';
import { hostileTiny, KIOSK_REPAIR, runResults } from './resultsFixture.ts';

const shown = (page: Page, id: string) => page.$eval(`[data-testid="${id}"]`, (e) => e.textContent ?? '');

/** compare's all-services share of the plan (comparison.json: residents covered over residents x services), as the page shows it. */
function compareAllServices(doc: Record<string, unknown>, k: number): string {
  const plans = doc.plans as { residentsCovered: Record<string, { all: number }> }[];
  const cov = plans[k].residentsCovered;
  const served = Object.values(cov).reduce((a, r) => a + r.all, 0) / ((doc.residents as number) * Object.keys(cov).length);
  return `${(served * 100).toFixed(1)}%`;
}

describe.skipIf(!CHROMIUM)(CHROMIUM ? 'the what-if panel' : `the what-if panel — ${NO_CHROMIUM}`, () => {
  let browser: Browser;
  let scenario: string;
  let report: string;

  beforeAll(async () => {
    scenario = hostileTiny();
    report = (await writeReport(await runResults(scenario, KIOSK_REPAIR), undefined, { lang: 'en' })).file;
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('after toggles, shows the all-services coverage that compare computes for the downloaded plan', async () => {
    const { page, errors } = await openReport(browser, report);
    // the panel starts from the run's plan: the kiosk as a repair point
    expect(await page.isChecked('[data-testid="whatif-K1-repair"]')).toBe(true);
    const before = await shown(page, 'coverage-all');
    await page.click('[data-testid="whatif-S1-clinic"]');
    const after = await shown(page, 'coverage-all');
    expect(after).not.toBe(before);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#whatif-download')]);
    const dir = tempDir('qh-whatif-');
    const planFile = path.join(dir, 'whatif.json');
    await download.saveAs(planFile);
    const plan = JSON.parse(fs.readFileSync(planFile, 'utf8'));
    expect(plan.conversions).toEqual([{ candidate: 'K1', services: ['repair'] }, { candidate: 'S1', services: ['clinic'] }]);
    const cmp = await runCompare(scenario, [planFile], { out: path.join(dir, 'compare') });
    expect(after).toBe(compareAllServices(cmp.doc, 1));
    expect(before).not.toBe(compareAllServices(cmp.doc, 0));
    // and with nothing switched on, today's share
    await page.click('#whatif-clear');
    expect(await page.isChecked('[data-testid="whatif-K1-repair"]')).toBe(false);
    expect(await shown(page, 'coverage-all')).toBe(compareAllServices(cmp.doc, 0));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses a service that does not fit beside the others, and draws the what-if plan on the map', async () => {
    const { page, errors } = await openReport(browser, report);
    await page.click('[data-testid="whatif-S1-clinic"]');
    await page.click('[data-testid="whatif-S1-grocery"]');
    expect(await page.isChecked('[data-testid="whatif-S1-grocery"]')).toBe(false);
    expect(await page.textContent('#whatif-status')).toMatch(/S1: grocery does not fit \(180 m² needed, 150 m² there\)/);
    await page.selectOption('#select-state', '2');
    // the kiosk from the plan and the shop with its clinic
    expect(await page.$$eval('path.qh-conversion', (p) => p.length)).toBe(2);
    expect(await page.$$eval('.qh-conversion-symbol path', (p) => p.map((x) => x.getAttribute('data-service')).sort())).toEqual(['1', '2']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('agrees with compare on the default scenario after switching spaces on and off', async () => {
    const def = path.join(REPO, 'scenarios/default');
    const planner = JSON.parse(fs.readFileSync(path.join(REPO, 'test/compare/fixtures/default-planner.json'), 'utf8'));
    const file = (await writeReport(await runResults(def, planner), undefined, { lang: 'en' })).file;
    const { page, errors } = await openReport(browser, file);
    const boxes = page.locator('input[data-testid^="whatif-"]');
    for (const k of [3, 120, 400, 700]) await boxes.nth(k).click();
    await page.locator('input[data-testid^="whatif-"]:checked').first().click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#whatif-download')]);
    const dir = tempDir('qh-whatif-');
    await download.saveAs(path.join(dir, 'whatif.json'));
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'whatif.json'), 'utf8')).conversions.length).toBeGreaterThan(3);
    const cmp = await runCompare(def, [path.join(dir, 'whatif.json')], { out: path.join(dir, 'compare') });
    expect(await shown(page, 'coverage-all')).toBe(compareAllServices(cmp.doc, 1));
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
