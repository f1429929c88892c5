/** The optimize job: demand, siting, and plan.json, plan.geojson and optimize.json written atomically, whatever the thread count. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { optimizeToDir } from '../../src/jobs/optimize.ts';
import { FIXTURES, tempDir } from '../helpers/fixtures.ts';

const TINY = path.join(FIXTURES, 'scenarios', 'tiny');

describe('the optimize job', () => {
  it('writes the same plan, plan.geojson and optimize.json on 1 and 2 threads', async () => {
    const out = tempDir();
    const one = await optimizeToDir(TINY, { out: path.join(out, 'one'), threads: 1, timeLimit: 10 });
    const two = await optimizeToDir(TINY, { out: path.join(out, 'two'), threads: 2, timeLimit: 10 });
    expect(fs.readdirSync(one.outDir).sort()).toEqual([...one.files].sort());
    for (const f of one.files) expect(fs.readFileSync(path.join(two.outDir, f), 'utf8'), f).toBe(fs.readFileSync(path.join(one.outDir, f), 'utf8'));
    expect(one.record).toMatchObject({ scenario: 'tiny', seed: 42, demand: 'simulated' });
    expect(one.record.plan.conversions).toBeGreaterThan(0);
  });

  it('leaves no folder behind when the scenario is bad', async () => {
    const out = path.join(tempDir(), 'out');
    await expect(optimizeToDir(path.join(tempDir(), 'nowhere'), { out })).rejects.toThrow();
    expect(fs.existsSync(out)).toBe(false);
  });
});
