/** The report of a compare folder is built from what compare wrote: no matrix and no comparison is computed again. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePlans } from '../../../src/compare/compare.ts';
import { runCompare } from '../../../src/jobs/compare.ts';
import { readPlan } from '../../../src/plan/io.ts';
import { cellCovered, cellMinutes } from '../../../src/report/html/cells.ts';
import { reportData } from '../../../src/report/html/write.ts';
import { loadScenario } from '../../../src/scenario/load.ts';
import { computeDistanceMatrix } from '../../../src/travel/travelMatrix.ts';
import { tempDir } from '../../helpers/fixtures.ts';
import { P1, P2, TINY, writePlans } from '../../compare/tinyPlans.ts';

/** `format` csv for the tests that edit the files; the first reads the default compact ones. */
async function comparison(format: 'csv' | 'csv.gz' = 'csv'): Promise<{ dir: string; file: string; doc: Record<string, any>; plans: string[] }> {
  const plans = writePlans({ P1, P2 });
  const { outDir } = await runCompare(TINY, plans, { out: path.join(tempDir(), 'compare'), format });
  const file = path.join(outDir, 'comparison.json');
  return { dir: outDir, file, doc: JSON.parse(fs.readFileSync(file, 'utf8')), plans };
}

describe('the report of a compare folder', () => {
  it('shows every state cell by cell as the comparison found it, with its changes and differences', async () => {
    const { dir, doc, plans } = await comparison('csv.gz');
    expect(fs.existsSync(path.join(dir, 'comparison_coverage.csv.gz'))).toBe(true);
    const data = await reportData(dir);
    const sc = await loadScenario(TINY);
    const cmp = comparePlans(sc, await computeDistanceMatrix(sc), plans.map((file, k) => ({ label: ['P1', 'P2'][k], file, plan: readPlan(file, sc) })));
    expect(data.states.map((s) => s.label)).toEqual(['today', 'P1', 'P2']);
    data.states.forEach((s, k) => {
      expect(s.covered).toBe(cellCovered(cmp.plans[k].table));
      expect(s.minutes).toEqual(cellMinutes(cmp.plans[k].table));
      expect(s.byService.repair).toBe(doc.plans[k].coverage.byService.repair.all);
    });
    expect(data.states[1].conversions.map((c) => c.candidate)).toEqual(['K1']);
    expect(data.changes).toEqual(doc.changes);
    expect(data.differences).toEqual(doc.differences);
  });

  it('takes the cells and the changes from the files rather than computing them again', async () => {
    const { dir, file, doc } = await comparison();
    const cells = path.join(dir, 'comparison_coverage.csv');
    const lines = fs.readFileSync(cells, 'utf8').split('\n');
    const header = lines[0].split(',');
    const row = lines.findIndex((l) => l.startsWith('P1,'));
    const cols = lines[row].split(',');
    cols[header.indexOf('covered')] = cols[header.indexOf('covered')] === '1' ? '0' : '1';
    const flipped = cols[header.indexOf('covered')];
    lines[row] = cols.join(',');
    fs.writeFileSync(cells, lines.join('\n'));
    doc.changes[0].byService.repair.gained = 4242;
    fs.writeFileSync(file, JSON.stringify(doc));
    const data = await reportData(dir);
    expect(data.states[1].covered[0]).toBe(flipped);
    expect(data.changes[0].byService.repair.gained).toBe(4242);
  });

  it('names comparison.json and the field when a state lacks its plan label', async () => {
    const { dir, file, doc } = await comparison();
    delete doc.plans[2].label;
    fs.writeFileSync(file, JSON.stringify(doc));
    await expect(reportData(dir)).rejects.toThrow(`${file} field 'plans[2].label': expected a plan with a label`);
  });

  it('names comparison_coverage.csv, the row and the field when a state is unknown or a cell is missing', async () => {
    const { dir } = await comparison();
    const cells = path.join(dir, 'comparison_coverage.csv');
    const text = fs.readFileSync(cells, 'utf8');
    fs.writeFileSync(cells, text.replace(/\nP2,/, '\nP9,'));
    await expect(reportData(dir)).rejects.toThrow(`${cells} row`);
    await expect(reportData(dir)).rejects.toThrow(/field 'state': unknown state 'P9'/);
    fs.writeFileSync(cells, text.split('\n').filter((l) => !l.startsWith('P2,')).join('\n'));
    await expect(reportData(dir)).rejects.toThrow(`${cells} field 'state': no rows for state 'P2'`);
  });
});
