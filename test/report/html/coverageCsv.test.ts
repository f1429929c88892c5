import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticCoverage } from '../../../src/coverage/static.ts';
import { readCoverageCsv, readRunCoverageCsv } from '../../../src/report/html/coverageCsv.ts';
import { parsePlan } from '../../../src/plan/io.ts';
import { loadScenario } from '../../../src/scenario/load.ts';
import { computeDistanceMatrix } from '../../../src/travel/travelMatrix.ts';
import { FIXTURES } from '../../helpers/fixtures.ts';
import { KIOSK_REPAIR, runResults } from './resultsFixture.ts';

const TINY = path.join(FIXTURES, 'scenarios', 'tiny');

describe("reading a run's coverage.csv back", () => {
  it('gives the covered flags and residents of the coverage table it was written from', async () => {
    const sc = await loadScenario(TINY);
    const table = staticCoverage(sc, await computeDistanceMatrix(sc)).table;
    const back = await readCoverageCsv(path.join(await runResults(TINY), 'coverage.csv'), sc);
    expect(Array.from(back.covered)).toEqual(Array.from(table.covered));
    expect(Array.from(back.residents)).toEqual(Array.from(table.residents));
    expect(Array.from(back.minutes, (m) => (Number.isFinite(m) ? Math.round(m) : -1))).toEqual(Array.from(table.minutes, (m) => (Number.isFinite(m) ? Math.round(m) : -1)));
  });

  it("gives today's table and the plan's from one table with the plan's columns", async () => {
    const sc = await loadScenario(TINY);
    const matrix = await computeDistanceMatrix(sc);
    const today = staticCoverage(sc, matrix).table;
    const plan = staticCoverage(sc, matrix, parsePlan(KIOSK_REPAIR, 'plan', sc)).table;
    const back = await readRunCoverageCsv(path.join(await runResults(TINY, KIOSK_REPAIR), 'coverage.csv'), sc);
    const minutes = (m: Float64Array) => Array.from(m, (x) => (Number.isFinite(x) ? Math.round(x) : -1));
    expect(Array.from(back.today.covered)).toEqual(Array.from(today.covered));
    expect(Array.from(back.plan!.covered)).toEqual(Array.from(plan.covered));
    expect(Array.from(back.plan!.covered)).not.toEqual(Array.from(today.covered));
    expect(minutes(back.plan!.minutes)).toEqual(minutes(plan.minutes));
    expect(Array.from(back.plan!.residents)).toEqual(Array.from(plan.residents));
    expect((await readRunCoverageCsv(path.join(await runResults(TINY), 'coverage.csv'), sc)).plan).toBeNull();
  });

  it("names the plan's column that is missing when only one of them is there", async () => {
    const sc = await loadScenario(TINY);
    const file = path.join(await runResults(TINY, KIOSK_REPAIR), 'coverage.csv');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(',covered_plan\n', ',covered_later\n'));
    await expect(readRunCoverageCsv(file, sc)).rejects.toThrow(`${file} row 1: missing column 'covered_plan'`);
  });

  it('names the row and field of an unknown block', async () => {
    const sc = await loadScenario(TINY);
    const file = path.join(await runResults(TINY), 'coverage.csv');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines[3] = lines[3].replace(/^A,/, 'Z,');
    fs.writeFileSync(file, lines.join('\n'));
    await expect(readCoverageCsv(file, sc)).rejects.toThrow(`${file} row 4 field 'block': unknown block 'Z'`);
  });

  it('says how many rows are missing', async () => {
    const sc = await loadScenario(TINY);
    const file = path.join(await runResults(TINY), 'coverage.csv');
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    fs.writeFileSync(file, `${lines.slice(0, -2).join('\n')}\n`);
    await expect(readCoverageCsv(file, sc)).rejects.toThrow('2 of 54 block x service x age band rows are missing');
  });
});
