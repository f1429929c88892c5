/** `locate --model cmclp|clscp|cpmedian --capacities`: spopt's San Francisco instance with capacities, and bad capacity files. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SF_COSTS, haveData } from './fixtures.ts';
import { tempDir } from '../helpers/fixtures.ts';

const have = haveData(SF_COSTS);
function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/quarterhour.js', 'locate', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const SF = ['--costs', SF_COSTS, '--from', 'DestinationName', '--to', 'name', '--cost', 'distance', '--weight', 'demand'];
const STORES = [1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 14, 15, 16, 17, 18, 19];

function capacities(rows: string[]): string {
  const file = path.join(tempDir(), 'sites.csv');
  fs.writeFileSync(file, `site,capacity\n${rows.join('\n')}\n`);
  return file;
}
/** 150,000 + 10,000 x (store number mod 6): below the demand four stores reach, so capacities bind. */
const SF_CAPS = () => capacities(STORES.map((s) => `Store_${s},${150000 + 10000 * (s % 6)}`));

describe.skipIf(!have)('quarterhour locate with capacities', () => {
  it('solves the capacitated MCLP of San Francisco to proven optimality, with the demand assigned to each site within its capacity', () => {
    const r = cli('--model', 'cmclp', ...SF, '--radius', '5000', '--p', '4', '--capacities', SF_CAPS(), '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.model).toBe('cmclp');
    expect(out.status).toBe('optimal');
    expect(out.objective).toBe(759354);
    expect(out.objective).toBeLessThan(875247); // the uncapacitated optimum
    expect(out.selectedIds).toEqual(['Store_3', 'Store_4', 'Store_5', 'Store_16']);
    const served = out.selected.reduce((s: number, j: number) => s + out.siteLoad[j], 0);
    expect(served).toBeCloseTo(759354, 6);
    for (const j of out.selected) expect(out.siteLoad[j]).toBeLessThanOrEqual(out.siteCapacity[j] + 1e-6);
    expect(out.notes.join(' ')).toContain('re-evaluated from scratch: 759354');
  });

  it('prints the assigned demand per site in the text summary, and the MILP with --show-model', () => {
    const r = cli('--model', 'clscp', ...SF, '--radius', '5000', '--capacities', SF_CAPS(), '--show-model');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Minimize/);
    expect(r.stdout).toMatch(/ k\d+:/); // capacity rows
    expect(r.stdout).toContain('clscp on');
    expect(r.stdout).toContain('assigned demand per site (split):');
    expect(r.stdout).toMatch(/objective 8, bound 8/);
  });

  it.each([
    [['Store_1,lots'], "row 2 field 'capacity': capacity is 'lots', expected a number >= 0"],
    [['Store_1,-5'], "row 2 field 'capacity'"],
    [['Store_99,5'], "row 2 field 'site': site 'Store_99' is not a site of the cost table"],
    [['Store_1,5', 'Store_1,6'], "row 3 field 'site': site 'Store_1' is listed twice"],
    [['Store_1,5'], "field 'site': has no capacity for 15 site(s) of the cost table, e.g. 'Store_2'; add them or give --default-capacity"],
  ])('exits 2 with one line naming the file, row and field for %j', (rows, message) => {
    const file = capacities(rows);
    const r = cli('--model', 'cmclp', ...SF, '--radius', '5000', '--p', '4', '--capacities', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file} ${message}`);
    expect(r.stdout).toBe('');
  });

  it('gives the unlisted sites --default-capacity, and refuses a model without --capacities or a solver it has not', () => {
    const ok = cli('--model', 'cpmedian', ...SF, '--p', '6', '--capacities', capacities(['Store_1,1000']), '--default-capacity', '200000', '--solver', 'greedy');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('cpmedian on');
    expect(cli('--model', 'cmclp', ...SF, '--radius', '5000', '--p', '4').stderr).toContain('--capacities <csv> is required for cmclp');
    expect(cli('--model', 'cmclp', ...SF, '--radius', '5000', '--p', '4', '--capacities', SF_CAPS(), '--solver', 'local').code).toBe(2);
  });
});
