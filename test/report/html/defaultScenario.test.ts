/**
 * The acceptance check on the default scenario: `run` (which optimizes and writes plan.json), `compare`
 * with a planner's hand-written plan and the optimized one, then both reports in headless chromium.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readTextFile } from '../../../src/io/readText.ts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../../helpers/fixtures.ts';
import { CHROMIUM, launch, NO_CHROMIUM, openReport } from './chromium.ts';

const PLANNER = path.join(REPO, 'test/compare/fixtures/default-planner.json');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin/quarterhour.js'), ...args], { encoding: 'utf8', cwd: REPO });
  if (r.status !== 0) throw new Error(`quarterhour ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return r.stdout;
}

describe('comparing a planner\'s plan with the optimized plan on the default scenario', () => {
  const work = tempDir('qh-default-');
  const run = path.join(work, 'run');
  const cmp = path.join(work, 'compare');
  let printed = '';

  beforeAll(() => {
    cli('run', 'scenarios/default', '--out', run, '--threads', '2');
    const optimized = path.join(work, 'optimized.json');
    fs.copyFileSync(path.join(run, 'plan.json'), optimized);
    printed = cli('compare', 'scenarios/default', PLANNER, optimized, '--out', cmp);
    cli('report', run);
    cli('report', cmp);
  }, 240_000);

  it('prints and writes the comparison', () => {
    expect(printed).toMatch(/^default-planner\s+4\s+5\s/m);
    expect(printed).toMatch(/Where optimized differs from default-planner/);
    const doc = JSON.parse(fs.readFileSync(path.join(cmp, 'comparison.json'), 'utf8'));
    expect(doc.plans.map((p: { label: string }) => p.label)).toEqual(['today', 'default-planner', 'optimized']);
    const csv = readTextFile(path.join(cmp, 'comparison.csv.gz')).trim().split('\n');
    expect(csv).toHaveLength(1 + 3 * 13 * 7);
  });

  describe.skipIf(!CHROMIUM)(CHROMIUM ? 'in headless chromium' : `in headless chromium — ${NO_CHROMIUM}`, () => {
    let browser: Browser;
    beforeAll(async () => {
      fs.mkdirSync(path.join(REPO, 'test-output'), { recursive: true });
      browser = await launch();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('opens both reports without errors and draws every block, facility and conversion', async () => {
      for (const [dir, conversions] of [[run, undefined], [cmp, 4]] as const) {
        const { page, errors, dialogs } = await openReport(browser, path.join(dir, 'report.html'));
        expect(errors).toEqual([]);
        expect(dialogs).toEqual([]);
        expect(await page.$$eval('path.qh-block', (p) => p.length)).toBe(150);
        expect(await page.$$eval('path.qh-facility', (p) => p.length)).toBe(84);
        const plan = JSON.parse(fs.readFileSync(path.join(run, 'plan.json'), 'utf8')) as { conversions: unknown[] };
        expect(await page.$$eval('path.qh-conversion', (p) => p.length)).toBe(conversions ?? plan.conversions.length);
        await page.screenshot({ path: path.join(REPO, 'test-output', `report-default-${path.basename(dir)}.png`) });
        await page.close();
      }
    });
  });
});
