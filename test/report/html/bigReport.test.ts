/**
 * A big report in headless chromium: a generated scenario of 2,400 blocks (past COMPACT_BLOCKS) is
 * written in the compact form (gzipped data, columns and typed arrays) and drawn on one canvas, without
 * console errors; a block's tooltip shows under the pointer, and the what-if panel still gives compare's
 * all-services share.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticCoverage } from '../../../src/coverage/static.ts';
import { COMPACT_BLOCKS } from '../../../src/report/html/compact.ts';
import { writeReport } from '../../../src/report/html/write.ts';
import { generateCity } from '../../../src/scenario/generate.ts';
import { loadScenario } from '../../../src/scenario/load.ts';
import type { Scenario } from '../../../src/scenario/types.ts';
import { writeScenario } from '../../../src/scenario/write.ts';
import { computeDistanceMatrix } from '../../../src/travel/travelMatrix.ts';
import { tempDir } from '../../helpers/fixtures.ts';
import { CHROMIUM, launch, NO_CHROMIUM, openReport } from './chromium.ts';
import { runResults } from './resultsFixture.ts';

describe.skipIf(!CHROMIUM)(CHROMIUM ? 'a big report' : `a big report — ${NO_CHROMIUM}`, () => {
  let browser: Browser;
  let sc: Scenario;
  let file: string;
  let bytes: number;

  beforeAll(async () => {
    const dir = path.join(tempDir('qh-big-'), 'city');
    await writeScenario(dir, await generateCity({ residents: 960_000, seed: 7 }));
    sc = await loadScenario(dir);
    const r = await writeReport(await runResults(dir), undefined, { lang: 'en' });
    file = r.file;
    bytes = r.bytes;
    browser = await launch();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('embeds the compact form: gzipped data, no JSON object per block', () => {
    expect(sc.blocks.count).toBeGreaterThan(COMPACT_BLOCKS);
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain('id="report-data-gz"');
    expect(html).not.toContain('<script type="application/json" id="report-data">');
    expect(html).not.toContain(`"id":"${sc.blocks.ids[0]}"`);
    expect(bytes).toBeLessThan(1.5 * 2 ** 20);
  });

  it('draws every block on one canvas without console errors, with a tooltip under the pointer', async () => {
    const { page, errors } = await openReport(browser, file);
    try {
      const info = await page.evaluate(`(() => {
        const r = window.quarterhourReport;
        return { compact: r.compact, renderer: r.renderer, blocks: r.blocks, svgBlocks: document.querySelectorAll('path.qh-block').length, canvases: document.querySelectorAll('canvas.qh-canvas').length };
      })()`);
      expect(info).toEqual({ compact: true, renderer: 'canvas', blocks: sc.blocks.count, svgBlocks: 0, canvases: 1 });
      // the canvas has coloured pixels where a block is
      const i = Math.floor(sc.blocks.count / 2);
      // where block i is on the map, and the canvas pixel there
      const at = (await page.evaluate(`(() => {
        const p = window.quarterhourReport.map.latLngToContainerPoint([${sc.blocks.lat[i]}, ${sc.blocks.lon[i]}]);
        const c = document.querySelector('canvas.qh-canvas');
        const px = c.getContext('2d').getImageData(Math.round(p.x * (c.width / c.clientWidth)), Math.round(p.y * (c.height / c.clientHeight)), 1, 1).data;
        return { x: p.x, y: p.y, alpha: px[3] };
      })()`)) as { x: number; y: number; alpha: number };
      expect(at.alpha).toBeGreaterThan(0);
      const box = (await page.locator('#map').boundingBox())!;
      await page.mouse.move(box.x + at.x, box.y + at.y);
      const tip = page.locator('.leaflet-tooltip');
      await tip.waitFor({ timeout: 5000 });
      expect(await tip.textContent()).toMatch(/residents/);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('keeps the what-if panel: a conversion switched on gives the engine\'s all-services share', async () => {
    const { page, errors } = await openReport(browser, file);
    try {
      // the first space that fits a grocery, shown in the table's first rows
      const s = sc.serviceIndex.get('grocery')!;
      const cd = sc.candidates;
      let c = 0;
      while (!Array.from(cd.allowedIndex.subarray(cd.allowedOffsets[c], cd.allowedOffsets[c + 1])).includes(s)) c++;
      expect(await page.locator('#whatif-spaces tr').count()).toBeLessThanOrEqual(201);
      await page.locator(`[data-testid="whatif-${cd.ids[c]}-grocery"]`).check();
      const shown = await page.locator('[data-testid="coverage-all"]').textContent();
      const engine = staticCoverage(sc, await computeDistanceMatrix(sc), { conversions: [{ candidateIndex: c, serviceIndices: [s] }] });
      let served = 0;
      for (let k = 0; k < engine.table.covered.length; k++) if (engine.table.covered[k]) served += engine.table.residents[k];
      const residents = sc.blocks.population.reduce((a, v) => a + v, 0);
      expect(shown).toBe(`${((served / (residents * sc.services.length)) * 100).toFixed(1)}%`);
      // the map's what-if state redraws on the canvas
      await page.selectOption('#select-state', '1');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
