/** The report of a run folder is built from the files the run wrote: coverage.csv, and coverage_after.csv beside plan.json. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportData } from '../../../src/report/html/write.ts';
import { TINY } from '../../compare/tinyPlans.ts';
import { KIOSK_REPAIR, runResults } from './resultsFixture.ts';

describe('the report of a run folder', () => {
  it('reads the state with the plan from coverage_after.csv, and names it when it is missing', async () => {
    const dir = await runResults(TINY, KIOSK_REPAIR);
    expect((await reportData(dir)).states.map((s) => s.label)).toEqual(['today', 'with plan']);
    fs.rmSync(path.join(dir, 'coverage_after.csv'));
    await expect(reportData(dir)).rejects.toThrow(`${path.join(dir, 'coverage_after.csv.gz')}: file not found`);
  });
});
