/**
 * What a planner reads beside the map, in headless chromium: the run's warnings, why the plan is what
 * it is (plan.json's explanation), one symbol per service, the circle-size legend, and a plan-table row
 * that zooms the map to its space.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../../src/report/html/write.ts';
import { CHROMIUM, launch, NO_CHROMIUM, openReport } from './chromium.ts';
import { hostileTiny, runResults } from './resultsFixture.ts';

/** The text of each cell of a table, row by row. */
const cells = (page: Page, id: string) => page.evaluate(`Array.from(document.querySelectorAll('#${id} tr'), (r) => Array.from(r.children, (c) => c.textContent))`) as Promise<string[][]>;

const OVERLOAD = 'capacity: shadow prices did not converge in 20 passes; 2 sites still over capacity, worst F2 (repair) at 180% of 50 visits/day';
const SHORTFALL = 'idle spaces: the OSM extract gives 3 idle spaces for 13 services';

/** An explanation block as src/plan/explanation.ts and /work/notes/explanation-contract.md describe it. */
const EXPLANATION = {
  solver: { name: 'auto', status: 'optimal', objective: 812.5, bound: 812.5, gap: 0, provenOptimal: true },
  objective: { totalWeight: 1000, preCoveredWeight: 700, addedByPlan: 112.5, uncoverableWeight: 10, note: 'objective 812.5 = 700 covered by existing facilities + 112.5 added by the plan' },
  margins: [
    { candidate: 'K1', service: 'repair', residents: 150, residentsByBand: { '0-5': 10, '6-17': 20, '18-34': 30, '35-59': 40, '60-74': 30, '75+': 20 }, weightedDemand: 60.5, cost: 30000 },
    { candidate: 'S1', service: 'grocery', residents: 40.4, residentsByBand: { '0-5': 4, '6-17': 6, '18-34': 10, '35-59': 10, '60-74': 6, '75+': 4.4 }, weightedDemand: 52, cost: 360000 },
  ],
  constraints: [
    { name: 'max_conversions', service: null, used: 2, limit: 2, binding: true, shadowValue: 31.5, step: 'one more conversion', note: 'both allowed conversions are used' },
    { name: 'max_cost', service: null, used: 390000, limit: null, binding: false, shadowValue: null, step: null, note: 'no limit' },
    // bracketed (a city-scale re-solve, not solved exactly)
    { name: 'min_count', service: 'repair', used: 1, limit: 1, binding: true, shadowValue: null, shadowRange: { low: 0, high: 12.25 }, step: 'dropping every minimum count', note: 'bracketed' },
  ],
  uncovered: [{ service: 'clinic', reason: 'not_worth_it_under_budget', uncoveredWeight: 40, bestOptionWeight: 12, detail: 'the best clinic conversion would add 12.0, less than the plan\'s smallest margin (52.0)' }],
};

describe.skipIf(!CHROMIUM)(CHROMIUM ? 'the report for a planner' : `the report for a planner — ${NO_CHROMIUM}`, () => {
  let browser: Browser;
  let report: string;
  let reportZh: string;

  beforeAll(async () => {
    const dir = await runResults(hostileTiny(), { conversions: [{ candidate: 'K1', services: ['repair'] }, { candidate: 'S1', services: ['grocery'] }] });
    const summary = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8'));
    fs.writeFileSync(path.join(dir, 'summary.json'), JSON.stringify({ ...summary, warnings: [OVERLOAD, SHORTFALL] }));
    const plan = JSON.parse(fs.readFileSync(path.join(dir, 'plan.json'), 'utf8'));
    fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify({ ...plan, explanation: EXPLANATION }));
    report = (await writeReport(dir, undefined, { lang: 'en' })).file;
    reportZh = (await writeReport(dir, path.join(dir, 'report-zh.html'), { lang: 'zh' })).file;
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows every warning of summary.json and explains the plan', async () => {
    const { page, errors } = await openReport(browser, report);
    expect(await page.isVisible('#warnings')).toBe(true);
    expect(await page.$$eval('#warning-list li', (li) => li.map((x) => x.textContent))).toEqual([OVERLOAD, SHORTFALL]);
    expect(await page.textContent('#explanation-solver')).toBe('Solver auto: optimal, objective 812.5, bound 812.5, gap 0.000% (proven optimal)');
    const margins = await cells(page, 'explanation-margins');
    expect(margins[0]).toEqual(['space', 'service', 'residents gaining', '0-5', '6-17', '18-34', '35-59', '60-74', '75+', 'weighted demand', 'cost (CNY)']);
    expect(margins[1]).toEqual(['K1', 'repair', '150', '10', '20', '30', '40', '30', '20', '60.5', '30,000']);
    const constraints = await cells(page, 'explanation-constraints');
    expect(constraints[1]).toEqual(['maximum conversions', '2', '2', 'yes', '31.5 per one more conversion', 'both allowed conversions are used']);
    expect(constraints[2][4]).toBe('not measured');
    expect(constraints[3][4]).toBe('0–12.3 per dropping every minimum count');
    expect(await page.textContent('#explanation-uncovered')).toContain('not worth it under the budget');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws a symbol per service, a legend for circle size, and zooms to a space from its plan-table row', async () => {
    const { page, errors } = await openReport(browser, report);
    const symbols = await page.$$eval('.qh-conversion-symbol path', (p) => p.map((x) => x.getAttribute('d')));
    expect(symbols).toHaveLength(2);
    expect(symbols[0]).not.toBe(symbols[1]);
    expect(await page.$$eval('#legend-symbols .legend-symbol', (s) => s.map((x) => x.textContent))).toEqual(['grocery', 'repair']);
    expect(await page.$$eval('#legend-size circle', (c) => c.length)).toBe(3);
    expect(await page.textContent('#legend-size')).toContain('300');
    const zoom = () => page.evaluate('quarterhourReport.map.getZoom()') as Promise<number>;
    const before = await zoom();
    await page.click('#plan-table-1 tr:nth-child(3)');
    // Leaflet animates the zoom: wait for it to land (at most 5 s) before reading it
    await page.waitForFunction((b) => (globalThis as unknown as { quarterhourReport: { map: { getZoom(): number } } }).quarterhourReport.map.getZoom() > b, before, { timeout: 5000 }).catch(() => undefined);
    expect(await zoom()).toBeGreaterThan(before);
    const centre = (await page.evaluate('quarterhourReport.map.getCenter()')) as { lat: number; lng: number };
    // S1 is at (0.0053959, 0.001)
    expect(centre.lng).toBeCloseTo(0.0053959, 5);
    expect(centre.lat).toBeCloseTo(0.001, 5);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('explains the plan and shows the warnings in Chinese', async () => {
    const { page, errors } = await openReport(browser, reportZh);
    expect(await page.textContent('#warnings h2')).toBe('警告');
    const constraints = await cells(page, 'explanation-constraints');
    expect(constraints[1]).toEqual(['最多改造数', '2', '2', '是', '31.5（每多一项改造）', 'both allowed conversions are used']);
    expect(constraints[3][4]).toBe('0–12.3（每取消全部最少数量要求）');
    const uncovered = await cells(page, 'explanation-uncovered');
    expect(uncovered[1]).toEqual(['社区卫生服务站', '在预算内不划算', '未覆盖的加权需求 40；最佳改造可增加 12']);
    expect(errors).toEqual([]);
    await page.close();
  });
});
