/** The report of a run folder is built from the files the run wrote: coverage.csv (with the plan's columns beside today's) and plan.json. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportData } from '../../../src/report/html/write.ts';
import { TINY } from '../../compare/tinyPlans.ts';
import { KIOSK_REPAIR, runResults } from './resultsFixture.ts';

describe('the report of a run folder', () => {
  it("reads the state with the plan from coverage.csv's plan columns, and names them when they are missing", async () => {
    const dir = await runResults(TINY, KIOSK_REPAIR);
    expect((await reportData(dir)).states.map((s) => s.label)).toEqual(['today', 'with plan']);
    const today = await runResults(TINY);
    fs.copyFileSync(path.join(dir, 'plan.json'), path.join(today, 'plan.json'));
    await expect(reportData(today)).rejects.toThrow(`${path.join(today, 'coverage.csv')}: has no columns 'nearest_min_plan' and 'covered_plan' (nor is coverage_after.csv.gz beside it)`);
  });

  it('still reports a folder written before the merge, with the plan state in coverage_after.csv', async () => {
    const merged = await reportData(await runResults(TINY, KIOSK_REPAIR));
    const legacy = await reportData(await runResults(TINY, KIOSK_REPAIR, { legacy: true }));
    expect(legacy.states.map((s) => s.label)).toEqual(['today', 'with plan']);
    expect(JSON.stringify(legacy.states)).toBe(JSON.stringify(merged.states));
  });

  it('reports today only when plan.json is absent, whatever coverage.csv holds', async () => {
    const dir = await runResults(TINY, KIOSK_REPAIR);
    fs.rmSync(path.join(dir, 'plan.json'));
    expect((await reportData(dir)).states.map((s) => s.label)).toEqual(['today']);
  });
});
