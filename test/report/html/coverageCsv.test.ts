import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticCoverage } from '../../../src/coverage/static.ts';
import { readCoverageCsv } from '../../../src/report/html/coverageCsv.ts';
import { loadScenario } from '../../../src/scenario/load.ts';
import { computeDistanceMatrix } from '../../../src/travel/travelMatrix.ts';
import { FIXTURES } from '../../helpers/fixtures.ts';
import { runResults } from './resultsFixture.ts';

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
