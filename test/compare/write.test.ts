import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePlans } from '../../src/compare/compare.ts';
import { writeComparison } from '../../src/compare/write.ts';
import { readTextFile } from '../../src/io/readText.ts';
import { parsePlan } from '../../src/plan/io.ts';
import { loadScenario } from '../../src/scenario/load.ts';
import { computeDistanceMatrix } from '../../src/travel/travelMatrix.ts';
import { tempDir } from '../helpers/fixtures.ts';
import { P1, TINY } from './tinyPlans.ts';

async function tiny() {
  const sc = await loadScenario(TINY);
  const cmp = comparePlans(sc, await computeDistanceMatrix(sc), [{ label: 'P1', file: path.join(TINY, 'P1.json'), plan: parsePlan(P1, 'P1.json', sc) }]);
  return { sc, cmp };
}

describe('writing a comparison', () => {
  it('writes a tidy CSV with one row per plan, service and age band (plus all ages), with the Chinese name of each service', async () => {
    const { sc, cmp } = await tiny();
    const out = path.join(tempDir(), 'cmp');
    await writeComparison(out, sc, cmp, TINY);
    const lines = readTextFile(path.join(out, 'comparison.csv.gz')).trim().split('\n');
    expect(lines[0]).toBe('plan,service,service_name_zh,age_band,covered_share,residents_covered');
    expect(lines).toHaveLength(1 + 2 * 3 * 7);
    expect(lines).toContain('P1,repair,维修点（配钥匙、修鞋、缝补）,all,0.8333,500');
    expect(lines).toContain('today,grocery,便利店 / 超市,75+,0,0');
  });

  it('records the scenario and plan files relative to the output folder', async () => {
    const { sc, cmp } = await tiny();
    const out = path.join(tempDir(), 'cmp');
    await writeComparison(out, sc, cmp, TINY);
    const doc = JSON.parse(fs.readFileSync(path.join(out, 'comparison.json'), 'utf8'));
    expect(path.resolve(out, doc.source)).toBe(path.resolve(TINY));
    expect(path.resolve(out, doc.plans[1].file)).toBe(path.join(TINY, 'P1.json'));
    expect(doc.plans[1].conversions[0]).toMatchObject({ candidate: 'K1', services: ['repair'], cost: 30000 });
    expect(doc.blocks).toHaveLength(3);
  });

  it('writes the same bytes twice', async () => {
    const { sc, cmp } = await tiny();
    const a = path.join(tempDir(), 'a');
    const b = path.join(tempDir(), 'a');
    await writeComparison(a, sc, cmp, TINY);
    await writeComparison(b, sc, cmp, TINY);
    for (const f of ['comparison.json', 'comparison.csv.gz', 'comparison_coverage.parquet']) expect(fs.readFileSync(path.join(a, f))).toEqual(fs.readFileSync(path.join(b, f)));
  });

  it('leaves no half-written file when a write fails, and keeps other files in the folder', async () => {
    const { sc, cmp } = await tiny();
    const out = tempDir();
    fs.writeFileSync(path.join(out, 'summary.json'), '{}');
    fs.mkdirSync(path.join(out, 'comparison.json'));
    await expect(writeComparison(out, sc, cmp, TINY)).rejects.toThrow();
    expect(fs.readdirSync(out).sort()).toEqual(['comparison.json', 'summary.json']);
    fs.rmdirSync(path.join(out, 'comparison.json'));
    await writeComparison(out, sc, cmp, TINY);
    expect(fs.readdirSync(out).sort()).toEqual(['comparison.csv.gz', 'comparison.json', 'comparison_coverage.parquet', 'summary.json']);
  });
});
